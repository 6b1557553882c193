import { buildReport, computeStore, type HoursRow, type Policy, type StoreInput } from '../src';

const H = 3_600_000;
const M = 60_000;
const utc = (iso: string): number => Date.parse(iso);

function store(storeId: string, polls: [string, boolean][], extra: Partial<StoreInput> = {}): StoreInput {
  return {
    storeId,
    hours: [],
    polls: { at: polls.map(([t]) => utc(t)), active: polls.map(([, a]) => a) },
    ...extra,
  };
}

describe('worked example: a 24x7 store in America/Chicago, now 2024-01-10 12:00 UTC', () => {
  const now = utc('2024-01-10T12:00:00Z');
  const cases: [string, Policy, [string, boolean][], number, number][] = [
    [
      'active 11:00, inactive 11:30',
      'nearest',
      [
        ['2024-01-10T11:00:00Z', true],
        ['2024-01-10T11:30:00Z', false],
      ],
      15,
      45,
    ],
    [
      'active 11:00, inactive 11:30',
      'forward',
      [
        ['2024-01-10T11:00:00Z', true],
        ['2024-01-10T11:30:00Z', false],
      ],
      30,
      30,
    ],
    ['active 10:00 only', 'nearest', [['2024-01-10T10:00:00Z', true]], 60, 0],
    ['active 10:00 only', 'forward', [['2024-01-10T10:00:00Z', true]], 60, 0],
  ];
  it.each(cases)('%s, %s policy', (_name, policy, polls, upMin, downMin) => {
    const d = computeStore(store('s', polls), now, policy)!;
    expect(d.uptimeHourMs).toBe(upMin * M);
    expect(d.downtimeHourMs).toBe(downMin * M);
  });
});

describe('worked example: store 1 open Mondays 09:00-17:00 in New York', () => {
  const monday: HoursRow = { storeId: '1', day: 0, startMs: 9 * H, endMs: 17 * H };
  // 08:50 and 09:50 New York time on Monday 2024-01-08 (UTC-5).
  const store1 = store(
    '1',
    [
      ['2024-01-08T13:50:00Z', true],
      ['2024-01-08T14:50:00Z', false],
    ],
    {
      timeZone: 'America/New_York',
      hours: [monday],
    },
  );
  const other = store('2', [['2024-01-08T17:00:00Z', true]]);

  it('nearest: the 08:50 poll is outside business hours, so it is no evidence', () => {
    const { now, rows } = buildReport([other, store1], { policy: 'nearest' });
    expect(now).toBe(utc('2024-01-08T17:00:00Z'));
    expect(rows[0]).toEqual({
      store_id: '1',
      uptime_last_hour: 0,
      uptime_last_day: 0,
      uptime_last_week: 0,
      downtime_last_hour: 60,
      downtime_last_day: 3,
      downtime_last_week: 8,
    });
  });

  it('forward: the first poll also rules before it', () => {
    const { rows } = buildReport([other, store1], { policy: 'forward' });
    expect(rows[0]).toEqual({
      store_id: '1',
      uptime_last_hour: 0,
      uptime_last_day: 0.83,
      uptime_last_week: 5.83,
      downtime_last_hour: 60,
      downtime_last_day: 2.17,
      downtime_last_week: 2.17,
    });
  });

  it('forward durations are exact to the millisecond', () => {
    const d = computeStore(store1, utc('2024-01-08T17:00:00Z'), 'forward')!;
    expect(d.uptimeWeekMs).toBe(5 * H + 50 * M);
    expect(d.downtimeWeekMs).toBe(2 * H + 10 * M);
    expect(d.uptimeDayMs).toBe(50 * M);
  });
});
