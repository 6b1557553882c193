import { buildReport, computeStore, daysFromCivil, formatReportRow, reportHeader, type StoreInput } from '../src';
import { H, MIN } from './support/fixtures';

const utc = (iso: string): number => Date.parse(iso);

describe("the contract's special-days example: Mondays 09:00-17:00 in New York", () => {
  const monday = daysFromCivil(2024, 1, 8);
  const store = (specialHours: StoreInput['specialHours']): StoreInput => ({
    storeId: '1',
    timeZone: 'America/New_York',
    hours: [{ storeId: '1', day: 0, startMs: 9 * H, endMs: 17 * H }],
    specialHours,
    // 09:30 and 13:30 in New York, both inside the weekly hours.
    polls: { at: [utc('2024-01-08T14:30:00Z'), utc('2024-01-08T18:30:00Z')], active: [1, 0] },
  });
  const now = utc('2024-01-08T22:00:00Z'); // 17:00 in New York

  it('a 12:00-14:00 row makes Monday 2024-01-08 a 2-hour day', () => {
    const special = [{ storeId: '1', date: monday, startMs: 12 * H, endMs: 14 * H }];
    const d = computeStore(store(special), now, 'nearest')!;
    // Only the 13:30 poll is inside the special hours, so it is the only evidence: down.
    expect(d.uptimeDayMs + d.downtimeDayMs).toBe(2 * H);
    expect(d.downtimeDayMs).toBe(2 * H);
    const f = computeStore(store(special), now, 'forward')!;
    // Forward: up from 12:00 until the 13:30 poll, down after it.
    expect(f.uptimeDayMs).toBe(90 * MIN);
    expect(f.downtimeDayMs).toBe(30 * MIN);
  });

  it('a row with both times empty closes the date', () => {
    const d = computeStore(store([{ storeId: '1', date: monday, startMs: null, endMs: null }]), now, 'nearest')!;
    // The week window starts at 17:00 on Monday 2024-01-01, after that day's hours: no business time.
    expect(d).toMatchObject({ uptimeWeekMs: 0, downtimeWeekMs: 0, uptimeDayMs: 0, downtimeDayMs: 0 });
  });

  it('a closed row beside other rows for the same date adds nothing', () => {
    const special = [
      { storeId: '1', date: monday, startMs: null, endMs: null },
      { storeId: '1', date: monday, startMs: 12 * H, endMs: 14 * H },
    ];
    expect(computeStore(store(special), now, 'forward')!.uptimeDayMs).toBe(90 * MIN);
  });
});

describe("the contract's unknown-time example: 24x7 in Chicago, max_gap 1h, nearest", () => {
  const now = utc('2024-01-10T12:00:00Z');
  const store: StoreInput = {
    storeId: 's',
    hours: [],
    polls: { at: [utc('2024-01-10T08:00:00Z'), utc('2024-01-10T11:30:00Z')], active: [1, 0] },
  };

  it('splits business time into up, down and unknown exactly', () => {
    const d = computeStore(store, now, 'nearest', H)!;
    expect(d).toEqual({
      storeId: 's',
      uptimeHourMs: 0,
      uptimeDayMs: 2 * H,
      uptimeWeekMs: 2 * H,
      downtimeHourMs: 60 * MIN,
      downtimeDayMs: 1.5 * H,
      downtimeWeekMs: 1.5 * H,
      unknownHourMs: 0,
      unknownDayMs: 20.5 * H,
      unknownWeekMs: 164.5 * H,
    });
  });

  it('writes the three unknown columns after the seven', () => {
    const { rows } = buildReport([store], { policy: 'nearest', asOf: now, maxGapMs: H });
    expect(reportHeader(true)).toBe(
      'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,' +
        'downtime_last_week,unknown_last_hour,unknown_last_day,unknown_last_week',
    );
    expect(rows.map(formatReportRow)).toEqual(['s,0.00,2.00,2.00,60.00,1.50,1.50,0.00,20.50,164.50']);
  });

  it('forward: known for max_gap after each poll and, before the first, max_gap before it', () => {
    const d = computeStore(store, now, 'forward', H)!;
    // 07:00-09:00 up (the first poll rules an hour before and after it), 11:30-12:00 down.
    expect(d.uptimeDayMs).toBe(2 * H);
    expect(d.downtimeDayMs).toBe(30 * MIN);
    expect(d.unknownDayMs).toBe(21.5 * H);
  });

  it('without max_gap the rows keep their seven columns', () => {
    const { rows } = buildReport([store], { policy: 'nearest' });
    expect(Object.keys(rows[0])).toHaveLength(7);
    expect(formatReportRow(rows[0]).split(',')).toHaveLength(7);
  });
});
