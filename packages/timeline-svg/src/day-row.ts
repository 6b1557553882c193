import { type ExplainedPoll, formatInstant, type TimelineSegment } from '@store-monitor/engine';
import type { DayContent, StatusTotals, Stretch } from './day-content';
import { clockTime, dayHours, dayLabel, hourAndOffset, hoursText, localStamp } from './labels';
import { LEFT, ROW, xOf } from './layout';
import type { LocalDay } from './local-days';
import { localHourInstants } from './local-days';
import { COLOURS, outsideFill, pollStyle, STATUS_LABELS, statusFill } from './palette';
import { el, join, type Markup, text } from './xml';

/** What every row needs to know about the whole picture. */
export interface RowContext {
  zone: string;
  from: number;
  now: number;
  idPrefix: string;
  /** Show unknown totals: the timeline has a max gap (or, oddly, unknown time without one). */
  showUnknown: boolean;
  totalsX: number;
}

/** One local day: its label, closed time, hour axis, business bands, segments, polls and totals. */
export function dayRow(content: DayContent, y: number, ctx: RowContext): Markup {
  const { day } = content;
  return el(
    'g',
    {
      class: 'day',
      'data-date': day.date,
      'data-hours': dayHours(day.end - day.start),
      'data-start': formatInstant(day.start),
      'data-end': formatInstant(day.end),
      transform: `translate(0 ${y})`,
    },
    label(day, ctx.zone),
    el('rect', {
      class: 'day-bg',
      x: LEFT,
      y: ROW.bandTop,
      width: xOf(day.end, day.start) - LEFT,
      height: ROW.bandHeight,
      fill: COLOURS.closed,
      stroke: '#BBBBBB',
    }),
    outside(day, ctx),
    hourAxis(day, ctx.zone),
    join(content.bands.map((band) => bandRect(band, day))),
    join(content.segments.map((segment) => segmentRect(segment, day, ctx))),
    join(content.polls.map((poll) => pollMark(poll, day, ctx.zone))),
    nowMarker(day, ctx.now),
    dayTotal(content.totals, ctx),
  );
}

function label(day: LocalDay, zone: string): Markup {
  const hours = dayHours(day.end - day.start);
  const length =
    hours === '24'
      ? []
      : [
          el(
            'text',
            { class: 'day-length', x: 8, y: ROW.bandTop + 26, 'font-size': 10, fill: COLOURS.muted },
            text(`${hours} h day`),
          ),
        ];
  return join([
    el(
      'text',
      { class: 'day-label', x: 8, y: ROW.bandTop + 14, 'font-size': 12, fill: COLOURS.text },
      text(dayLabel(day.start, zone)),
    ),
    ...length,
  ]);
}

/** The parts of the first and last days outside the week window [from, now). */
function outside(day: LocalDay, ctx: RowContext): Markup {
  const parts: Stretch[] = [];
  if (day.start < ctx.from) parts.push({ start: day.start, end: Math.min(ctx.from, day.end) });
  if (day.end > ctx.now) parts.push({ start: Math.max(ctx.now, day.start), end: day.end });
  return join(
    parts.map((p) =>
      el('rect', {
        class: 'outside',
        x: xOf(p.start, day.start),
        y: ROW.bandTop,
        width: xOf(p.end, day.start) - xOf(p.start, day.start),
        height: ROW.bandHeight,
        fill: outsideFill(ctx.idPrefix),
      }),
    ),
  );
}

/** A tick and a label at each instant the local clock shows a whole hour. */
function hourAxis(day: LocalDay, zone: string): Markup {
  const ticks = localHourInstants(day, zone).map((at) => {
    const { hour, offset } = hourAndOffset(at, zone);
    const x = xOf(at, day.start);
    return el(
      'g',
      { class: 'hour', 'data-at': formatInstant(at), 'data-local': `${hour}:00`, 'data-offset': offset },
      el('line', { x1: x, x2: x, y1: ROW.gridTop, y2: ROW.bandTop + ROW.bandHeight, stroke: COLOURS.grid }),
      el('text', { x, y: ROW.hourLabel, 'font-size': 8, 'text-anchor': 'middle', fill: COLOURS.muted }, text(hour)),
    );
  });
  return el('g', { class: 'hours' }, ...ticks);
}

function bandRect(band: Stretch, day: LocalDay): Markup {
  return el('rect', {
    class: 'band',
    'data-start': formatInstant(band.start),
    'data-end': formatInstant(band.end),
    x: xOf(band.start, day.start),
    y: ROW.bandTop,
    width: xOf(band.end, day.start) - xOf(band.start, day.start),
    height: ROW.bandHeight,
    fill: '#FFFFFF',
    stroke: COLOURS.band,
  });
}

function segmentRect(segment: TimelineSegment, day: LocalDay, ctx: RowContext): Markup {
  const { start, end, status, pollAt } = segment;
  const source = pollAt === null ? 'no poll close enough' : `from the poll at ${localStamp(pollAt, ctx.zone)}`;
  return el(
    'rect',
    {
      class: `segment ${status}`,
      'data-status': status,
      'data-start': formatInstant(start),
      'data-end': formatInstant(end),
      'data-ms': String(end - start),
      'data-poll': pollAt === null ? undefined : formatInstant(pollAt),
      x: xOf(start, day.start),
      y: ROW.bandTop + ROW.segmentInset,
      width: xOf(end, day.start) - xOf(start, day.start),
      height: ROW.bandHeight - 2 * ROW.segmentInset,
      fill: statusFill(status, ctx.idPrefix),
    },
    el(
      'title',
      {},
      text(`${STATUS_LABELS[status]} ${clockTime(start, ctx.zone)}–${clockTime(end, ctx.zone)}, ${source}`),
    ),
  );
}

function pollMark(poll: ExplainedPoll, day: LocalDay, zone: string): Markup {
  const style = pollStyle(poll.active, poll.evidence);
  const x = xOf(poll.at, day.start);
  const kind = [
    poll.active ? 'active' : 'inactive',
    poll.evidence ? 'evidence' : 'ignored',
    poll.inBusinessHours ? 'in-hours' : 'out-of-hours',
  ];
  const what = `${poll.active ? 'active' : 'inactive'}, ${poll.evidence ? 'used by the policy' : 'not used by the policy'}, ${poll.inBusinessHours ? 'in' : 'outside'} business hours`;
  return el(
    'g',
    { class: `poll ${kind.join(' ')}`, 'data-at': formatInstant(poll.at), opacity: style.opacity },
    el('line', {
      x1: x,
      x2: x,
      y1: ROW.pollTop,
      y2: ROW.pollBottom - 4,
      stroke: style.stroke,
      'stroke-width': 1.5,
      'stroke-dasharray': style.dash,
    }),
    el('circle', {
      cx: x,
      cy: ROW.pollBottom - 2.5,
      r: 2.5,
      fill: style.markerFill,
      stroke: style.stroke,
      'stroke-width': 1.2,
    }),
    el('title', {}, text(`poll at ${clockTime(poll.at, zone)}: ${what}`)),
  );
}

function nowMarker(day: LocalDay, now: number): Markup {
  if (now <= day.start || now > day.end) return join([]);
  const x = xOf(now, day.start);
  return el('line', {
    class: 'now',
    x1: x,
    x2: x,
    y1: ROW.gridTop - 2,
    y2: ROW.pollBottom,
    stroke: COLOURS.now,
    'stroke-width': 2,
  });
}

function dayTotal(totals: StatusTotals, ctx: RowContext): Markup {
  const part = (status: keyof StatusTotals) =>
    el('tspan', { class: status }, text(`${STATUS_LABELS[status]} ${hoursText(totals[status])} h`));
  const parts = [part('up'), text(' · '), part('down')];
  if (ctx.showUnknown) parts.push(text(' · '), part('unknown'));
  return el(
    'text',
    {
      class: 'day-total',
      'data-up-ms': String(totals.up),
      'data-down-ms': String(totals.down),
      'data-unknown-ms': String(totals.unknown),
      x: ctx.totalsX,
      y: ROW.bandTop + 14,
      'font-size': 11,
      fill: COLOURS.text,
    },
    ...parts,
  );
}
