/**
 * The labels format each instant at the offset the engine's zone clock reads there; they must say
 * exactly what date-fns-tz says with the zone's name, across DST changes and before standard time.
 */
import { formatInTimeZone } from 'date-fns-tz';
import { clockTime, dayLabel, hourAndOffset, localDate, localStamp } from '../src/labels';

const MIN = 60_000;

const AROUND: Array<[string, string]> = [
  ['America/New_York', '2024-03-10T07:00:00Z'],
  ['America/New_York', '2024-11-03T06:00:00Z'],
  ['Australia/Sydney', '2024-04-06T16:00:00Z'],
  ['Australia/Lord_Howe', '2024-04-06T15:00:00Z'],
  ['Australia/Lord_Howe', '2024-10-05T15:30:00Z'],
  ['America/Santiago', '2024-09-08T04:00:00Z'],
  ['Asia/Kathmandu', '2024-01-01T00:00:00Z'],
  // Local mean time, offsets in seconds: the labels fall back to the zone's name.
  ['America/New_York', '1883-11-18T16:00:00Z'],
];

describe.each(AROUND)('%s around %s', (zone, iso) => {
  const instants = Array.from({ length: 97 }, (_, i) => Date.parse(iso) - 4 * 60 * MIN + i * 5 * MIN + 0.25);

  it('labels every instant as date-fns-tz does with the zone name', () => {
    for (const at of instants) {
      expect(localStamp(at, zone)).toBe(formatInTimeZone(at, zone, 'yyyy-MM-dd HH:mm:ss xxx'));
      expect(clockTime(at, zone)).toBe(formatInTimeZone(at, zone, 'HH:mm:ss'));
      expect(localDate(at, zone)).toBe(formatInTimeZone(at, zone, 'yyyy-MM-dd'));
      expect(dayLabel(at, zone)).toBe(formatInTimeZone(at, zone, 'EEE d MMM'));
      expect(hourAndOffset(at, zone)).toEqual({
        hour: formatInTimeZone(at, zone, 'HH'),
        offset: formatInTimeZone(at, zone, 'xxx'),
      });
    }
  });
});
