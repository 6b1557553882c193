import { FUTURE_ALLOWANCE_MS, readPolls, streamPolls, type PollTarget } from '../src';
import { TempDir, collecting, polls } from './support/temp-csv';

const HEADER = 'store_id,status,timestamp_utc';
const NOW = Date.UTC(2024, 0, 8, 17, 0, 0); // 2024-01-08T17:00:00Z
const PAST = Date.UTC(2024, 0, 8, 16, 0, 0);

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

describe('polls later than now plus the allowance', () => {
  const rows = [
    '1,active,2024-01-08 16:00:00 UTC',
    '2,active,9999-12-31 23:59:59.999999 UTC', // the probe's poll
    '3,inactive,2024-01-08T18:00:00Z', // exactly now + 1h: allowed
    '4,active,2024-01-08T18:00:00.000001Z', // one microsecond past it
    '5,active,2024-01-08T20:00:00+01:00', // 19:00Z
    '"6",active,2024-01-08 19:30:00 UTC', // quoted: read by the slow path
  ];

  it('are rejected with their line and reason, counted apart, and never reach the polls', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file('polls.csv', `${[HEADER, ...rows].join('\n')}\n`);
    const { series, read, rejected, future } = await readPolls(path, { onReject, now: NOW });
    expect({ read, rejected, future }).toEqual({ read: 6, rejected: 4, future: 4 });
    expect([...series.keys()]).toEqual(['1', '3']);
    expect(series.get('1')).toEqual(polls([PAST], [true]));
    const later = '(later than 2024-01-08T18:00:00Z, now plus 1h)';
    expect(rejects).toEqual([
      {
        file: path,
        line: 3,
        reason: `timestamp_utc: "9999-12-31 23:59:59.999999 UTC" is in the future ${later}`,
        raw: rows[1],
      },
      {
        file: path,
        line: 5,
        reason: `timestamp_utc: "2024-01-08T18:00:00.000001Z" is in the future ${later}`,
        raw: rows[3],
      },
      {
        file: path,
        line: 6,
        reason: `timestamp_utc: "2024-01-08T20:00:00+01:00" is in the future ${later}`,
        raw: rows[4],
      },
      {
        file: path,
        line: 7,
        reason: `timestamp_utc: "2024-01-08 19:30:00 UTC" is in the future ${later}`,
        raw: rows[5],
      },
    ]);
  });

  it('take the allowance given: none at all rejects anything past now', async () => {
    const { rejects, onReject } = collecting();
    const path = dir.file(
      'polls.csv',
      `${HEADER}\n1,active,2024-01-08 17:00:00 UTC\n1,active,2024-01-08 17:00:01 UTC\n`,
    );
    const { future } = await readPolls(path, { onReject, now: NOW, futureAllowanceMs: 0 });
    expect(future).toBe(1);
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [3, 'timestamp_utc: "2024-01-08 17:00:01 UTC" is in the future (later than 2024-01-08T17:00:00Z, now plus 0s)'],
    ]);
  });

  it('default to the clock when the read starts, with one hour of allowance', async () => {
    expect(FUTURE_ALLOWANCE_MS).toBe(3_600_000);
    const soon = new Date(Date.now() + 30 * 60_000).toISOString();
    const late = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const { rejects, onReject } = collecting();
    const before = Date.now();
    const { series, future } = await readPolls(
      dir.file('polls.csv', `${HEADER}\n1,active,${soon}\n2,active,${late}\n`),
      { onReject },
    );
    const after = Date.now();
    expect({ stores: [...series.keys()], future }).toEqual({ stores: ['1'], future: 1 });
    const match = /^timestamp_utc: "(.+)" is in the future \(later than (.+), now plus 1h\)$/.exec(rejects[0].reason)!;
    expect(match[1]).toBe(late);
    const limit = Date.parse(match[2]);
    expect(limit).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(limit).toBeLessThanOrEqual(after + 3_600_000);
  });

  it('are counted by streamPolls too, which hands the others to its target', async () => {
    const kept: string[] = [];
    const target: PollTarget = {
      add: (id) => kept.push(id),
      addBytes: (bytes, start, end) => kept.push(Buffer.from(bytes.subarray(start, end)).toString()) > 0,
    };
    const path = dir.file('polls.csv', `${[HEADER, ...rows].join('\n')}\n`);
    expect(await streamPolls(path, target, { now: NOW })).toEqual({ read: 6, rejected: 4, future: 4 });
    expect(kept).toEqual(['1', '3']);
  });

  it('refuses a now or an allowance that is not a number of ms', async () => {
    const path = dir.file('polls.csv', `${HEADER}\n`);
    await expect(readPolls(path, { now: Number.NaN })).rejects.toThrow('now must be a finite instant in ms, got NaN');
    await expect(readPolls(path, { futureAllowanceMs: -1 })).rejects.toThrow(
      'futureAllowanceMs must be 0 or more, got -1',
    );
  });
});
