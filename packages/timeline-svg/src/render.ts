import { formatInstant, type StoreTimeline } from '@store-monitor/engine';
import { contentByDay, type DayContent } from './day-content';
import { dayRow, type RowContext } from './day-row';
import { localStamp, maxGapText, titleStamp } from './labels';
import { FONT, FOOTER, HEADER, LEFT, PX_PER_HOUR, ROW_PITCH, TOTALS_GAP, TOTALS_WIDTH } from './layout';
import { legend } from './legend';
import { localDaysOf } from './local-days';
import { COLOURS, patternDefs } from './palette';
import { el, type Markup, text } from './xml';

export interface TimelineSvgOptions {
  /** The heading; by default `Store <id>`. */
  title?: string;
  /**
   * Prefix of the ids inside the picture (its patterns, title and description), so that several
   * pictures can sit inline in one HTML page without sharing ids. Default `timeline`.
   */
  idPrefix?: string;
}

/**
 * A store's explained week as an SVG document: one row per local day of its zone, each drawn as long
 * as that day really was on one common scale (a spring-forward day is 23/24 of a normal one). Pure:
 * the same timeline gives the same bytes, with no clock, files or network.
 */
export function renderTimelineSvg(timeline: StoreTimeline, options: TimelineSvgOptions = {}): string {
  const { storeId, timeZone: zone, from, now } = timeline;
  const idPrefix = options.idPrefix ?? 'timeline';
  const days = contentByDay(timeline, localDaysOf(from, now, zone));
  const longestHours = Math.max(24, ...days.map(({ day }) => (day.end - day.start) / 3_600_000));
  const totalsX = LEFT + longestHours * PX_PER_HOUR + TOTALS_GAP;
  const width = totalsX + TOTALS_WIDTH;
  const height = HEADER + days.length * ROW_PITCH + FOOTER;
  const heading = options.title ?? `Store ${storeId}`;
  const summary = subtitle(timeline);
  const ctx: RowContext = {
    zone,
    from,
    now,
    idPrefix,
    showUnknown: timeline.maxGapMs !== undefined || days.some((d) => d.totals.unknown > 0),
    totalsX,
  };
  const svg = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      role: 'img',
      'aria-label': `${heading}: ${summary}`,
      'aria-describedby': `${idPrefix}-desc`,
      class: 'store-timeline',
      'data-store-id': storeId,
      'data-zone': zone,
      'data-policy': timeline.policy,
      'data-max-gap-ms': timeline.maxGapMs === undefined ? undefined : String(timeline.maxGapMs),
      'data-from': formatInstant(from),
      'data-now': formatInstant(now),
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': FONT,
    },
    el('title', { id: `${idPrefix}-title` }, text(`${heading}: ${summary}`)),
    el('desc', { id: `${idPrefix}-desc` }, text(description(timeline, days))),
    patternDefs(idPrefix),
    el('rect', { class: 'background', width, height, fill: '#FFFFFF' }),
    el(
      'text',
      { class: 'title', x: 8, y: 24, 'font-size': 16, 'font-weight': 'bold', fill: COLOURS.text },
      text(heading),
    ),
    el('text', { class: 'subtitle', x: 8, y: 44, 'font-size': 12, fill: COLOURS.muted }, text(summary)),
    legend(58, 8, idPrefix),
    el(
      'text',
      { class: 'axis-caption', x: LEFT, y: HEADER - 10, 'font-size': 10, fill: COLOURS.muted },
      text(`Local time in ${zone}; a row per local day, as long as the day was`),
    ),
    el(
      'text',
      { class: 'totals-caption', x: totalsX, y: HEADER - 10, 'font-size': 10, fill: COLOURS.muted },
      text('Business hours per day'),
    ),
    ...days.map((content, i) => dayRow(content, HEADER + i * ROW_PITCH, ctx)),
    footer(timeline, days, HEADER + days.length * ROW_PITCH, ctx.showUnknown),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}

function subtitle({ timeZone, policy, maxGapMs, now }: StoreTimeline): string {
  return `${timeZone} · policy ${policy} · max gap ${maxGapText(maxGapMs)} · now ${titleStamp(now, timeZone)}`;
}

function description(timeline: StoreTimeline, days: DayContent[]): string {
  const { row, timeZone, from, now } = timeline;
  return (
    `Business hours of the week from ${localStamp(from, timeZone)} to ${localStamp(now, timeZone)}, ` +
    `${days.length} local days: up ${row.uptime_last_week.toFixed(2)} h, down ${row.downtime_last_week.toFixed(2)} h` +
    (row.unknown_last_week === undefined ? '.' : `, unknown ${row.unknown_last_week.toFixed(2)} h.`)
  );
}

/** The week's totals, which are the report row's, and the polls older than the first day. */
function footer(timeline: StoreTimeline, days: DayContent[], y: number, showUnknown: boolean): Markup {
  const { row } = timeline;
  const unknown = row.unknown_last_week ?? 0;
  const parts = [`up ${row.uptime_last_week.toFixed(2)} h`, `down ${row.downtime_last_week.toFixed(2)} h`];
  if (showUnknown) parts.push(`unknown ${unknown.toFixed(2)} h`);
  const week = el(
    'text',
    {
      class: 'week-total',
      'data-up-hours': row.uptime_last_week.toFixed(2),
      'data-down-hours': row.downtime_last_week.toFixed(2),
      'data-unknown-hours': unknown.toFixed(2),
      x: LEFT,
      y: y + 14,
      'font-size': 12,
      'font-weight': 'bold',
      fill: COLOURS.text,
    },
    text(`Week (the report row): ${parts.join(' · ')}`),
  );
  return el('g', { class: 'footer' }, week, earlierPolls(timeline, days, y + 32));
}

function earlierPolls({ polls, timeZone }: StoreTimeline, days: DayContent[], y: number): Markup {
  const firstDay = days[0]?.day.start ?? Infinity;
  const earlier = polls.filter((p) => p.at < firstDay);
  if (earlier.length === 0) return el('g', { class: 'earlier-polls', 'data-count': '0' });
  const last = earlier[earlier.length - 1];
  const what = `${earlier.length} earlier poll${earlier.length === 1 ? '' : 's'} not drawn; the latest at ${localStamp(last.at, timeZone)}, ${last.active ? 'active' : 'inactive'}`;
  return el(
    'text',
    { class: 'earlier-polls', 'data-count': String(earlier.length), x: LEFT, y, 'font-size': 10, fill: COLOURS.muted },
    text(what),
  );
}
