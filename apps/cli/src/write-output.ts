import { rename, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { OutputError } from './output-error';

/**
 * Writes text to a file atomically (a temporary file renamed into place, so a reader never sees
 * half a report) or, without a path, to standard output.
 */
export async function writeOutput(text: string, path: string | undefined): Promise<void> {
  if (path === undefined) {
    if (!process.stdout.write(text)) await once(process.stdout, 'drain');
    return;
  }
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    throw new OutputError(path, error);
  }
}
