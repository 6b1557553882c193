/** Edge cases of the rows: a store open 24x7, a week that starts at local midnight, a week with no business time. */
import { explainStore, type StoreInput } from '@store-monitor/engine';
import { picture } from './support/picture';
import { H, hourlyPolls, weeklyHours } from './support/stores';
import { byClass } from './support/xml-tree';

const ZONE = 'America/New_York';

function store(hours: StoreInput['hours'], now: number): StoreInput {
  return { storeId: 'edge', timeZone: ZONE, hours, polls: hourlyPolls({ from: now - 9 * 24 * H, to: now }) };
}

describe('a store open 24x7', () => {
  const now = Date.parse('2024-11-07T17:00:00Z');
  const timeline = explainStore(store([], now), now, 'forward')!;
  const { rows } = picture(timeline);

  it('has one band per row, the whole day, cut at midnight and at the window', () => {
    expect(rows.map((r) => r.bands.length)).toEqual(Array(8).fill(1));
    for (const row of rows.slice(1, 7)) expect(row.bands[0]).toMatchObject({ start: row.start, end: row.end });
    expect(rows[0].bands[0]).toMatchObject({ start: timeline.from, end: rows[0].end });
    expect(rows[7].bands[0]).toMatchObject({ start: rows[7].start, end: now });
  });

  it('shades the parts of the first and last days outside the week window, and only those', () => {
    expect(rows.map((r) => byClass(r.g, 'outside').length)).toEqual([1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('counts the 25-hour day as 25 hours of business time', () => {
    const sunday = rows.find((r) => r.date === '2024-11-03')!;
    const t = sunday.total.attrs;
    expect(Number(t['data-up-ms']) + Number(t['data-down-ms'])).toBe(25 * H);
  });
});

describe('a week that starts at local midnight', () => {
  // Thursday 00:00 EST: the window [from, now) ends just before that Thursday, so it touches 7 days.
  const now = Date.parse('2024-11-14T05:00:00Z');
  const timeline = explainStore(store(weeklyHours('edge'), now), now, 'nearest')!;
  const { rows } = picture(timeline);

  it('has seven rows, the first starting at from, and no row after now', () => {
    expect(rows).toHaveLength(7);
    expect(rows[0].start).toBe(timeline.from);
    expect(rows[6].end).toBe(now);
    expect(rows.flatMap((r) => byClass(r.g, 'outside'))).toEqual([]);
  });
});

describe('a week with no business time', () => {
  const now = Date.parse('2024-11-07T17:00:00Z');
  // Open 24x7 by its weekly hours, but closed by special days on each of the eight dates.
  const dates = [31, 32, 33, 34, 35, 36, 37, 38].map((d) => Date.UTC(2024, 9, d) / (24 * H));
  const input = {
    ...store([], now),
    specialHours: dates.map((date) => ({ storeId: 'edge', date, startMs: null, endMs: null })),
  };
  const timeline = explainStore(input, now, 'nearest')!;
  const { svg, rows } = picture(timeline);

  it('draws the eight days with no bands or segments, zero totals and the polls still ticked', () => {
    expect(rows).toHaveLength(8);
    expect(rows.flatMap((r) => [...r.bands, ...r.segments])).toEqual([]);
    for (const row of rows)
      expect([row.total.attrs['data-up-ms'], row.total.attrs['data-down-ms']]).toEqual(['0', '0']);
    expect(rows.flatMap((r) => r.polls).length).toBeGreaterThan(150);
    expect(byClass(svg, 'week-total')[0].attrs['data-up-hours']).toBe('0.00');
  });
});
