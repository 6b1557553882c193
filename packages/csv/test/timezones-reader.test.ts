import { readTimeZones } from '../src';
import { TempDir, collecting } from './support/temp-csv';

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

describe('readTimeZones', () => {
  it('maps stores to zones; a later row for a store replaces an earlier one', async () => {
    const path = dir.file(
      'tz.csv',
      'timezone_str,store_id\nAmerica/Chicago,1\n Asia/Beirut , 2 \nAmerica/New_York,1\nAsia/Kolkata,3\n',
    );
    const { timeZones, read, rejected } = await readTimeZones(path);
    expect({ read, rejected }).toEqual({ read: 4, rejected: 0 });
    expect([...timeZones]).toEqual([
      ['1', 'America/New_York'],
      ['2', 'Asia/Beirut'],
      ['3', 'Asia/Kolkata'],
    ]);
  });

  const cases: Array<[string, string, string]> = [
    ['an unknown zone', '2,Mars/Olympus_Mons', 'timezone_str: "Mars/Olympus_Mons" is not a known time zone'],
    ['an offset', '2,+05:30', 'timezone_str: "+05:30" is not a known time zone'],
    ['an empty zone', '2,', 'timezone_str: is empty'],
    ['an empty store', ',America/Chicago', 'store_id: is empty'],
    ['too many fields', '2,America/Chicago,x', 'has 3 fields, header has 2'],
  ];

  it.each(cases)('rejects %s and keeps its neighbours', async (_name, bad, reason) => {
    const { rejects, onReject } = collecting();
    const path = dir.file('tz.csv', `store_id,timezone_str\n1,America/Denver\n${bad}\n3,Pacific/Honolulu\n`);
    const { timeZones, read, rejected } = await readTimeZones(path, { onReject });
    expect(rejects).toEqual([{ file: path, line: 3, reason, raw: bad }]);
    expect({ read, rejected, zones: [...timeZones] }).toEqual({
      read: 3,
      rejected: 1,
      zones: [
        ['1', 'America/Denver'],
        ['3', 'Pacific/Honolulu'],
      ],
    });
  });

  it('rejects every row of a repeated unknown zone, not just the first', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file('tz.csv', 'store_id,timezone_str\n1,Nowhere/Land\n2,Nowhere/Land\n');
    await readTimeZones(path, { onReject });
    expect(rejects.map((r) => r.line)).toEqual([2, 3]);
  });
});
