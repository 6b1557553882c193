import { ZoneClock, isValidTimeZone, weekdayOf, DAY_MS } from '../src';

const local = (iso: string): number => Date.parse(`${iso}Z`); // a wall time read as if UTC
const utc = (iso: string): number => Date.parse(iso);

describe('ZoneClock.toInstant applies the contract to gaps and overlaps', () => {
  // [zone, local wall time, expected instant, why]
  const cases: [string, string, string, string][] = [
    ['America/New_York', '2024-03-10T01:59:00', '2024-03-10T06:59:00Z', 'last minute before the gap (EST)'],
    ['America/New_York', '2024-03-10T02:00:00', '2024-03-10T07:00:00Z', 'gap start moves forward 1 h to 03:00 EDT'],
    ['America/New_York', '2024-03-10T02:30:00', '2024-03-10T07:30:00Z', 'inside the gap: 03:30 EDT'],
    ['America/New_York', '2024-03-10T03:00:00', '2024-03-10T07:00:00Z', 'first valid time after the gap'],
    ['America/New_York', '2024-11-03T01:30:00', '2024-11-03T05:30:00Z', 'repeated: the earlier (EDT) instant'],
    ['America/New_York', '2024-11-03T02:00:00', '2024-11-03T07:00:00Z', 'after the overlap (EST)'],
    ['Europe/Berlin', '2024-03-31T02:30:00', '2024-03-31T01:30:00Z', 'gap: 03:30 CEST'],
    ['Europe/Berlin', '2024-10-27T02:30:00', '2024-10-27T00:30:00Z', 'repeated: the earlier (CEST) instant'],
    ['Australia/Sydney', '2024-04-07T02:30:00', '2024-04-06T15:30:00Z', 'repeated: the earlier (AEDT) instant'],
    ['Australia/Sydney', '2024-10-06T02:30:00', '2024-10-05T16:30:00Z', 'gap: 03:30 AEDT'],
    ['Asia/Kolkata', '2024-03-10T02:30:00', '2024-03-09T21:00:00Z', 'no DST: plain +05:30'],
    [
      'Australia/Lord_Howe',
      '2024-04-07T01:45:00',
      '2024-04-06T14:45:00Z',
      'repeated half hour: the earlier (+11) instant',
    ],
    [
      'Australia/Lord_Howe',
      '2024-10-06T02:15:00',
      '2024-10-05T15:45:00Z',
      'half-hour gap: moves forward 30 min to 02:45 (+11)',
    ],
  ];
  it.each(cases)('%s %s', (zone, wall, expected) => {
    expect(new ZoneClock(zone).toInstant(local(wall))).toBe(utc(expected));
  });
});

describe('ZoneClock.offsetAt finds transitions to the second', () => {
  it.each([
    ['America/New_York', '2024-03-10T06:59:59Z', -5],
    ['America/New_York', '2024-03-10T07:00:00Z', -4],
    ['Australia/Lord_Howe', '2024-04-06T14:59:59Z', 11],
    ['Australia/Lord_Howe', '2024-04-06T15:00:00Z', 10.5],
    ['Europe/Berlin', '2024-10-27T00:59:59Z', 2],
    ['Europe/Berlin', '2024-10-27T01:00:00Z', 1],
    ['Asia/Kolkata', '2024-07-01T00:00:00Z', 5.5],
  ])('%s at %s is UTC%+d', (zone, at, hours) => {
    expect(new ZoneClock(zone).offsetAt(utc(at))).toBe(hours * 3_600_000);
  });

  it('reads the local date across midnight in the zone', () => {
    const clock = new ZoneClock('America/Chicago');
    // 2024-01-08 05:59 UTC is 23:59 on Sunday the 7th in Chicago.
    const day = clock.localDay(utc('2024-01-08T05:59:00Z'));
    expect(day * DAY_MS).toBe(utc('2024-01-07T00:00:00Z'));
    expect(weekdayOf(day)).toBe(6);
  });
});

describe('isValidTimeZone', () => {
  it.each(['America/New_York', 'Asia/Kolkata', 'UTC', 'Australia/Lord_Howe'])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });
  it.each(['Mars/Olympus', '', 'America/New York', '+05:30', 'EST5EDT6'])('rejects %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});
