import { daysFromCivil } from '@store-monitor/engine';
import { readSpecialHours } from '../src';
import { TempDir, collecting } from './support/temp-csv';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const HEADER = 'store_id,date,start_time_local,end_time_local';

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

describe('readSpecialHours', () => {
  it('reads open rows, closed rows and overnight rows as written', async () => {
    const path = dir.file(
      'special_hours.csv',
      `${HEADER}\n1,2024-01-08,12:00,14:00\n1,2024-12-25,,\n2,2024-02-29,22:00:00,02:30\n1,2024-01-08,16:00,24:00\n`,
    );
    const { specialHours, read, rejected } = await readSpecialHours(path);
    expect({ read, rejected }).toEqual({ read: 4, rejected: 0 });
    expect(specialHours.get('1')).toEqual([
      { storeId: '1', date: daysFromCivil(2024, 1, 8), startMs: 12 * HOUR, endMs: 14 * HOUR },
      { storeId: '1', date: daysFromCivil(2024, 12, 25), startMs: null, endMs: null },
      { storeId: '1', date: daysFromCivil(2024, 1, 8), startMs: 16 * HOUR, endMs: 24 * HOUR },
    ]);
    expect(specialHours.get('2')).toEqual([
      { storeId: '2', date: daysFromCivil(2024, 2, 29), startMs: 22 * HOUR, endMs: 2 * HOUR + 30 * MINUTE },
    ]);
  });

  it('counts dates from 1970-01-01 in the proleptic Gregorian calendar', async () => {
    const path = dir.file('s.csv', `${HEADER}\na,1970-01-01,,\na,1969-12-31,,\na,2000-03-01,,\na,0001-01-01,,\n`);
    const { specialHours } = await readSpecialHours(path);
    expect(specialHours.get('a')?.map((r) => r.date)).toEqual([0, -1, 11_017, -719_162]);
  });

  it('finds columns in any order, keeps extra ones, and trims fields', async () => {
    const path = dir.file(
      's.csv',
      'note,end_time_local,date,store_id,start_time_local\nhello, 17:00 , 2024-07-04 , x ,09:00\nbye, , 2024-07-05,x,  \n',
    );
    const { specialHours, rejected } = await readSpecialHours(path);
    expect(rejected).toBe(0);
    expect(specialHours.get('x')).toEqual([
      { storeId: 'x', date: daysFromCivil(2024, 7, 4), startMs: 9 * HOUR, endMs: 17 * HOUR },
      { storeId: 'x', date: daysFromCivil(2024, 7, 5), startMs: null, endMs: null },
    ]);
  });

  it('reads a byte-order mark, CRLF line ends and quoted fields', async () => {
    const path = dir.file(
      's.csv',
      `\ufeff${HEADER}\r\n"1","2024-01-08","12:00","14:00"\r\n"1,000",2024-01-09,"",""\r\n`,
    );
    const { specialHours, read, rejected } = await readSpecialHours(path);
    expect({ read, rejected }).toEqual({ read: 2, rejected: 0 });
    expect(specialHours.get('1')).toEqual([
      { storeId: '1', date: daysFromCivil(2024, 1, 8), startMs: 12 * HOUR, endMs: 14 * HOUR },
    ]);
    expect(specialHours.get('1,000')).toEqual([
      { storeId: '1,000', date: daysFromCivil(2024, 1, 9), startMs: null, endMs: null },
    ]);
  });

  it('reads a stream as well as a file', async () => {
    const { specialHours } = await readSpecialHours({
      name: 'upload',
      bytes: (async function* () {
        yield `${HEADER}\n7,2024-05-`;
        yield Buffer.from('01,,\n');
      })(),
    });
    expect(specialHours.get('7')).toEqual([
      { storeId: '7', date: daysFromCivil(2024, 5, 1), startMs: null, endMs: null },
    ]);
  });

  it('refuses a header without the date column, naming what it has', async () => {
    const path = dir.file('s.csv', 'store_id,day,start_time_local,end_time_local\n1,0,09:00,17:00\n');
    await expect(readSpecialHours(path)).rejects.toThrow(
      'missing column "date" (header has: "store_id", "day", "start_time_local", "end_time_local")',
    );
  });

  const cases: Array<[string, string, string]> = [
    ['30 February', '1,2024-02-30,09:00,17:00', 'date: "2024-02-30" is not a real date written YYYY-MM-DD'],
    ['29 February of a common year', '1,2023-02-29,,', 'date: "2023-02-29" is not a real date written YYYY-MM-DD'],
    ['29 February 1900', '1,1900-02-29,,', 'date: "1900-02-29" is not a real date written YYYY-MM-DD'],
    ['month 13', '1,2024-13-01,09:00,17:00', 'date: "2024-13-01" is not a real date written YYYY-MM-DD'],
    ['month 00', '1,2024-00-10,09:00,17:00', 'date: "2024-00-10" is not a real date written YYYY-MM-DD'],
    ['day 00', '1,2024-01-00,09:00,17:00', 'date: "2024-01-00" is not a real date written YYYY-MM-DD'],
    ['31 April', '1,2024-04-31,,', 'date: "2024-04-31" is not a real date written YYYY-MM-DD'],
    ['one-digit month and day', '1,2024-2-3,09:00,17:00', 'date: "2024-2-3" is not a real date written YYYY-MM-DD'],
    ['slashes', '1,2024/01/08,09:00,17:00', 'date: "2024/01/08" is not a real date written YYYY-MM-DD'],
    ['a timestamp', '1,2024-01-08 00:00,,', 'date: "2024-01-08 00:00" is not a real date written YYYY-MM-DD'],
    ['a day first', '1,08-01-2024,,', 'date: "08-01-2024" is not a real date written YYYY-MM-DD'],
    ['empty date', '1,,09:00,17:00', 'date: is empty'],
    [
      'empty start only',
      '1,2024-01-08,,17:00',
      'start_time_local: is empty (end_time_local is not; both empty means closed)',
    ],
    [
      'empty end only',
      '1,2024-01-08,09:00,',
      'end_time_local: is empty (start_time_local is not; both empty means closed)',
    ],
    ['bad start', '1,2024-01-08,9am,17:00', 'start_time_local: "9am" is not a valid clock time'],
    ['bad end', '1,2024-01-08,09:00,25:00', 'end_time_local: "25:00" is not a valid clock time'],
    ['24:00 as a start', '1,2024-01-08,24:00,17:00', 'start_time_local: "24:00" is allowed only as an end time'],
    ['empty store', ',2024-01-08,09:00,17:00', 'store_id: is empty'],
    ['NUL in the store id', '1\u0000,2024-01-08,,', 'store_id: holds a NUL character'],
    ['too few fields', '1,2024-01-08,09:00', 'has 3 fields, header has 4'],
  ];

  it.each(cases)('rejects %s with its line and keeps its neighbours', async (_name, bad, reason) => {
    const { rejects, onReject } = collecting();
    const path = dir.file('special_hours.csv', `${HEADER}\n1,2024-01-01,,\n${bad}\n1,2024-01-02,10:00,11:00\n`);
    const { specialHours, read, rejected } = await readSpecialHours(path, { onReject });
    expect(rejects).toEqual([{ file: path, line: 3, reason, raw: bad }]);
    expect({ read, rejected, dates: specialHours.get('1')?.map((r) => r.date) }).toEqual({
      read: 3,
      rejected: 1,
      dates: [daysFromCivil(2024, 1, 1), daysFromCivil(2024, 1, 2)],
    });
  });

  it('gives each reject its own line among several', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file(
      's.csv',
      `${HEADER}\r\n1,2024-02-30,,\r\n2,2024-03-01,,\r\n\r\n3,2024-03-02,08:00,\r\n4,2024-03-03,08:00,09:00\r\n`,
    );
    const { specialHours, read, rejected } = await readSpecialHours(path, { onReject });
    expect(rejects.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [2, 'date'],
      [5, 'end_time_local'],
    ]);
    expect({ read, rejected, stores: [...specialHours.keys()] }).toEqual({ read: 4, rejected: 2, stores: ['2', '4'] });
  });
});
