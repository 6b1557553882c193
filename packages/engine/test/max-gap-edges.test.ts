/**
 * max_gap edge cases with exact numbers worked out by hand, both policies. Unless a case says
 * otherwise the store is open 24x7 in America/Chicago and now = 2024-01-10 12:00 UTC, so the hour
 * window is [11:00Z, 12:00Z), the day window [01-09 12:00Z, 12:00Z) and the week window 168 h; the
 * poll times below are on 2024-01-10, UTC.
 *
 * Contract: nearest is known when its nearest evidence poll is at most max_gap away; forward when
 * the latest poll at or before is at most max_gap before, or, before the first poll, when the first
 * poll is at most max_gap after; distances are exact; up + down + unknown = business time.
 * Every case is also run through the reference sampler, which must give the same numbers.
 */
import { buildReport, computeStore, formatReportRow } from '@store-monitor/engine';
import type { HoursRow, Policy, StoreDurations, StoreInput } from '../src/types';
import { H, MIN, row, special, utc } from './support/fixtures';
import { sampleStore } from './support/reference-sampler';

const NOW = utc('2024-01-10T12:00');

/** [hour, day, week] in ms for up, down and unknown. */
interface Split {
  up: [number, number, number];
  down: [number, number, number];
  unknown: [number, number, number];
}

interface Case {
  name: string;
  store: StoreInput;
  now?: number;
  maxGapMs: number;
  nearest: Split;
  forward: Split;
}

function store24x7(polls: [string, boolean][], extra: Partial<StoreInput> = {}): StoreInput {
  return {
    storeId: 's',
    hours: [],
    polls: { at: polls.map(([t]) => utc(t)), active: polls.map(([, a]) => a) },
    ...extra,
  };
}

const durations = ({ up, down, unknown }: Split): StoreDurations => ({
  storeId: 's',
  uptimeHourMs: up[0],
  uptimeDayMs: up[1],
  uptimeWeekMs: up[2],
  downtimeHourMs: down[0],
  downtimeDayMs: down[1],
  downtimeWeekMs: down[2],
  unknownHourMs: unknown[0],
  unknownDayMs: unknown[1],
  unknownWeekMs: unknown[2],
});

const cases: Case[] = [
  {
    // nearest: up 07:00-09:00, down 09:00-11:00; the midpoint 09:00 is exactly max_gap from both
    // polls, so nothing between them is unknown. forward: up 07:00-09:00, unknown 09:00-10:00
    // (the 08:00 poll is over 1 h back), down 10:00-11:00.
    name: 'polls exactly 2 * max_gap apart',
    store: store24x7([
      ['2024-01-10T08:00', true],
      ['2024-01-10T10:00', false],
    ]),
    maxGapMs: H,
    nearest: { up: [0, 2 * H, 2 * H], down: [0, 2 * H, 2 * H], unknown: [60 * MIN, 20 * H, 164 * H] },
    forward: { up: [0, 2 * H, 2 * H], down: [0, H, H], unknown: [60 * MIN, 21 * H, 165 * H] },
  },
  {
    // forward: each poll is exactly max_gap after the one before, so 07:00-11:00 is all known:
    // up 07:00-09:00, down 09:00-10:00, up 10:00-11:00. nearest: up 07:00-08:30, down 08:30-09:30,
    // up 09:30-11:00: the same totals.
    name: 'polls exactly max_gap apart',
    store: store24x7([
      ['2024-01-10T08:00', true],
      ['2024-01-10T09:00', false],
      ['2024-01-10T10:00', true],
    ]),
    maxGapMs: H,
    nearest: { up: [0, 3 * H, 3 * H], down: [0, H, H], unknown: [60 * MIN, 20 * H, 164 * H] },
    forward: { up: [0, 3 * H, 3 * H], down: [0, H, H], unknown: [60 * MIN, 20 * H, 164 * H] },
  },
  {
    // nearest: up 05:00-07:00, unknown 07:00-10:00, down 10:00-12:00. forward: up 05:00-07:00,
    // unknown 07:00-11:00, down 11:00-12:00.
    name: 'polls more than 2 * max_gap apart',
    store: store24x7([
      ['2024-01-10T06:00', true],
      ['2024-01-10T11:00', false],
    ]),
    maxGapMs: H,
    nearest: { up: [0, 2 * H, 2 * H], down: [60 * MIN, 2 * H, 2 * H], unknown: [0, 20 * H, 164 * H] },
    forward: { up: [0, 2 * H, 2 * H], down: [60 * MIN, H, H], unknown: [0, 21 * H, 165 * H] },
  },
  {
    // Before the first poll. nearest: down 08:00-10:30, up 10:30-12:00. forward: the first poll
    // rules 08:00-10:00 (it is at most 2 h after), so down 08:00-11:00, up 11:00-12:00.
    name: 'before the first poll',
    store: store24x7([
      ['2024-01-10T10:00', false],
      ['2024-01-10T11:00', true],
    ]),
    maxGapMs: 2 * H,
    nearest: { up: [60 * MIN, 1.5 * H, 1.5 * H], down: [0, 2.5 * H, 2.5 * H], unknown: [0, 20 * H, 164 * H] },
    forward: { up: [60 * MIN, H, H], down: [0, 3 * H, 3 * H], unknown: [0, 20 * H, 164 * H] },
  },
  {
    // One poll at 11:30, max_gap 20 min: known 11:10-11:50 under both policies (before the first
    // poll for forward too); 11:00-11:10 and 11:50-12:00 unknown.
    name: 'one poll inside the hour, max_gap shorter than the hour',
    store: store24x7([['2024-01-10T11:30', true]]),
    maxGapMs: 20 * MIN,
    nearest: {
      up: [40 * MIN, 40 * MIN, 40 * MIN],
      down: [0, 0, 0],
      unknown: [20 * MIN, 24 * H - 40 * MIN, 168 * H - 40 * MIN],
    },
    forward: {
      up: [40 * MIN, 40 * MIN, 40 * MIN],
      down: [0, 0, 0],
      unknown: [20 * MIN, 24 * H - 40 * MIN, 168 * H - 40 * MIN],
    },
  },
  {
    // The 12:30 poll is after now: no evidence. The 11:00 poll alone: known 10:00-12:00 (now is
    // exactly max_gap after it).
    name: 'a poll after now gives no evidence',
    store: store24x7([
      ['2024-01-10T11:00', true],
      ['2024-01-10T12:30', false],
    ]),
    maxGapMs: H,
    nearest: { up: [60 * MIN, 2 * H, 2 * H], down: [0, 0, 0], unknown: [0, 22 * H, 166 * H] },
    forward: { up: [60 * MIN, 2 * H, 2 * H], down: [0, 0, 0], unknown: [0, 22 * H, 166 * H] },
  },
  {
    // A max gap longer than the week: every instant known, unknown zero (but present).
    name: 'a max gap longer than the week',
    store: store24x7([['2024-01-01T00:00', false]]),
    maxGapMs: 400 * H,
    nearest: { up: [0, 0, 0], down: [60 * MIN, 24 * H, 168 * H], unknown: [0, 0, 0] },
    forward: { up: [0, 0, 0], down: [60 * MIN, 24 * H, 168 * H], unknown: [0, 0, 0] },
  },
  {
    // The contract's second example with max_gap 30 min: Mondays 09:00-17:00 New York, polls active
    // 08:50 (outside hours) and inactive 09:50 on 2024-01-08; now = 17:00Z (12:00 New York). Business
    // time: day 09:00-12:00 (3 h); week also Monday 01-01 12:00-17:00 (5 h), 8 h in all.
    // nearest: the 08:50 poll is no evidence; 09:50 makes 09:20-10:20 down, the rest unknown.
    // forward: 09:00-09:20 up (08:50 + 30 min), 09:20-09:50 unknown, 09:50-10:20 down, then unknown;
    // 01-01 is a week before the first poll: unknown.
    name: 'business hours: only evidence polls count for nearest, every poll for forward',
    store: {
      storeId: 's',
      timeZone: 'America/New_York',
      hours: [row(0, '09:00', '17:00')],
      polls: { at: [utc('2024-01-08T13:50'), utc('2024-01-08T14:50')], active: [true, false] },
    },
    now: utc('2024-01-08T17:00'),
    maxGapMs: 30 * MIN,
    nearest: { up: [0, 0, 0], down: [0, H, H], unknown: [60 * MIN, 2 * H, 7 * H] },
    forward: { up: [0, 20 * MIN, 20 * MIN], down: [0, 30 * MIN, 30 * MIN], unknown: [60 * MIN, 130 * MIN, 430 * MIN] },
  },
  {
    // 24x7, closed Monday 01-08 (06:00Z to 01-09 06:00Z): 144 business hours in the week. Polls:
    // active 01-08 12:00Z (on the closed day), inactive 01-09 07:00Z; max_gap 2 h.
    // nearest: the closed-day poll is no evidence; 01-09 07:00Z makes 06:00Z-09:00Z down (05:00Z-
    // 06:00Z is closed). forward: 01-09 06:00Z-07:00Z rests on the 01-08 poll, 18 h back: unknown;
    // 07:00Z-09:00Z down.
    name: 'special days: a poll on a closed day is evidence for forward only',
    store: store24x7(
      [
        ['2024-01-08T12:00', true],
        ['2024-01-09T07:00', false],
      ],
      { specialHours: [special('2024-01-08', null, null)] },
    ),
    maxGapMs: 2 * H,
    nearest: { up: [0, 0, 0], down: [0, 0, 3 * H], unknown: [60 * MIN, 24 * H, 141 * H] },
    forward: { up: [0, 0, 0], down: [0, 0, 2 * H], unknown: [60 * MIN, 24 * H, 142 * H] },
  },
];

const POLICIES: Policy[] = ['nearest', 'forward'];

describe.each(POLICIES)('max_gap edge cases, exact (%s)', (policy) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const now = c.now ?? NOW;
    const want = durations(c[policy]);
    expect(computeStore(c.store, now, policy, c.maxGapMs)).toEqual(want);
    const { businessHourMs, businessDayMs, businessWeekMs, ...sampled } = sampleStore(
      c.store,
      now,
      policy,
      c.maxGapMs,
    )!;
    expect(sampled).toEqual(want);
    // up + down + unknown is the business time of each window.
    const { up, down, unknown } = c[policy];
    expect([0, 1, 2].map((i) => up[i] + down[i] + unknown[i])).toEqual([businessHourMs, businessDayMs, businessWeekMs]);
  });
});

describe('max_gap in the report rows', () => {
  const hours: HoursRow[] = [];
  const stores: StoreInput[] = [
    { storeId: 'b', hours, polls: { at: [utc('2024-01-10T11:00')], active: [true] } },
    { storeId: 'a', hours, polls: { at: [utc('2024-01-03T11:00'), NOW], active: [false, true] } },
  ];

  it('every row carries the three unknown columns, zero or not', () => {
    const { rows } = buildReport(stores, { policy: 'forward', maxGapMs: 200 * H });
    // a: down from 01-03 12:00Z (the week's start) to now: 168 h known, nothing unknown.
    // b: up 11:00-12:00, and before its only poll known back to 01-02 03:00Z: the whole week.
    expect(rows.map(formatReportRow)).toEqual([
      'a,0.00,0.00,0.00,60.00,24.00,168.00,0.00,0.00,0.00',
      'b,60.00,24.00,168.00,0.00,0.00,0.00,0.00,0.00,0.00',
    ]);
  });

  it('max_gap 90 min: unknown in minutes for the hour, hours for day and week, rounded to 2 decimals', () => {
    const { rows } = buildReport(stores, { policy: 'nearest', maxGapMs: 90 * MIN });
    // a: known 01-03 09:30Z-12:30Z (the week from 12:00Z: 0.5 h down) and 10:30Z-12:00Z today up (1.5 h).
    // b: known 09:30Z-12:00Z up (2.5 h).
    expect(rows.map(formatReportRow)).toEqual([
      'a,60.00,1.50,1.50,0.00,0.00,0.50,0.00,22.50,166.00',
      'b,60.00,2.50,2.50,0.00,0.00,0.00,0.00,21.50,165.50',
    ]);
  });
});
