/**
 * What the rows hold: segments by status (class, fill), inside the bands and covering them; each
 * day's totals from its segments, adding up to the report row; a tick for every poll, marked by
 * status and by whether the policy used it.
 */
import { POLICIES } from '@store-monitor/engine';
import { hoursText } from '../src/labels';
import { COLOURS } from '../src/palette';
import { instantOf, picture, type Row } from './support/picture';
import { explainedWeek, H } from './support/stores';
import { byClass, textOf } from './support/xml-tree';

const FILLS = { up: COLOURS.up, down: 'url(#timeline-down)', unknown: 'url(#timeline-unknown)' };
const STATUSES = ['up', 'down', 'unknown'] as const;

const WEEKS = [
  { zone: 'America/New_York', now: '2024-03-14T16:00:00Z' },
  { zone: 'Australia/Sydney', now: '2024-04-11T02:00:00Z' },
];
// Monday 10:00 to 15:00 local: no polls, so under a 2 h max gap part of it is unknown.
const SILENT: Record<string, [string, string]> = {
  'America/New_York': ['2024-03-11T14:00:00Z', '2024-03-11T19:00:00Z'],
  'Australia/Sydney': ['2024-04-08T00:00:00Z', '2024-04-08T05:00:00Z'],
};

const CASES = POLICIES.flatMap((policy) =>
  WEEKS.flatMap((w) => [
    { ...w, policy, maxGapMs: undefined },
    { ...w, policy, maxGapMs: 2 * H },
  ]),
);

const msOf = (segments: Row['segments'], status: string) =>
  segments.filter((s) => s.attrs['data-status'] === status).reduce((sum, s) => sum + Number(s.attrs['data-ms']), 0);

describe.each(CASES)('$zone, $policy, max gap $maxGapMs', ({ zone, now, policy, maxGapMs }) => {
  const silent = SILENT[zone].map(Date.parse) as [number, number];
  const { timeline } = explainedWeek({ zone, now: Date.parse(now), policy, maxGapMs, silent: [silent] });
  const { svg, rows } = picture(timeline);
  const segments = rows.flatMap((r) => r.segments);

  it('draws each segment with its status as class and fill, a poll named when it is known', () => {
    expect(segments.length).toBeGreaterThan(10);
    for (const s of segments) {
      const status = s.attrs['data-status'] as (typeof STATUSES)[number];
      expect(s.attrs.class).toBe(`segment ${status}`);
      expect(s.attrs.fill).toBe(FILLS[status]);
      expect('data-poll' in s.attrs).toBe(status !== 'unknown');
    }
    const seen = new Set(segments.map((s) => s.attrs['data-status']));
    expect(seen).toEqual(new Set(maxGapMs === undefined ? ['up', 'down'] : STATUSES));
  });

  it('lays the segments inside the bands, covering them exactly', () => {
    for (const row of rows) {
      const inBands = row.bands.reduce((sum, b) => sum + b.end - b.start, 0);
      expect(STATUSES.reduce((sum, st) => sum + msOf(row.segments, st), 0)).toBeCloseTo(inBands, 3);
      for (const s of row.segments) {
        const [start, end] = [instantOf(s.attrs['data-start']), instantOf(s.attrs['data-end'])];
        expect(row.bands.some((b) => b.start <= start + 1e-3 && end <= b.end + 1e-3)).toBe(true);
      }
    }
  });

  it("totals each day from its segments, and the days' totals add up to the report row", () => {
    const d = timeline.durations;
    const week = { up: d.uptimeWeekMs, down: d.downtimeWeekMs, unknown: d.unknownWeekMs ?? 0 };
    const reportRow = {
      up: timeline.row.uptime_last_week,
      down: timeline.row.downtime_last_week,
      unknown: timeline.row.unknown_last_week ?? 0,
    };
    for (const status of STATUSES) {
      const perDay = rows.map((r) => Number(r.total.attrs[`data-${status}-ms`]));
      expect(perDay.map((ms, i) => ms - msOf(rows[i].segments, status)).every((d) => Math.abs(d) < 1e-3)).toBe(true);
      expect(perDay.reduce((a, b) => a + b, 0)).toBeCloseTo(week[status], 3);
      // The printed day totals, rounded to hundredths, add up to the row within their rounding.
      const printed = rows.map((r) => textOf(byClass(r.total, status)[0] ?? ''));
      if (status === 'unknown' && maxGapMs === undefined) {
        expect(printed).toEqual(Array(rows.length).fill(''));
        continue;
      }
      expect(printed).toEqual(perDay.map((ms) => `${status} ${hoursText(ms)} h`));
      const sum = printed.reduce((a, t) => a + Number(t.split(' ')[1]), 0);
      expect(Math.abs(sum - reportRow[status])).toBeLessThanOrEqual(0.005 * rows.length + 1e-9);
    }
    const weekTotal = byClass(svg, 'week-total')[0].attrs;
    expect(Number(weekTotal['data-up-hours'])).toBe(reportRow.up);
    expect(Number(weekTotal['data-down-hours'])).toBe(reportRow.down);
    expect(Number(weekTotal['data-unknown-hours'])).toBe(reportRow.unknown);
  });

  it('ticks every poll in the drawn days, by status and by whether the policy used it', () => {
    const ticks = rows.flatMap((r) => r.polls);
    const drawn = timeline.polls.filter((p) => p.at >= rows[0].start);
    const earlier = Number(byClass(svg, 'earlier-polls')[0].attrs['data-count']);
    expect(ticks).toHaveLength(drawn.length);
    expect(ticks.length + earlier).toBe(timeline.polls.length);
    ticks.forEach((tick, i) => {
      const p = drawn[i];
      expect(instantOf(tick.attrs['data-at'])).toBeCloseTo(p.at, 6);
      const classes = tick.attrs.class.split(' ');
      expect(classes).toContain(p.active ? 'active' : 'inactive');
      expect(classes).toContain(p.evidence ? 'evidence' : 'ignored');
      expect(classes).toContain(p.inBusinessHours ? 'in-hours' : 'out-of-hours');
      expect(Number(tick.attrs.opacity)).toBe(p.evidence ? 1 : 0.45);
      // Active filled, inactive hollow: told apart without colour.
      const marker = tick.children.find((c) => typeof c !== 'string' && c.name === 'circle');
      expect(marker && typeof marker !== 'string' && marker.attrs.fill === '#FFFFFF').toBe(!p.active);
    });
    // Each row's ticks are the polls of that local day.
    for (const row of rows) {
      for (const tick of row.polls) {
        const at = instantOf(tick.attrs['data-at']);
        expect(at >= row.start && at < row.end).toBe(true);
      }
    }
    const classes = new Set(ticks.flatMap((t) => t.attrs.class.split(' ')));
    expect(classes).toEqual(
      new Set([
        'poll',
        'active',
        'inactive',
        'evidence',
        'in-hours',
        'out-of-hours',
        ...(policy === 'nearest' ? ['ignored'] : []),
      ]),
    );
  });
});
