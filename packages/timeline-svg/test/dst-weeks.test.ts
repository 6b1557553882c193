/**
 * The picture of DST weeks in New York, Sydney and Lord Howe: a row per local day, the DST day drawn
 * as long as it was (23 or 25 hours, 23.5 or 24.5 in Lord Howe) on the common scale, its hour axis
 * skipping or repeating the changed hour, and business hours as bands at the right local times.
 */
import { PX_PER_HOUR } from '../src/layout';
import { picture, type Row, wallClock, weekday } from './support/picture';
import { explainedWeek, H } from './support/stores';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const without = (hour: string) => HOURS.filter((h) => h !== hour);
const twice = (hour: string) => HOURS.flatMap((h) => (h === hour ? [h, h] : [h]));

interface DstWeek {
  name: string;
  zone: string;
  /** Thursday 12:00 local, four days after the change. */
  now: string;
  date: string;
  hours: number;
  labels: string[];
}

const WEEKS: DstWeek[] = [
  {
    name: 'New York, spring',
    zone: 'America/New_York',
    now: '2024-03-14T16:00:00Z',
    date: '2024-03-10',
    hours: 23,
    labels: without('02'),
  },
  {
    name: 'New York, fall',
    zone: 'America/New_York',
    now: '2024-11-07T17:00:00Z',
    date: '2024-11-03',
    hours: 25,
    labels: twice('01'),
  },
  {
    name: 'Sydney, fall',
    zone: 'Australia/Sydney',
    now: '2024-04-11T02:00:00Z',
    date: '2024-04-07',
    hours: 25,
    labels: twice('02'),
  },
  {
    name: 'Sydney, spring',
    zone: 'Australia/Sydney',
    now: '2024-10-10T01:00:00Z',
    date: '2024-10-06',
    hours: 23,
    labels: without('02'),
  },
  {
    name: 'Lord Howe, fall',
    zone: 'Australia/Lord_Howe',
    now: '2024-04-11T01:30:00Z',
    date: '2024-04-07',
    hours: 24.5,
    labels: HOURS,
  },
  {
    name: 'Lord Howe, spring',
    zone: 'Australia/Lord_Howe',
    now: '2024-10-10T01:00:00Z',
    date: '2024-10-06',
    hours: 23.5,
    labels: without('02'),
  },
];

/** The weekly hours of `weeklyHours`, as local clock times per weekday (`00:00` at the end is midnight). */
const OPEN: Record<string, string[]> = {
  Mon: ['09:00-17:00'],
  Tue: ['09:00-17:00'],
  Wed: ['09:00-17:00'],
  Thu: ['09:00-17:00'],
  Fri: ['09:00-17:00'],
  Sat: ['10:00-14:00', '20:00-00:00'],
  Sun: ['00:00-04:00'],
};

const bandClocks = (row: Row, zone: string) =>
  row.bands.map((b) => `${wallClock(b.start, zone)}-${wallClock(b.end, zone)}`);

describe.each(WEEKS)('$name', ({ zone, now, date, hours, labels }) => {
  const { timeline } = explainedWeek({ zone, now: Date.parse(now) });
  const { rows } = picture(timeline);
  const dstRow = rows.find((r) => r.date === date)!;
  const normalRows = rows.filter((r) => r.date !== date);

  it('has one row per local day the week touches: Thursday to Thursday, eight days', () => {
    expect(rows.map((r) => weekday(r.start, zone))).toEqual(['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed', 'Thu']);
    expect(rows[0].start).toBeLessThanOrEqual(timeline.from);
    expect(rows[7].end).toBeGreaterThan(timeline.now);
    for (let i = 1; i < rows.length; i++) expect(rows[i].start).toBe(rows[i - 1].end);
    expect(rows.map((r) => wallClock(r.start, zone))).toEqual(Array(8).fill('00:00'));
  });

  it(`draws ${date} ${hours} hours long, on the same scale as the 24-hour days`, () => {
    expect(dstRow.hours).toBe(hours);
    expect((dstRow.end - dstRow.start) / H).toBe(hours);
    expect(normalRows.map((r) => r.hours)).toEqual(Array(7).fill(24));
    expect(normalRows.map((r) => r.width)).toEqual(Array(7).fill(24 * PX_PER_HOUR));
    expect(dstRow.width / normalRows[0].width).toBeCloseTo(hours / 24, 10);
  });

  it('labels the hour axis with local clock hours: the changed hour skipped or repeated', () => {
    expect(dstRow.hourLabels).toEqual(labels);
    for (const row of normalRows) expect(row.hourLabels).toEqual(HOURS);
  });

  it('draws business hours as bands at their local times, as long as they really were', () => {
    for (const row of rows.slice(1, 7)) {
      expect(bandClocks(row, zone)).toEqual(OPEN[weekday(row.start, zone)]);
      for (const band of row.bands) expect(band.width).toBeCloseTo(((band.end - band.start) / H) * PX_PER_HOUR, 1);
    }
    // The Sunday band 00:00-04:00 holds the clock change: an hour (half an hour) less or more.
    const [sunday] = dstRow.bands;
    expect((sunday.end - sunday.start) / H).toBe(4 + hours - 24);
    // The first and last rows are cut at the week window: from its start, and up to now.
    expect(rows[0].bands.map((b) => b.start)).toEqual([timeline.from]);
    expect(bandClocks(rows[7], zone)).toEqual(['09:00-12:00']);
    expect(rows[7].bands[0].end).toBe(timeline.now);
  });
});

describe('Santiago, where the clocks change at midnight', () => {
  const zone = 'America/Santiago';

  it('starts the spring day at 01:00, the first instant it has, and draws it 23 hours long', () => {
    const { timeline } = explainedWeek({ zone, now: Date.parse('2024-09-12T16:00:00Z') });
    const row = picture(timeline).rows.find((r) => r.date === '2024-09-08')!;
    expect(wallClock(row.start, zone)).toBe('01:00');
    expect(row.hours).toBe(23);
    expect(row.hourLabels).toEqual(HOURS.slice(1));
  });

  it('gives the fall-back hour 23:00 twice to the day before, 25 hours long', () => {
    const { timeline } = explainedWeek({ zone, now: Date.parse('2024-04-11T16:00:00Z') });
    const { rows } = picture(timeline);
    const saturday = rows.find((r) => r.date === '2024-04-06')!;
    expect(saturday.hours).toBe(25);
    expect(saturday.hourLabels).toEqual(twice('23'));
    expect(rows.find((r) => r.date === '2024-04-07')!.hours).toBe(24);
    // The Saturday overnight span runs 20:00 to midnight: five hours with 23:00 twice.
    expect(saturday.bands.map((b) => (b.end - b.start) / H)).toEqual([4, 5]);
  });
});
