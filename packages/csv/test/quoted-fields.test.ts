import { readPolls } from '../src';
import { TempDir, collecting, polls } from './support/temp-csv';

const HEADER = 'store_id,status,timestamp_utc';
const T = Date.UTC(2023, 0, 22, 13, 0, 0);
const GOOD = '1,active,2023-01-22T13:00:00Z';

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

describe('quoted fields', () => {
  it('reads quoted fields, embedded commas and doubled quotes', async () => {
    const path = dir.file(
      'polls.csv',
      `"store_id","status","timestamp_utc"\n"a,b","active","2023-01-22T13:00:00Z"\n"say ""hi""",inactive,2023-01-22T13:00:00Z\n`,
    );
    const { series, rejected } = await readPolls(path);
    expect(rejected).toBe(0);
    expect([...series.keys()]).toEqual(['a,b', 'say "hi"']);
  });

  it('trims whitespace inside quotes too, and reads a quoted field followed by CRLF', async () => {
    const path = dir.file('polls.csv', `${HEADER}\r\n" 1 "," active ","2023-01-22T13:00:00Z"\r\n`);
    const { series, rejected } = await readPolls(path);
    expect(rejected).toBe(0);
    expect(series.get('1')).toEqual(polls([T], [true]));
  });

  it('keeps a line break inside a quoted field and counts physical lines after it', async () => {
    const { rejects, onReject } = collecting();
    const text = [
      HEADER,
      '"multi',
      'line",active,2023-01-22T13:00:00Z',
      '"three\r',
      'line',
      'id",inactive,2023-01-22T13:00:00Z',
      '1,bad,2023-01-22T13:00:00Z',
      GOOD,
    ].join('\n');
    const path = dir.file('polls.csv', text);
    const { series, read, rejected } = await readPolls(path, { onReject });
    expect({ read, rejected }).toEqual({ read: 4, rejected: 1 });
    expect([...series.keys()]).toEqual(['multi\nline', 'three\r\nline\nid', '1']);
    expect(rejects).toEqual([
      { file: path, line: 7, reason: 'status: "bad" is not active or inactive', raw: '1,bad,2023-01-22T13:00:00Z' },
    ]);
  });

  it('gives all lines of a rejected multi-line row as its raw text, numbered from its first line', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file('polls.csv', `${HEADER}\n${GOOD}\n"a\nb",nope,x\n${GOOD}\n`);
    await readPolls(path, { onReject });
    expect(rejects).toEqual([
      { file: path, line: 3, reason: 'status: "nope" is not active or inactive', raw: '"a\nb",nope,x' },
    ]);
  });

  it('rejects only the line of an unterminated quote at the end of the file and keeps the rows after it', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file(
      'polls.csv',
      `${HEADER}\n${GOOD}\n2,"active,2023-01-22T13:00:00Z\n3,active,2023-01-22T13:00:00Z\n4,inactive,2023-01-22T13:00:00Z\n`,
    );
    const { series, read, rejected } = await readPolls(path, { onReject });
    expect(rejects).toEqual([
      { file: path, line: 3, reason: 'a quoted field is never closed', raw: '2,"active,2023-01-22T13:00:00Z' },
    ]);
    expect({ read, rejected }).toEqual({ read: 4, rejected: 1 });
    expect([...series.keys()]).toEqual(['1', '3', '4']);
  });

  it('contains a stray quote that papaparse would close at a later quoted field', async () => {
    const { rejects, onReject } = collecting();
    const lines = [
      HEADER,
      GOOD,
      '2,"active,2023-01-22T13:00:00Z',
      '3,active,2023-01-22T13:00:00Z',
      '"4",active,2023-01-22T13:00:00Z',
      '5,active,2023-01-22T13:00:00Z',
    ];
    const path = dir.file('polls.csv', lines.join('\n'));
    const { series, read, rejected } = await readPolls(path, { onReject });
    expect(rejects).toEqual([{ file: path, line: 3, reason: 'a quoted field is never closed', raw: lines[2] }]);
    expect({ read, rejected }).toEqual({ read: 5, rejected: 1 });
    expect([...series.keys()]).toEqual(['1', '3', '4', '5']);
  });

  it('rejects text after a closing quote on its own line', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file('polls.csv', `${HEADER}\n${GOOD}\n2,"act"ive,2023-01-22T13:00:00Z\n${GOOD}\n`);
    const { read, rejected, series } = await readPolls(path, { onReject });
    expect(rejects).toEqual([
      {
        file: path,
        line: 3,
        reason: 'a quoted field has text after its closing quote',
        raw: '2,"act"ive,2023-01-22T13:00:00Z',
      },
    ]);
    // GOOD twice is one instant: one poll.
    expect({ read, rejected, polls: series.get('1')?.at.length }).toEqual({ read: 3, rejected: 1, polls: 1 });
  });

  it('treats a quote inside an unquoted field as text', async () => {
    const { series, rejected } = await readPolls(
      dir.file('polls.csv', `${HEADER}\n12"34,active,2023-01-22T13:00:00Z\n`),
    );
    expect(rejected).toBe(0);
    expect([...series.keys()]).toEqual(['12"34']);
  });
});
