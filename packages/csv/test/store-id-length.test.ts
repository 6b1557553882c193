import { readHours, readPolls, readTimeZones } from '../src';
import { TempDir, collecting } from './support/temp-csv';

// One code point, two UTF-16 units: PostgreSQL counts it as one character.
const EMOJI = '\u{1F600}';
const AT = '2023-01-22T13:00:00Z';

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

describe('store id length counts code points, as PostgreSQL does', () => {
  const fits = EMOJI.repeat(255); // 510 UTF-16 units
  const tooLong = `${EMOJI.repeat(255)}x`; // 256 code points

  it('keeps a polls row whose id is 255 emoji and rejects one of 256 code points', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file(
      'polls.csv',
      `store_id,status,timestamp_utc\n${fits},active,${AT}\n${tooLong},active,${AT}\n`,
    );
    const { series, read, rejected } = await readPolls(path, { onReject });
    expect({ read, rejected, stores: [...series.keys()] }).toEqual({ read: 2, rejected: 1, stores: [fits] });
    expect(rejects).toEqual([
      { file: path, line: 3, reason: 'store_id: is longer than 255 characters', raw: `${tooLong},active,${AT}` },
    ]);
  });

  it('keeps a polls row of 128 emoji read through the quoted (slow) path too', async () => {
    const id = EMOJI.repeat(128);
    const { series, rejected } = await readPolls(
      dir.file('polls.csv', `store_id,status,timestamp_utc\n"${id}",active,${AT}\n`),
    );
    expect({ rejected, stores: [...series.keys()] }).toEqual({ rejected: 0, stores: [id] });
  });

  it('judges hours and time zones ids the same way', async () => {
    const hours = collecting();
    const hoursPath = dir.file(
      'hours.csv',
      `store_id,day,start_time_local,end_time_local\n${fits},0,09:00,17:00\n${tooLong},0,09:00,17:00\n`,
    );
    const readH = await readHours(hoursPath, { onReject: hours.onReject });
    expect([...readH.hours.keys()]).toEqual([fits]);
    expect(hours.rejects.map((r) => [r.line, r.reason])).toEqual([[3, 'store_id: is longer than 255 characters']]);

    const zones = collecting();
    const zonesPath = dir.file('tz.csv', `store_id,timezone_str\n${fits},UTC\n${tooLong},UTC\n`);
    const readZ = await readTimeZones(zonesPath, { onReject: zones.onReject });
    expect([...readZ.timeZones.keys()]).toEqual([fits]);
    expect(zones.rejects.map((r) => [r.line, r.reason])).toEqual([[3, 'store_id: is longer than 255 characters']]);
  });

  it('still rejects 256 plain characters', async () => {
    const { rejects, onReject } = collecting();
    const id = 'z'.repeat(256);
    await readPolls(dir.file('polls.csv', `store_id,status,timestamp_utc\n${id},active,${AT}\n`), { onReject });
    expect(rejects.map((r) => r.reason)).toEqual(['store_id: is longer than 255 characters']);
  });
});
