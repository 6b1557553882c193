import { readFileSync } from 'node:fs';
import { parse } from 'papaparse';
import { REJECT_COLUMNS, type Reject, RejectCollector, RejectsCsvFile, readPolls } from '../src';

async function writeRejectsCsv(path: string, rejects: Reject[]): Promise<void> {
  const file = await RejectsCsvFile.create(path);
  rejects.forEach(file.write);
  await file.close();
}
import { TempDir } from './support/temp-csv';

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

describe('RejectCollector', () => {
  it('counts every reject and keeps up to its limit', async () => {
    const path = dir.file('polls.csv', 'store_id,status,timestamp_utc\n1,x,y\n2,x,y\n3,x,y\n');
    const collector = new RejectCollector(2);
    const { rejected } = await readPolls(path, { onReject: collector.add });
    expect(rejected).toBe(3);
    expect(collector.count).toBe(3);
    expect(collector.kept.map((r) => r.line)).toEqual([2, 3]);
  });

  it('keeps everything by default', () => {
    const collector = new RejectCollector();
    for (let line = 2; line < 1002; line++) collector.add({ file: 'f', line, reason: 'r', raw: 'x' });
    expect(collector.kept).toHaveLength(1000);
  });
});

describe('RejectsCsvFile', () => {
  it('writes file,line,reason,raw with quoting that reads back exactly', async () => {
    const rejects: Reject[] = [
      {
        file: '/data/polls.csv',
        line: 3,
        reason: 'status: "open" is not active or inactive',
        raw: '1,open,2023-01-22T13:00:00Z',
      },
      { file: 'a,b.csv', line: 10, reason: 'a quoted field is never closed', raw: '"multi\nline",x' },
      { file: 'f.csv', line: 11, reason: 'store_id: is empty', raw: '  ,active,x  ' },
    ];
    const path = `${dir.path}/rejects.csv`;
    await writeRejectsCsv(path, rejects);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toBe(REJECT_COLUMNS.join(','));
    expect(text.split('\n')[1]).toBe(
      '/data/polls.csv,3,"status: ""open"" is not active or inactive","1,open,2023-01-22T13:00:00Z"',
    );
    const back = parse<string[]>(text.trimEnd(), { delimiter: ',', newline: '\n' }).data;
    expect(back).toEqual([[...REJECT_COLUMNS], ...rejects.map((r) => [r.file, String(r.line), r.reason, r.raw])]);
  });

  it('writes just the header when there are no rejects', async () => {
    const path = `${dir.path}/rejects.csv`;
    await writeRejectsCsv(path, []);
    expect(readFileSync(path, 'utf8')).toBe('file,line,reason,raw\n');
  });
});
