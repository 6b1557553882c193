import { readHours } from '../src';
import { TempDir, collecting } from './support/temp-csv';

const HOUR = 3_600_000;
const MINUTE = 60_000;

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

describe('readHours', () => {
  it.each(['day', 'dayOfWeek'])('reads the %s header variant', async (dayColumn) => {
    const path = dir.file(
      'hours.csv',
      `store_id,${dayColumn},start_time_local,end_time_local\n1,0,09:00:00,17:00:00\n1,6,10:00,14:30\n2,3,22:00,02:00\n`,
    );
    const { hours, read, rejected } = await readHours(path);
    expect({ read, rejected }).toEqual({ read: 3, rejected: 0 });
    expect(hours.get('1')).toEqual([
      { storeId: '1', day: 0, startMs: 9 * HOUR, endMs: 17 * HOUR },
      { storeId: '1', day: 6, startMs: 10 * HOUR, endMs: 14 * HOUR + 30 * MINUTE },
    ]);
    // Overnight, whole-day and last-minute rules are the engine's: values are passed as written.
    expect(hours.get('2')).toEqual([{ storeId: '2', day: 3, startMs: 22 * HOUR, endMs: 2 * HOUR }]);
  });

  it('passes start = end and 23:59 / 23:59:59 ends through unchanged', async () => {
    const path = dir.file(
      'hours.csv',
      'store_id,day,start_time_local,end_time_local\n1,0,00:00:00,23:59:59\n1,1,00:00,23:59\n1,2,05:00,05:00\n',
    );
    const { hours } = await readHours(path);
    expect(hours.get('1')?.map((r) => [r.startMs, r.endMs])).toEqual([
      [0, 86_399_000],
      [0, 86_340_000],
      [5 * HOUR, 5 * HOUR],
    ]);
  });

  it('reads fractions of a second and 24:00 as an end', async () => {
    const path = dir.file(
      'hours.csv',
      'end_time_local,start_time_local,day,store_id\n24:00,09:00:00.5,1,a\n24:00:00,00:00:00.123456,2,a\n24:00:00.000,08:00,03,a\n',
    );
    const { hours, rejected } = await readHours(path);
    expect(rejected).toBe(0);
    expect(hours.get('a')).toEqual([
      { storeId: 'a', day: 1, startMs: 9 * HOUR + 500, endMs: 24 * HOUR },
      { storeId: 'a', day: 2, startMs: 123456 / 1000, endMs: 24 * HOUR },
      { storeId: 'a', day: 3, startMs: 8 * HOUR, endMs: 24 * HOUR },
    ]);
  });

  it("shares one id string between a store's rows", async () => {
    const path = dir.file(
      'hours.csv',
      'store_id,day,start_time_local,end_time_local\n x ,0,09:00,10:00\nx,1,09:00,10:00\n',
    );
    const { hours } = await readHours(path);
    expect([...hours.keys()]).toEqual(['x']);
    expect(hours.get('x')?.map((r) => r.day)).toEqual([0, 1]);
  });

  const cases: Array<[string, string, string]> = [
    ['day 7', '1,7,09:00,17:00', 'day: "7" is not a weekday number 0-6'],
    ['day -1', '1,-1,09:00,17:00', 'day: "-1" is not a weekday number 0-6'],
    ['day 1.0', '1,1.0,09:00,17:00', 'day: "1.0" is not a weekday number 0-6'],
    ['day Monday', '1,Monday,09:00,17:00', 'day: "Monday" is not a weekday number 0-6'],
    ['empty day', '1,,09:00,17:00', 'day: is empty'],
    ['24:00 as a start', '1,0,24:00,17:00', 'start_time_local: "24:00" is allowed only as an end time'],
    ['24:00:00 as a start', '1,0,24:00:00,17:00', 'start_time_local: "24:00:00" is allowed only as an end time'],
    ['bad start', '1,0,9am,17:00', 'start_time_local: "9am" is not a valid clock time'],
    ['hour 25 end', '1,0,09:00,25:00', 'end_time_local: "25:00" is not a valid clock time'],
    ['24:01 end', '1,0,09:00,24:01', 'end_time_local: "24:01" is not a valid clock time'],
    ['minute 60', '1,0,09:60,17:00', 'start_time_local: "09:60" is not a valid clock time'],
    ['empty start', '1,0,,17:00', 'start_time_local: is empty'],
    ['empty end', '1,0,09:00,', 'end_time_local: is empty'],
    ['empty store', ',0,09:00,17:00', 'store_id: is empty'],
    ['too few fields', '1,0,09:00', 'has 3 fields, header has 4'],
  ];

  it.each(cases)('rejects %s and keeps its neighbours', async (_name, bad, reason) => {
    const { rejects, onReject } = collecting();
    const path = dir.file(
      'hours.csv',
      `store_id,day,start_time_local,end_time_local\n1,0,09:00,10:00\n${bad}\n1,1,09:00,10:00\n`,
    );
    const { hours, read, rejected } = await readHours(path, { onReject });
    expect(rejects).toEqual([{ file: path, line: 3, reason, raw: bad }]);
    expect({ read, rejected, days: hours.get('1')?.map((r) => r.day) }).toEqual({ read: 3, rejected: 1, days: [0, 1] });
  });

  it('names the dayOfWeek column in its reasons when the file uses it', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file('hours.csv', 'store_id,dayOfWeek,start_time_local,end_time_local\n1,9,09:00,10:00\n');
    await readHours(path, { onReject });
    expect(rejects.map((r) => r.reason)).toEqual(['dayOfWeek: "9" is not a weekday number 0-6']);
  });
});
