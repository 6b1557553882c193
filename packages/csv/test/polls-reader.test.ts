import { readPolls } from '../src';
import { TempDir, collecting, polls } from './support/temp-csv';

const HEADER = 'store_id,status,timestamp_utc';
const T1 = Date.UTC(2023, 0, 22, 12, 9, 39) + 388884 / 1000;
const T2 = Date.UTC(2023, 0, 22, 12, 10, 0);
const T3 = Date.UTC(2023, 0, 22, 13, 0, 0);

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

describe('readPolls: good files', () => {
  it('groups polls by store, each in time order, the later of two rows at one instant kept', async () => {
    const path = dir.file(
      'polls.csv',
      [
        HEADER,
        '1,active,2023-01-22 13:00:00 UTC',
        '2,inactive,2023-01-22 12:10:00 UTC',
        '1,inactive,2023-01-22 12:09:39.388884 UTC',
        '1,inactive,2023-01-22 13:00:00 UTC',
        '',
      ].join('\n'),
    );
    for (const compiledScan of [true, false]) {
      const { series, read, rejected } = await readPolls(path, { compiledScan });
      expect(read).toBe(4);
      expect(rejected).toBe(0);
      expect([...series.keys()]).toEqual(['1', '2']);
      expect(series.get('1')).toEqual(polls([T1, T3], [false, false]));
      expect(series.get('2')).toEqual(polls([T2], [false]));
    }
  });

  it('finds columns by name in any order and ignores extra columns', async () => {
    const path = dir.file(
      'polls.csv',
      'note,timestamp_utc,store_id,extra,status\nx,2023-01-22 12:10:00 UTC,7,y,active\n,2023-01-22T13:00:00Z,7,,inactive\n',
    );
    const { series } = await readPolls(path);
    expect(series.get('7')).toEqual(polls([T2, T3], [true, false]));
  });

  it('reads status in any case', async () => {
    const path = dir.file(
      'polls.csv',
      `${HEADER}\n1,ACTIVE,2023-01-22T13:00:00Z\n1,Inactive,2023-01-22T13:01:00Z\n1,aCtIvE,2023-01-22T13:02:00Z\n1,INACTIVE,2023-01-22T13:03:00Z\n`,
    );
    expect((await readPolls(path)).series.get('1')?.active).toEqual(Uint8Array.from([1, 0, 1, 0]));
  });

  it('keeps store ids as exact strings: 64-bit integers, leading zeros, UUIDs', async () => {
    const ids = [
      '9223372036854775807',
      '9223372036854775808',
      '0042',
      '42',
      'b5d0a65d-6d54-47aa-95e9-9312f0353326',
      'B5D0A65D-6D54-47AA-95E9-9312F0353326',
    ];
    const path = dir.file('polls.csv', [HEADER, ...ids.map((id) => `${id},active,2023-01-22T13:00:00Z`)].join('\n'));
    const { series } = await readPolls(path);
    expect([...series.keys()]).toEqual(ids);
  });

  it('strips a byte-order mark from the first header field', async () => {
    const path = dir.file(
      'polls.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\n1,active,2023-01-22T13:00:00Z\n`)]),
    );
    const { series, rejected } = await readPolls(path);
    expect(rejected).toBe(0);
    expect(series.get('1')).toEqual(polls([T3], [true]));
  });

  it('reads CRLF, LF and a mix of both, with and without a final line end', async () => {
    const rows = [
      '1,active,2023-01-22T13:00:00Z',
      '2,inactive,2023-01-22 12:10:00 UTC',
      '1,inactive,2023-01-22 12:09:39.388884 UTC',
    ];
    const variants = {
      crlf: `${[HEADER, ...rows].join('\r\n')}\r\n`,
      lf: [HEADER, ...rows].join('\n'),
      mixed: `${HEADER}\r\n${rows[0]}\n${rows[1]}\r\n${rows[2]}`,
    };
    for (const [name, text] of Object.entries(variants)) {
      const { series, read, rejected } = await readPolls(dir.file(`${name}.csv`, text));
      expect({ name, read, rejected }).toEqual({ name, read: 3, rejected: 0 });
      expect(series.get('1')).toEqual(polls([T1, T3], [false, true]));
      expect(series.get('2')).toEqual(polls([T2], [false]));
    }
  });

  it('trims whitespace around every field, including the header', async () => {
    const path = dir.file(
      'polls.csv',
      ' store_id , status\t,\ttimestamp_utc \n  1 ,  active\t, 2023-01-22T13:00:00Z  \r\n',
    );
    const { series, rejected } = await readPolls(path);
    expect(rejected).toBe(0);
    expect(series.get('1')).toEqual(polls([T3], [true]));
  });

  it('skips blank and whitespace-only lines but counts them for line numbers', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file(
      'polls.csv',
      `\n${HEADER}\n\n1,active,2023-01-22T13:00:00Z\n   \n\r\n1,open,2023-01-22T13:00:00Z\n\n\n`,
    );
    const { series, read, rejected } = await readPolls(path, { onReject });
    expect({ read, rejected }).toEqual({ read: 2, rejected: 1 });
    expect(series.get('1')).toEqual(polls([T3], [true]));
    expect(rejects).toEqual([
      { file: path, line: 7, reason: 'status: "open" is not active or inactive', raw: '1,open,2023-01-22T13:00:00Z' },
    ]);
  });

  it('reads a header-only file as no polls', async () => {
    const { series, read, rejected } = await readPolls(dir.file('polls.csv', `${HEADER}\n`));
    expect({ stores: series.size, read, rejected }).toEqual({ stores: 0, read: 0, rejected: 0 });
  });

  it('reports progress up to the file size', async () => {
    const text = `${HEADER}\n${'1,active,2023-01-22T13:00:00Z\n'.repeat(10_000)}`;
    const path = dir.file('polls.csv', text);
    const calls: Array<[number, number]> = [];
    await readPolls(path, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every(([, total]) => total === text.length)).toBe(true);
    expect(calls[calls.length - 1][0]).toBe(text.length);
    expect(calls.map(([done]) => done)).toEqual([...calls.map(([done]) => done)].sort((a, b) => a - b));
  });
});

describe('readPolls: rejects one row at a time, keeping its neighbours', () => {
  const cases: Array<[string, string, string]> = [
    [
      'bad timestamp',
      '1,active,2023-13-01 00:00:00 UTC',
      'timestamp_utc: "2023-13-01 00:00:00 UTC" is not a valid timestamp',
    ],
    [
      '29 February 2023',
      '1,active,2023-02-29 10:00:00 UTC',
      'timestamp_utc: "2023-02-29 10:00:00 UTC" is not a valid timestamp',
    ],
    [
      'hour 24',
      '1,active,2023-01-22 24:00:00 UTC',
      'timestamp_utc: "2023-01-22 24:00:00 UTC" is not a valid timestamp',
    ],
    ['unknown status', '1,open,2023-01-22T13:00:00Z', 'status: "open" is not active or inactive'],
    ['empty store id', ',active,2023-01-22T13:00:00Z', 'store_id: is empty'],
    ['blank store id', '   ,active,2023-01-22T13:00:00Z', 'store_id: is empty'],
    ['empty status', '1,,2023-01-22T13:00:00Z', 'status: is empty'],
    ['empty timestamp', '1,active,', 'timestamp_utc: is empty'],
    ['too few fields', '1,active', 'has 2 fields, header has 3'],
    ['one field', 'garbage', 'has 1 field, header has 3'],
    ['too many fields', '1,active,2023-01-22T13:00:00Z,extra', 'has 4 fields, header has 3'],
    ['trailing comma', '1,active,2023-01-22T13:00:00Z,', 'has 4 fields, header has 3'],
  ];

  it.each(cases)('%s', async (_name, bad, reason) => {
    const { rejects, onReject } = collecting();
    const path = dir.file(
      'polls.csv',
      `${HEADER}\n1,active,2023-01-22 12:10:00 UTC\n${bad}\n1,inactive,2023-01-22T13:00:00Z\n`,
    );
    const { series, read, rejected } = await readPolls(path, { onReject });
    expect(rejects).toEqual([{ file: path, line: 3, reason, raw: bad }]);
    expect({ read, rejected }).toEqual({ read: 3, rejected: 1 });
    expect(series.get('1')).toEqual(polls([T2, T3], [true, false]));
  });

  it('gives the raw line without its CR in a CRLF file', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file('polls.csv', `${HEADER}\r\n1,active,2023-01-22T13:00:00Z\r\n 2 ,nope, x \r\n`);
    await readPolls(path, { onReject });
    expect(rejects).toEqual([
      { file: path, line: 3, reason: 'status: "nope" is not active or inactive', raw: ' 2 ,nope, x ' },
    ]);
  });

  it('reports the first problem of a row, in column order store_id, status, timestamp_utc', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file('polls.csv', `${HEADER}\n1,maybe,yesterday\n`);
    await readPolls(path, { onReject });
    expect(rejects.map((r) => r.reason)).toEqual(['status: "maybe" is not active or inactive']);
  });

  it('quotes an odd value in the reason as JSON', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file('polls.csv', `${HEADER}\n1,"say ""hi""",2023-01-22T13:00:00Z\n`);
    await readPolls(path, { onReject });
    expect(rejects[0].reason).toBe('status: "say \\"hi\\"" is not active or inactive');
    expect(rejects[0].raw).toBe('1,"say ""hi""",2023-01-22T13:00:00Z');
  });

  it('counts every row and reject when there is no onReject callback', async () => {
    const path = dir.file('polls.csv', `${HEADER}\n1,x,y\n2,active,2023-01-22T13:00:00Z\n3,x,y\n`);
    const { read, rejected, series } = await readPolls(path);
    expect({ read, rejected, stores: [...series.keys()] }).toEqual({ read: 3, rejected: 2, stores: ['2'] });
  });
});
