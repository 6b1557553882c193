/**
 * Special days with EXACT numbers worked out by hand (arithmetic beside each case): on DST dates in
 * New York, Sydney, Lord Howe (a 30-minute shift) and Berlin, in Kolkata (no DST), after an
 * overnight weekly span, and for 24x7 stores. As in dst-zones.test.ts, each store has one poll long
 * before the window, so all business time is up (active poll) or down (inactive), either policy.
 *
 * Contract rules exercised: a special date's rows replace the spans that START on that local date;
 * spans from the day before still run into it; both times empty means closed; a store with no
 * weekly rows is open all day on every other date; gap times move forward, repeated times are the
 * earlier instant, start = end is the whole local day, an end in the last minute means midnight.
 * The reference sampler is checked against the same numbers, so the property tests' reference is
 * anchored to arithmetic a human can verify.
 */
import { computeStore } from '@store-monitor/engine';
import { type HoursRow, POLICIES, type SpecialHoursRow, type StoreInput } from '../src/types';
import { DAY_MS, H, MIN, row, special, utc } from './support/fixtures';
import { sampleStore } from './support/reference-sampler';

interface Case {
  name: string;
  zone: string | undefined;
  hours: HoursRow[];
  special: SpecialHoursRow[];
  now: string; // UTC
  hourMs: number; // business time in [now-1h, now)
  dayMs: number; // ... in [now-24h, now)
  weekMs: number; // ... in [now-168h, now)
}

const SUN = 6;
const SAT = 5;
const MON = 0;
const sunday9to5 = [row(SUN, '09:00', '17:00')];

// ---------- America/New_York (EST -5, EDT -4). 2024-03-10 02:00 EST -> 03:00 EDT at 07:00Z.
// now = Mon 03-11 12:00Z: week [03-04 12:00Z, now), day [03-10 12:00Z, now), hour [11:00Z, 12:00Z).
const NY = 'America/New_York';
const nySpring = '2024-03-11T12:00';
// 2024-11-03 02:00 EDT -> 01:00 EST at 06:00Z. now = Mon 11-04 12:00Z: week from 10-28 12:00Z, day from 11-03 12:00Z.
const nyFall = '2024-11-04T12:00';
const newYork: Case[] = [
  // 01:30 EST = 06:30Z; 03:30 EDT = 07:30Z: 1 h (the weekly 8 h Sunday is replaced). Before the day window.
  {
    name: 'special 01:30-03:30 on the spring-forward date is 1 h',
    zone: NY,
    hours: sunday9to5,
    special: [special('2024-03-10', '01:30', '03:30')],
    now: nySpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: H,
  },
  // Sat 03-09 22:00 EST = 03-10 03:00Z; Sun 04:00 EDT = 08:00Z: 5 h, though Sunday itself is closed.
  {
    name: 'weekly Saturday 22:00-04:00 still runs into a closed spring-forward Sunday: 5 h',
    zone: NY,
    hours: [row(SAT, '22:00', '04:00'), ...sunday9to5],
    special: [special('2024-03-10', null, null)],
    now: nySpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 5 * H,
  },
  // The special Saturday span 22:00-04:00 is 5 h (as above); Sunday keeps its weekly 09:00-17:00 EDT
  // = 13:00Z-21:00Z = 8 h, all in the day window. Saturday's weekly 10:00-12:00 is replaced.
  {
    name: 'an overnight special Saturday runs into the spring-forward Sunday, whose weekly hours stay',
    zone: NY,
    hours: [row(SAT, '10:00', '12:00'), ...sunday9to5],
    special: [special('2024-03-09', '22:00', '04:00')],
    now: nySpring,
    hourMs: 0,
    dayMs: 8 * H,
    weekMs: 13 * H,
  },
  // Whole day (start = end): 00:00 EDT = 04:00Z to Mon 00:00 EST = 05:00Z: 25 h; day window 12:00Z-05:00Z = 17 h.
  {
    name: 'a whole-day special (10:00-10:00) on the fall-back date is 25 h',
    zone: NY,
    hours: [row(SUN, '10:00', '14:00')],
    special: [special('2024-11-03', '10:00', '10:00')],
    now: nyFall,
    hourMs: 0,
    dayMs: 17 * H,
    weekMs: 25 * H,
  },
  // 23:59 as an end means midnight: the same 25 h.
  {
    name: 'a 00:00-23:59 special on the fall-back date is 25 h',
    zone: NY,
    hours: [row(SUN, '10:00', '14:00')],
    special: [special('2024-11-03', '00:00', '23:59')],
    now: nyFall,
    hourMs: 0,
    dayMs: 17 * H,
    weekMs: 25 * H,
  },
  // 01:00 is repeated: the earlier, 01:00 EDT = 05:00Z; 02:00 occurs once, 02:00 EST = 07:00Z: 2 h.
  {
    name: 'a one-hour special 01:00-02:00 on the fall-back date is 2 real hours',
    zone: NY,
    hours: [],
    special: [special('2024-11-03', '01:00', '02:00')],
    now: nyFall,
    // 24x7 otherwise: the week holds 168 h minus the 25 h fall-back date plus the special 2 h; the
    // day window [11-03 12:00Z, 11-04 12:00Z) loses 12:00Z-05:00Z (17 h) of that date.
    hourMs: 60 * MIN,
    dayMs: 7 * H,
    weekMs: 145 * H,
  },
];

// ---------- Australia/Sydney (AEDT +11, AEST +10). 2024-04-07 03:00 AEDT -> 02:00 AEST at 04-06 16:00Z;
// 2024-10-06 02:00 AEST -> 03:00 AEDT at 10-05 16:00Z.
// Fall: now = Mon 04-08 00:00Z (10:00 AEST): week from 04-01 00:00Z, day from 04-07 00:00Z.
// Spring: now = Mon 10-07 00:00Z (11:00 AEDT): week from 09-30 00:00Z, day from 10-06 00:00Z.
const SYD = 'Australia/Sydney';
const sydney: Case[] = [
  // 02:00 is repeated: the earlier, 02:00 AEDT = 15:00Z; 03:00 occurs once, 03:00 AEST = 17:00Z: 2 h.
  {
    name: 'special 02:00-03:00 on the fall-back date is 2 h',
    zone: SYD,
    hours: sunday9to5,
    special: [special('2024-04-07', '02:00', '03:00')],
    now: '2024-04-08T00:00',
    hourMs: 0,
    dayMs: 0,
    weekMs: 2 * H,
  },
  // 00:00 AEDT = 04-06 13:00Z to 04-08 00:00 AEST = 04-07 14:00Z: 25 h; day window 00:00Z-14:00Z = 14 h.
  {
    name: 'a whole-day special (00:00-24:00) on the fall-back date is 25 h',
    zone: SYD,
    hours: sunday9to5,
    special: [special('2024-04-07', '00:00', '24:00')],
    now: '2024-04-08T00:00',
    hourMs: 0,
    dayMs: 14 * H,
    weekMs: 25 * H,
  },
  // 01:30 AEST = 10-05 15:30Z; 03:30 AEDT = 16:30Z: 1 h.
  {
    name: 'special 01:30-03:30 on the spring-forward date is 1 h',
    zone: SYD,
    hours: sunday9to5,
    special: [special('2024-10-06', '01:30', '03:30')],
    now: '2024-10-07T00:00',
    hourMs: 0,
    dayMs: 0,
    weekMs: H,
  },
  // 24x7, closed 10-06 00:00 AEST (10-05 14:00Z) to 10-07 00:00 AEDT (10-06 13:00Z): 23 h gone.
  // Week 168 - 23 = 145 h; day window [10-06 00:00Z, 10-07 00:00Z) loses 00:00Z-13:00Z: 11 h.
  {
    name: '24x7 store closed on the spring-forward date loses 23 h',
    zone: SYD,
    hours: [],
    special: [special('2024-10-06', null, null)],
    now: '2024-10-07T00:00',
    hourMs: 60 * MIN,
    dayMs: 11 * H,
    weekMs: 145 * H,
  },
];

// ---------- Australia/Lord_Howe (LHDT +11, LHST +10:30; a 30-minute shift).
// 2024-04-07 02:00 LHDT -> 01:30 LHST at 04-06 15:00Z; 2024-10-06 02:00 LHST -> 02:30 LHDT at 10-05 15:30Z.
const LH = 'Australia/Lord_Howe';
const lordHowe: Case[] = [
  // 00:00 LHDT = 04-06 13:00Z to 04-08 00:00 LHST = 04-07 13:30Z: 24.5 h; day window 00:00Z-13:30Z = 13.5 h.
  {
    name: 'a whole-day special on the fall-back date is 24.5 h',
    zone: LH,
    hours: sunday9to5,
    special: [special('2024-04-07', '00:00', '00:00')],
    now: '2024-04-08T00:00',
    hourMs: 0,
    dayMs: 13.5 * H,
    weekMs: 24.5 * H,
  },
  // 01:30 is repeated: the earlier, 01:30 LHDT = 14:30Z; 02:30 occurs once, 02:30 LHST = 16:00Z: 1.5 h.
  {
    name: 'special 01:30-02:30 on the fall-back date is 1.5 h',
    zone: LH,
    hours: sunday9to5,
    special: [special('2024-04-07', '01:30', '02:30')],
    now: '2024-04-08T00:00',
    hourMs: 0,
    dayMs: 0,
    weekMs: 90 * MIN,
  },
  // 01:30 LHST = 10-05 15:00Z; 03:30 LHDT = 16:30Z: 1.5 h (2 wall hours minus the 30 min gap).
  {
    name: 'special 01:30-03:30 on the spring-forward date is 1.5 h',
    zone: LH,
    hours: sunday9to5,
    special: [special('2024-10-06', '01:30', '03:30')],
    now: '2024-10-07T00:00',
    hourMs: 0,
    dayMs: 0,
    weekMs: 90 * MIN,
  },
  // 02:15 is in the gap -> +30 min -> 02:45 LHDT = 15:45Z; 03:00 LHDT = 16:00Z: 15 min.
  {
    name: 'a special starting in the 30-minute gap (02:15-03:00) is 15 min',
    zone: LH,
    hours: sunday9to5,
    special: [special('2024-10-06', '02:15', '03:00')],
    now: '2024-10-07T00:00',
    hourMs: 0,
    dayMs: 0,
    weekMs: 15 * MIN,
  },
];

// ---------- Europe/Berlin (CET +1, CEST +2): 2024-03-31 02:00 -> 03:00 at 01:00Z; 2024-10-27 03:00 -> 02:00 at 01:00Z.
// ---------- Asia/Kolkata (+5:30, no DST).
const BER = 'Europe/Berlin';
const KOL = 'Asia/Kolkata';
const others: Case[] = [
  // 01:30 CET = 00:30Z; 03:30 CEST = 01:30Z: 1 h. now = Mon 04-01 12:00Z, day from 03-31 12:00Z.
  {
    name: 'special 01:30-03:30 on the spring-forward date is 1 h',
    zone: BER,
    hours: sunday9to5,
    special: [special('2024-03-31', '01:30', '03:30')],
    now: '2024-04-01T12:00',
    hourMs: 0,
    dayMs: 0,
    weekMs: H,
  },
  // 00:00 CEST = 10-26 22:00Z to 10-28 00:00 CET = 10-27 23:00Z: 25 h; day from 10-27 12:00Z: 11 h.
  {
    name: 'a whole-day special on the fall-back date is 25 h',
    zone: BER,
    hours: sunday9to5,
    special: [special('2024-10-27', '00:00', '24:00')],
    now: '2024-10-28T12:00',
    hourMs: 0,
    dayMs: 11 * H,
    weekMs: 25 * H,
  },
  // 23:00 IST = 17:30Z; 01:00 IST (next day) = 19:30Z: 2 h, inside the day window from 03-31 12:00Z.
  {
    name: 'an overnight special 23:00-01:00 is 2 h',
    zone: KOL,
    hours: sunday9to5,
    special: [special('2024-03-31', '23:00', '01:00')],
    now: '2024-04-01T12:00',
    hourMs: 0,
    dayMs: 2 * H,
    weekMs: 2 * H,
  },
  // Sun 03-31 22:00 IST = 16:30Z to Mon 02:00 IST = 20:30Z: 4 h, though Monday is closed (its
  // weekly 09:00-17:00 = 03:30Z-11:30Z is gone). The week from 03-25 12:00Z misses Mon 03-25's hours.
  {
    name: 'weekly Sunday 22:00-02:00 still runs into a closed Monday: 4 h',
    zone: KOL,
    hours: [row(SUN, '22:00', '02:00'), row(MON, '09:00', '17:00')],
    special: [special('2024-04-01', null, null)],
    now: '2024-04-01T12:00',
    hourMs: 0,
    dayMs: 4 * H,
    weekMs: 4 * H,
  },
  // The other way round: closing Sunday 03-31 drops its weekly 22:00-02:00 span, Monday's early
  // hours with it (they belong to the span that starts on Sunday). Left: Monday 04-01 09:00-17:00
  // IST = 03:30Z-11:30Z, 8 h; the hour window 11:00Z-12:00Z holds 30 min of it.
  {
    name: "a closed Sunday drops its weekly 22:00-02:00 span, Monday's early hours too",
    zone: KOL,
    hours: [row(SUN, '22:00', '02:00'), row(MON, '09:00', '17:00')],
    special: [special('2024-03-31', null, null)],
    now: '2024-04-01T12:00',
    hourMs: 30 * MIN,
    dayMs: 8 * H,
    weekMs: 8 * H,
  },
];

// ---------- America/Chicago (the default zone, CST -6), 24x7 stores. now = Wed 2024-01-10 12:00Z.
const chicago: Case[] = [
  // Closed Mon 01-08 00:00 CST (06:00Z) to 01-09 06:00Z: 24 h of the 168 h week gone; the day window
  // [01-09 12:00Z, now) is untouched.
  {
    name: '24x7 store (no zone row) closed on Monday loses that day',
    zone: undefined,
    hours: [],
    special: [special('2024-01-08', null, null)],
    now: '2024-01-10T12:00',
    hourMs: 60 * MIN,
    dayMs: 24 * H,
    weekMs: 144 * H,
  },
  // A special date's own overnight span (Mon 22:00 to Tue 03:00 CST = 01-09 04:00Z-09:00Z) runs into
  // a closed Tuesday; Monday 00:00-22:00 is closed by the replacement. The 24x7 week loses Monday
  // 06:00Z to Tuesday's end at 01-10 06:00Z (48 h) and gets 5 h back: 125 h. Day window: 01-09
  // 12:00Z-01-10 06:00Z closed (18 h), so 6 h.
  {
    name: "24x7 store: a special Monday's overnight span runs into a closed Tuesday",
    zone: 'America/Chicago',
    hours: [],
    special: [special('2024-01-08', '22:00', '03:00'), special('2024-01-09', null, null)],
    now: '2024-01-10T12:00',
    hourMs: 60 * MIN,
    dayMs: 6 * H,
    weekMs: 125 * H,
  },
];

const all: Case[] = [...newYork, ...sydney, ...lordHowe, ...others, ...chicago];
const titled = all.map((c) => [`${c.zone ?? 'default zone'}: ${c.name}`, c] as const);

const store = (c: Case, active: boolean): StoreInput => ({
  storeId: 's',
  timeZone: c.zone,
  hours: c.hours,
  specialHours: c.special,
  polls: { at: [utc(c.now) - 10 * DAY_MS], active: [active] },
});

/** All business time up (active poll) or down (inactive poll). */
function expected(c: Case, active: boolean) {
  const [up, down] = active ? [c, { hourMs: 0, dayMs: 0, weekMs: 0 }] : [{ hourMs: 0, dayMs: 0, weekMs: 0 }, c];
  return {
    storeId: 's',
    uptimeHourMs: up.hourMs,
    uptimeDayMs: up.dayMs,
    uptimeWeekMs: up.weekMs,
    downtimeHourMs: down.hourMs,
    downtimeDayMs: down.dayMs,
    downtimeWeekMs: down.weekMs,
  };
}

describe.each(POLICIES)('special days on DST dates and overnight edges, exact business time (%s)', (policy) => {
  it.each(titled)('%s', (_title, c) => {
    for (const active of [true, false]) {
      expect(computeStore(store(c, active), utc(c.now), policy)).toEqual(expected(c, active));
    }
  });
});

describe('the reference sampler agrees with the same hand arithmetic', () => {
  it.each(titled)('%s', (_title, c) => {
    const { businessHourMs, businessDayMs, businessWeekMs, ...durations } = sampleStore(
      store(c, true),
      utc(c.now),
      'forward',
    )!;
    expect(durations).toEqual(expected(c, true));
    expect([businessHourMs, businessDayMs, businessWeekMs]).toEqual([c.hourMs, c.dayMs, c.weekMs]);
  });
});

describe('special days decide the evidence of nearest (24x7 Chicago store closed Monday 2024-01-08)', () => {
  // Closed 01-08 06:00Z to 01-09 06:00Z. Polls: active 01-08 12:00Z (inside the closed day: no
  // evidence for nearest, evidence for forward), inactive 01-09 12:00Z. now = 01-10 12:00Z.
  const s: StoreInput = {
    storeId: 's',
    hours: [],
    specialHours: [special('2024-01-08', null, null)],
    polls: { at: [utc('2024-01-08T12:00'), utc('2024-01-09T12:00')], active: [true, false] },
  };
  const now = utc('2024-01-10T12:00');

  it('nearest: the only evidence is the inactive poll, so all 144 business hours are down', () => {
    expect(computeStore(s, now, 'nearest')).toEqual({
      storeId: 's',
      uptimeHourMs: 0,
      uptimeDayMs: 0,
      uptimeWeekMs: 0,
      downtimeHourMs: 60 * MIN,
      downtimeDayMs: 24 * H,
      downtimeWeekMs: 144 * H,
    });
  });

  it('forward: up until the 01-09 12:00Z poll (114 h before the closed day, 6 h after it), then down', () => {
    expect(computeStore(s, now, 'forward')).toEqual({
      storeId: 's',
      uptimeHourMs: 0,
      uptimeDayMs: 0,
      uptimeWeekMs: 120 * H,
      downtimeHourMs: 60 * MIN,
      downtimeDayMs: 24 * H,
      downtimeWeekMs: 24 * H,
    });
  });

  it('the reference sampler gives the same numbers', () => {
    expect(sampleStore(s, now, 'nearest')).toMatchObject({ uptimeWeekMs: 0, downtimeWeekMs: 144 * H });
    expect(sampleStore(s, now, 'forward')).toMatchObject({ uptimeWeekMs: 120 * H, downtimeWeekMs: 24 * H });
  });
});
