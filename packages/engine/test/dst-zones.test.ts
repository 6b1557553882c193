/**
 * Business hours across DST transitions, with EXACT numbers worked out by hand (arithmetic in the
 * comment beside each case). Every case uses a single poll long before the window, so the whole
 * business time is up (active poll) or down (inactive poll) under either policy, and each window's
 * uptime (or downtime) must equal the business time computed here.
 *
 * The reference sampler is also checked against the same hand numbers, so the sampler used by the
 * property tests is anchored to arithmetic a human can verify.
 *
 * Contract rules exercised: a gap time moves forward by the gap length; a repeated time is the
 * earlier instant; start === end is the whole local day; overnight rows run into the next day.
 * 2024 transition dates below are all Sundays (day 6); Saturdays are day 5, Mondays day 0.
 */
import { computeStore } from '@store-monitor/engine';
import { POLICIES, type HoursRow, type StoreDurations } from '../src/types';
import { DAY_MS, H, MIN, onePollStore, row, utc } from './support/fixtures';
import { durationsOf, sampleStore } from './support/reference-sampler';

interface Case {
  name: string;
  zone: string;
  hours: HoursRow[];
  now: string; // UTC
  hourMs: number; // business time in [now-1h, now)
  dayMs: number; // ... in [now-24h, now)
  weekMs: number; // ... in [now-168h, now)
}

const SUN = 6;
const SAT = 5;
const MON = 0;

// ---------- America/New_York: EST -5, EDT -4. 2024-03-10 02:00 EST -> 03:00 EDT (07:00Z);
// 2024-11-03 02:00 EDT -> 01:00 EST (06:00Z).
// Spring cases: now = Mon 2024-03-11 12:00Z; week [03-04 12:00Z, now), day [03-10 12:00Z, now),
// hour [11:00Z, 12:00Z) (07:00-08:00 EDT Monday). The Sunday/Saturday before lie outside the week.
const NY = 'America/New_York';
const nySpring = '2024-03-11T12:00';
const newYork: Case[] = [
  // 09:00 EDT = 13:00Z, 17:00 EDT = 21:00Z: 8 h, all after 12:00Z so also in the day window.
  {
    name: '09:00-17:00 on spring-forward day is 8 h',
    zone: NY,
    hours: [row(SUN, '09:00', '17:00')],
    now: nySpring,
    hourMs: 0,
    dayMs: 8 * H,
    weekMs: 8 * H,
  },
  // 01:30 EST = 06:30Z; 03:30 EDT = 07:30Z: 1 h (the contract's own example). Before 12:00Z: not in the day.
  {
    name: '01:30-03:30 on spring-forward day is 1 h',
    zone: NY,
    hours: [row(SUN, '01:30', '03:30')],
    now: nySpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 1 * H,
  },
  // 02:30 is in the gap -> +1 h -> 03:30 EDT = 07:30Z; 04:00 EDT = 08:00Z: 30 min.
  {
    name: 'start inside the gap (02:30-04:00) is 30 min',
    zone: NY,
    hours: [row(SUN, '02:30', '04:00')],
    now: nySpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 30 * MIN,
  },
  // 02:00 -> 03:00 EDT = 07:00Z; 03:00 EDT = 07:00Z: empty.
  {
    name: '02:00-03:00 on spring-forward day is empty',
    zone: NY,
    hours: [row(SUN, '02:00', '03:00')],
    now: nySpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 0,
  },
  // Both ends in the gap, both +1 h: 03:15 EDT = 07:15Z to 03:45 EDT = 07:45Z: 30 min.
  {
    name: 'an interval wholly inside the gap (02:15-02:45) keeps 30 min',
    zone: NY,
    hours: [row(SUN, '02:15', '02:45')],
    now: nySpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 30 * MIN,
  },
  // Sat 22:00 EST = Sun 03:00Z; Sun 02:00 -> 03:00 EDT = 07:00Z: 4 h.
  {
    name: 'overnight 22:00-02:00 into the gap is 4 h',
    zone: NY,
    hours: [row(SAT, '22:00', '02:00')],
    now: nySpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 4 * H,
  },
  // Sat 22:00 EST = 03:00Z; Sun 04:00 EDT = 08:00Z: 5 h (6 wall hours minus the 1 h gap).
  {
    name: 'overnight 22:00-04:00 across spring forward is 5 h',
    zone: NY,
    hours: [row(SAT, '22:00', '04:00')],
    now: nySpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 5 * H,
  },
  // Whole day: 00:00 EST = 05:00Z to Mon 00:00 EDT = 04:00Z: 23 h; in the day window 12:00Z-04:00Z = 16 h.
  {
    name: 'whole-day row (start = end) on spring-forward day is 23 h',
    zone: NY,
    hours: [row(SUN, '10:00', '10:00')],
    now: nySpring,
    hourMs: 0,
    dayMs: 16 * H,
    weekMs: 23 * H,
  },
  // 23:59 as an end means midnight: same 23 h as the whole day.
  {
    name: '00:00-23:59 on spring-forward day is 23 h',
    zone: NY,
    hours: [row(SUN, '00:00', '23:59')],
    now: nySpring,
    hourMs: 0,
    dayMs: 16 * H,
    weekMs: 23 * H,
  },
];

// Fall cases: now = Mon 2024-11-04 12:00Z (07:00 EST); week [10-28 12:00Z, now), day [11-03 12:00Z, now).
const nyFall = '2024-11-04T12:00';
newYork.push(
  // 09:00 EST = 14:00Z, 17:00 EST = 22:00Z: 8 h.
  {
    name: '09:00-17:00 on fall-back day is 8 h',
    zone: NY,
    hours: [row(SUN, '09:00', '17:00')],
    now: nyFall,
    hourMs: 0,
    dayMs: 8 * H,
    weekMs: 8 * H,
  },
  // 00:00 EDT = 04:00Z; 04:00 EST = 09:00Z: 5 h.
  {
    name: '00:00-04:00 over the fall-back night is 5 h',
    zone: NY,
    hours: [row(SUN, '00:00', '04:00')],
    now: nyFall,
    hourMs: 0,
    dayMs: 0,
    weekMs: 5 * H,
  },
  // 01:30 is repeated -> the earlier, 01:30 EDT = 05:30Z; from 00:00 EDT = 04:00Z: 1.5 h.
  {
    name: 'ending at a repeated time (00:00-01:30) ends at the earlier instant',
    zone: NY,
    hours: [row(SUN, '00:00', '01:30')],
    now: nyFall,
    hourMs: 0,
    dayMs: 0,
    weekMs: 90 * MIN,
  },
  // 01:30 EDT = 05:30Z; 03:00 EST = 08:00Z: 2.5 h.
  {
    name: 'starting at a repeated time (01:30-03:00) starts at the earlier instant',
    zone: NY,
    hours: [row(SUN, '01:30', '03:00')],
    now: nyFall,
    hourMs: 0,
    dayMs: 0,
    weekMs: 150 * MIN,
  },
  // Sat 22:00 EDT = Sun 02:00Z; Sun 02:00 EST = 07:00Z (02:00 occurs once): 5 h.
  {
    name: 'overnight 22:00-02:00 across fall back is 5 h',
    zone: NY,
    hours: [row(SAT, '22:00', '02:00')],
    now: nyFall,
    hourMs: 0,
    dayMs: 0,
    weekMs: 5 * H,
  },
  // Whole day: 00:00 EDT = 04:00Z to Mon 00:00 EST = 05:00Z: 25 h; in the day window 12:00Z-05:00Z = 17 h.
  {
    name: 'whole-day row (00:00-24:00) on fall-back day is 25 h',
    zone: NY,
    hours: [row(SUN, '00:00', '24:00')],
    now: nyFall,
    hourMs: 0,
    dayMs: 17 * H,
    weekMs: 25 * H,
  },
  // 01:00 EDT = 05:00Z, 02:00 EST = 07:00Z: a 2 h interval. now = 06:30Z (the second 01:30):
  // hour [05:30Z, 06:30Z) = 60 min; day and week hold 05:00Z-06:30Z = 90 min (Oct 27 01:00-02:00
  // EDT = 05:00Z-06:00Z is before the week start, Oct 27 06:30Z).
  {
    name: '01:00-02:00 on fall-back day, now inside the repeated hour',
    zone: NY,
    hours: [row(SUN, '01:00', '02:00')],
    now: '2024-11-03T06:30',
    hourMs: 60 * MIN,
    dayMs: 90 * MIN,
    weekMs: 90 * MIN,
  },
);

// ---------- Europe/Berlin: CET +1, CEST +2. 2024-03-31 02:00 -> 03:00 (01:00Z); 2024-10-27 03:00 -> 02:00 (01:00Z).
// Spring: now = Mon 2024-04-01 12:00Z, day [03-31 12:00Z, now). Fall: now = Mon 2024-10-28 12:00Z.
const BER = 'Europe/Berlin';
const berSpring = '2024-04-01T12:00';
const berFall = '2024-10-28T12:00';
const berlin: Case[] = [
  // 09:00 CEST = 07:00Z, 17:00 CEST = 15:00Z: 8 h; day window from 12:00Z: 3 h.
  {
    name: '09:00-17:00 on spring-forward day is 8 h',
    zone: BER,
    hours: [row(SUN, '09:00', '17:00')],
    now: berSpring,
    hourMs: 0,
    dayMs: 3 * H,
    weekMs: 8 * H,
  },
  // 01:30 CET = 00:30Z; 03:30 CEST = 01:30Z: 1 h.
  {
    name: '01:30-03:30 on spring-forward day is 1 h',
    zone: BER,
    hours: [row(SUN, '01:30', '03:30')],
    now: berSpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 1 * H,
  },
  // 02:30 -> 03:30 CEST = 01:30Z; 04:00 CEST = 02:00Z: 30 min.
  {
    name: 'start inside the gap (02:30-04:00) is 30 min',
    zone: BER,
    hours: [row(SUN, '02:30', '04:00')],
    now: berSpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 30 * MIN,
  },
  // Sat 22:00 CET = 21:00Z; Sun 03:00 CEST = 01:00Z: 4 h.
  {
    name: 'overnight 22:00-03:00 across spring forward is 4 h',
    zone: BER,
    hours: [row(SAT, '22:00', '03:00')],
    now: berSpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 4 * H,
  },
  // 09:00 CET = 08:00Z, 17:00 CET = 16:00Z: 8 h; day window from 12:00Z: 4 h.
  {
    name: '09:00-17:00 on fall-back day is 8 h',
    zone: BER,
    hours: [row(SUN, '09:00', '17:00')],
    now: berFall,
    hourMs: 0,
    dayMs: 4 * H,
    weekMs: 8 * H,
  },
  // 00:00 CEST = Sat 22:00Z; 04:00 CET = 03:00Z: 5 h.
  {
    name: '00:00-04:00 over the fall-back night is 5 h',
    zone: BER,
    hours: [row(SUN, '00:00', '04:00')],
    now: berFall,
    hourMs: 0,
    dayMs: 0,
    weekMs: 5 * H,
  },
  // 02:30 repeated -> 02:30 CEST = 00:30Z; from 22:00Z: 2.5 h.
  {
    name: 'ending at a repeated time (00:00-02:30) ends at the earlier instant',
    zone: BER,
    hours: [row(SUN, '00:00', '02:30')],
    now: berFall,
    hourMs: 0,
    dayMs: 0,
    weekMs: 150 * MIN,
  },
  // Sat 22:00 CEST = 20:00Z; Sun 03:00 CET = 02:00Z (03:00 occurs once): 6 h.
  {
    name: 'overnight 22:00-03:00 across fall back is 6 h',
    zone: BER,
    hours: [row(SAT, '22:00', '03:00')],
    now: berFall,
    hourMs: 0,
    dayMs: 0,
    weekMs: 6 * H,
  },
  // Sat 22:00 CEST = 20:00Z; Sun 02:00 repeated -> 02:00 CEST = 00:00Z: 4 h.
  {
    name: 'overnight 22:00-02:00 ending at a repeated time is 4 h',
    zone: BER,
    hours: [row(SAT, '22:00', '02:00')],
    now: berFall,
    hourMs: 0,
    dayMs: 0,
    weekMs: 4 * H,
  },
];

// ---------- Australia/Sydney: AEST +10, AEDT +11. 2024-04-07 03:00 -> 02:00 (Sat 16:00Z);
// 2024-10-06 02:00 -> 03:00 (Sat 16:00Z). now = Mon 00:00Z (10:00 AEST / 11:00 AEDT).
const SYD = 'Australia/Sydney';
const sydAutumn = '2024-04-08T00:00'; // week [04-01 00:00Z, now), day [04-07 00:00Z, now)
const sydSpring = '2024-10-07T00:00'; // week [09-30 00:00Z, now), day [10-06 00:00Z, now)
const sydney: Case[] = [
  // 09:00 AEST = Sat 23:00Z, 17:00 AEST = Sun 07:00Z: 8 h; day window from Sun 00:00Z: 7 h.
  {
    name: '09:00-17:00 on fall-back day is 8 h',
    zone: SYD,
    hours: [row(SUN, '09:00', '17:00')],
    now: sydAutumn,
    hourMs: 0,
    dayMs: 7 * H,
    weekMs: 8 * H,
  },
  // 00:00 AEDT = Sat 13:00Z; 04:00 AEST = Sat 18:00Z: 5 h.
  {
    name: '00:00-04:00 over the fall-back night is 5 h',
    zone: SYD,
    hours: [row(SUN, '00:00', '04:00')],
    now: sydAutumn,
    hourMs: 0,
    dayMs: 0,
    weekMs: 5 * H,
  },
  // 02:30 repeated -> 02:30 AEDT = 15:30Z; from 13:00Z: 2.5 h.
  {
    name: 'ending at a repeated time (00:00-02:30) ends at the earlier instant',
    zone: SYD,
    hours: [row(SUN, '00:00', '02:30')],
    now: sydAutumn,
    hourMs: 0,
    dayMs: 0,
    weekMs: 150 * MIN,
  },
  // Sat 22:00 AEDT = 11:00Z; Sun 03:00 AEST = 17:00Z: 6 h.
  {
    name: 'overnight 22:00-03:00 across fall back is 6 h',
    zone: SYD,
    hours: [row(SAT, '22:00', '03:00')],
    now: sydAutumn,
    hourMs: 0,
    dayMs: 0,
    weekMs: 6 * H,
  },
  // Mon 00:00-12:00 AEST = Sun 14:00Z - Mon 02:00Z, cut at now (Mon 00:00Z): 10 h, hour 60 min;
  // the previous Monday 00:00-12:00 AEDT = Sun Mar 31 13:00Z - Apr 1 01:00Z adds 1 h to the week.
  {
    name: 'Monday 00:00-12:00 right after fall back, now inside it',
    zone: SYD,
    hours: [row(MON, '00:00', '12:00')],
    now: sydAutumn,
    hourMs: 60 * MIN,
    dayMs: 10 * H,
    weekMs: 11 * H,
  },
  // 09:00 AEDT = Sat 22:00Z, 17:00 AEDT = Sun 06:00Z: 8 h; day window: 6 h.
  {
    name: '09:00-17:00 on spring-forward day is 8 h',
    zone: SYD,
    hours: [row(SUN, '09:00', '17:00')],
    now: sydSpring,
    hourMs: 0,
    dayMs: 6 * H,
    weekMs: 8 * H,
  },
  // 01:30 AEST = Sat 15:30Z; 03:30 AEDT = 16:30Z: 1 h.
  {
    name: '01:30-03:30 on spring-forward day is 1 h',
    zone: SYD,
    hours: [row(SUN, '01:30', '03:30')],
    now: sydSpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 1 * H,
  },
  // 02:30 -> 03:30 AEDT = 16:30Z; 05:00 AEDT = 18:00Z: 1.5 h.
  {
    name: 'start inside the gap (02:30-05:00) is 1.5 h',
    zone: SYD,
    hours: [row(SUN, '02:30', '05:00')],
    now: sydSpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 90 * MIN,
  },
];

// ---------- Asia/Kolkata: +05:30 all year.
const KOL = 'Asia/Kolkata';
const kolkata: Case[] = [
  // Mon 09:00-17:00 IST = 03:30Z-11:30Z. now Mon 01-08 06:00Z: hour [05:00Z,06:00Z) = 60 min;
  // day: 03:30Z-06:00Z = 2.5 h; week from Mon 01-01 06:00Z: 06:00Z-11:30Z = 5.5 h, + 2.5 h = 8 h.
  {
    name: '09:00-17:00 is 03:30Z-11:30Z (now mid-morning)',
    zone: KOL,
    hours: [row(MON, '09:00', '17:00')],
    now: '2024-01-08T06:00',
    hourMs: 60 * MIN,
    dayMs: 150 * MIN,
    weekMs: 8 * H,
  },
  // now 03:45Z: hour [02:45Z, 03:45Z) holds 03:30Z-03:45Z = 15 min; day 15 min;
  // week: 01-01 03:45Z-11:30Z = 7.75 h, + 0.25 h = 8 h.
  {
    name: '09:00-17:00 opens at 03:30Z (now 15 min later)',
    zone: KOL,
    hours: [row(MON, '09:00', '17:00')],
    now: '2024-01-08T03:45',
    hourMs: 15 * MIN,
    dayMs: 15 * MIN,
    weekMs: 8 * H,
  },
  // Sun 23:00-01:00 IST = Sun 17:30Z - 19:30Z. now Sun 01-07 19:00Z: hour 60 min; day 17:30Z-19:00Z
  // = 1.5 h; week from Sun 12-31 19:00Z: the previous span 17:30Z-19:30Z adds 30 min: 2 h.
  {
    name: 'overnight 23:00-01:00 is 17:30Z-19:30Z',
    zone: KOL,
    hours: [row(SUN, '23:00', '01:00')],
    now: '2024-01-07T19:00',
    hourMs: 60 * MIN,
    dayMs: 90 * MIN,
    weekMs: 2 * H,
  },
];

// ---------- Australia/Lord_Howe: LHST +10:30, LHDT +11 (a 30 min shift).
// 2024-04-07 02:00 LHDT -> 01:30 LHST (Sat 15:00Z); 2024-10-06 02:00 LHST -> 02:30 LHDT (Sat 15:30Z).
const LHI = 'Australia/Lord_Howe';
const lhiAutumn = '2024-04-08T00:00'; // 10:30 LHST Mon; week [04-01 00:00Z, now), day [04-07 00:00Z, now)
const lhiSpring = '2024-10-07T00:00'; // 11:00 LHDT Mon; week [09-30 00:00Z, now), day [10-06 00:00Z, now)
const lordHowe: Case[] = [
  // 09:00 LHST = Sat 22:30Z, 17:00 LHST = Sun 06:30Z: 8 h; day window from 00:00Z: 6.5 h.
  {
    name: '09:00-17:00 on fall-back day is 8 h',
    zone: LHI,
    hours: [row(SUN, '09:00', '17:00')],
    now: lhiAutumn,
    hourMs: 0,
    dayMs: 390 * MIN,
    weekMs: 8 * H,
  },
  // 00:00 LHDT = Sat 13:00Z; 04:00 LHST = 17:30Z: 4.5 h.
  {
    name: '00:00-04:00 over the fall-back night is 4.5 h',
    zone: LHI,
    hours: [row(SUN, '00:00', '04:00')],
    now: lhiAutumn,
    hourMs: 0,
    dayMs: 0,
    weekMs: 270 * MIN,
  },
  // 01:45 repeated (01:30-02:00 twice) -> 01:45 LHDT = 14:45Z; from 13:00Z: 1.75 h.
  {
    name: 'ending at a repeated time (00:00-01:45) ends at the earlier instant',
    zone: LHI,
    hours: [row(SUN, '00:00', '01:45')],
    now: lhiAutumn,
    hourMs: 0,
    dayMs: 0,
    weekMs: 105 * MIN,
  },
  // 01:45 LHDT = 14:45Z; 03:00 LHST = 16:30Z: 1.75 h.
  {
    name: 'starting at a repeated time (01:45-03:00) is 1.75 h',
    zone: LHI,
    hours: [row(SUN, '01:45', '03:00')],
    now: lhiAutumn,
    hourMs: 0,
    dayMs: 0,
    weekMs: 105 * MIN,
  },
  // Whole day: 00:00 LHDT = Sat 13:00Z to Mon 00:00 LHST = Sun 13:30Z: 24.5 h; day window 00:00Z-13:30Z = 13.5 h.
  {
    name: 'whole-day row on fall-back day is 24.5 h',
    zone: LHI,
    hours: [row(SUN, '00:00', '00:00')],
    now: lhiAutumn,
    hourMs: 0,
    dayMs: 810 * MIN,
    weekMs: 1470 * MIN,
  },
  // 01:00 LHST = Sat 14:30Z; 03:00 LHDT = 16:00Z: 1.5 h.
  {
    name: '01:00-03:00 on spring-forward day is 1.5 h',
    zone: LHI,
    hours: [row(SUN, '01:00', '03:00')],
    now: lhiSpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 90 * MIN,
  },
  // 02:15 in the gap -> +30 min -> 02:45 LHDT = 15:45Z; 04:00 LHDT = 17:00Z: 1.25 h.
  {
    name: 'start inside the 30 min gap (02:15-04:00) is 1.25 h',
    zone: LHI,
    hours: [row(SUN, '02:15', '04:00')],
    now: lhiSpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 75 * MIN,
  },
  // 02:00 -> 02:30 LHDT = 15:30Z; 02:30 LHDT = 15:30Z: empty.
  {
    name: '02:00-02:30 on spring-forward day is empty',
    zone: LHI,
    hours: [row(SUN, '02:00', '02:30')],
    now: lhiSpring,
    hourMs: 0,
    dayMs: 0,
    weekMs: 0,
  },
  // 09:00 LHDT = Sat 22:00Z, 17:00 LHDT = Sun 06:00Z: 8 h; day window: 6 h.
  {
    name: '09:00-17:00 on spring-forward day is 8 h',
    zone: LHI,
    hours: [row(SUN, '09:00', '17:00')],
    now: lhiSpring,
    hourMs: 0,
    dayMs: 6 * H,
    weekMs: 8 * H,
  },
  // Whole day: 00:00 LHST = Sat 13:30Z to Mon 00:00 LHDT = Sun 13:00Z: 23.5 h; day window 13 h.
  {
    name: 'whole-day row on spring-forward day is 23.5 h',
    zone: LHI,
    hours: [row(SUN, '00:00', '24:00')],
    now: lhiSpring,
    hourMs: 0,
    dayMs: 13 * H,
    weekMs: 1410 * MIN,
  },
];

/** What a store whose every business instant has one status must report. */
function expected(c: Case, active: boolean): Omit<StoreDurations, 'storeId'> {
  const on = { hour: c.hourMs, day: c.dayMs, week: c.weekMs };
  const off = { hour: 0, day: 0, week: 0 };
  const [up, down] = active ? [on, off] : [off, on];
  return {
    uptimeHourMs: up.hour,
    uptimeDayMs: up.day,
    uptimeWeekMs: up.week,
    downtimeHourMs: down.hour,
    downtimeDayMs: down.day,
    downtimeWeekMs: down.week,
  };
}

/** Within floating-point noise: exact business time is a whole number of ms. */
function expectMs(actual: StoreDurations | null, want: Omit<StoreDurations, 'storeId'>): void {
  expect(actual).not.toBeNull();
  for (const [key, ms] of Object.entries(want)) {
    const got = actual![key as keyof StoreDurations] as number;
    if (Math.abs(got - ms) > 1e-6)
      throw new Error(`${key}: expected ${ms} ms (${ms / MIN} min), got ${got} ms (${got / MIN} min)`);
  }
}

const all: Case[] = [...newYork, ...berlin, ...sydney, ...kolkata, ...lordHowe];

describe.each(POLICIES)('DST transitions, exact business time (%s)', (policy) => {
  it.each(all)('$zone: $name', (c) => {
    const now = utc(c.now);
    for (const active of [true, false]) {
      const store = onePollStore(c.zone, c.hours, now - 10 * DAY_MS, active);
      expectMs(computeStore(store, now, policy), expected(c, active));
    }
  });
});

describe('the reference sampler agrees with the hand arithmetic', () => {
  it.each(all)('$zone: $name', (c) => {
    const now = utc(c.now);
    const store = onePollStore(c.zone, c.hours, now - 10 * DAY_MS, true);
    const { storeId: _ignored, ...got } = durationsOf(sampleStore(store, now, 'forward')!);
    expect(got).toEqual(expected(c, true));
  });
});

describe('nearest switches at the real-time midpoint across a fall-back night', () => {
  // Sun 2024-11-03 00:00-04:00 New York = 04:00Z-09:00Z (5 h). Polls: active 00:30 EDT = 04:30Z,
  // inactive 03:30 EST = 08:30Z. Real midpoint 06:30Z (not the wall-clock midpoint 02:00 EST = 07:00Z).
  const hours = [row(SUN, '00:00', '04:00')];
  const store = {
    storeId: 's',
    timeZone: NY,
    hours,
    polls: { at: [utc('2024-11-03T04:30'), utc('2024-11-03T08:30')], active: [true, false] },
  };
  const now = utc('2024-11-04T12:00');
  it('nearest: up 04:00Z-06:30Z = 2.5 h, down 06:30Z-09:00Z = 2.5 h', () => {
    expectMs(computeStore(store, now, 'nearest'), {
      uptimeHourMs: 0,
      uptimeDayMs: 0,
      uptimeWeekMs: 150 * MIN,
      downtimeHourMs: 0,
      downtimeDayMs: 0,
      downtimeWeekMs: 150 * MIN,
    });
  });
  it('forward: up 04:00Z-08:30Z = 4.5 h, down 08:30Z-09:00Z = 30 min', () => {
    expectMs(computeStore(store, now, 'forward'), {
      uptimeHourMs: 0,
      uptimeDayMs: 0,
      uptimeWeekMs: 270 * MIN,
      downtimeHourMs: 0,
      downtimeDayMs: 0,
      downtimeWeekMs: 30 * MIN,
    });
  });
});
