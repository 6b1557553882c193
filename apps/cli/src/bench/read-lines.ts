// The reference workload: stream a file and split it into lines, nothing else. The report's
// target is stated as a multiple of this, measured in the same run on the same file.
import { createReadStream } from 'node:fs';

async function countLines(path: string): Promise<number> {
  let lines = 0;
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    lines += parts.length;
  }
  return rest.length > 0 ? lines + 1 : lines;
}

countLines(process.argv[2]).then((lines) => process.stdout.write(`${lines}\n`));
