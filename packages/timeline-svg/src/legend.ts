import type { SegmentStatus } from '@store-monitor/engine';
import { COLOURS, outsideFill, pollStyle, statusFill } from './palette';
import { el, type Markup, text } from './xml';

const SWATCH = { width: 22, height: 12 };

/** What the fills and marks mean, in one line under the title. */
export function legend(y: number, x: number, idPrefix: string): Markup {
  const items: Array<[string, Markup, string]> = [
    ...(['up', 'down', 'unknown'] as SegmentStatus[]).map((status): [string, Markup, string] => [
      status,
      swatch(statusFill(status, idPrefix)),
      status,
    ]),
    ['band', swatch('#FFFFFF', COLOURS.band), 'business hours'],
    ['closed', swatch(COLOURS.closed, '#BBBBBB'), 'closed'],
    ['outside', swatch(outsideFill(idPrefix), '#BBBBBB'), 'outside the week'],
    ['poll-active', pollSwatch(true, true), 'poll: active'],
    ['poll-inactive', pollSwatch(false, true), 'inactive'],
    ['poll-ignored', pollSwatch(true, false), 'not used by the policy'],
  ];
  let left = x;
  const placed = items.map(([key, mark, label]) => {
    const item = el(
      'g',
      { class: `legend-item ${key}`, transform: `translate(${left} ${y})` },
      mark,
      el('text', { x: SWATCH.width + 4, y: 10, 'font-size': 11, fill: COLOURS.text }, text(label)),
    );
    left += SWATCH.width + 18 + label.length * 6.5; // about 6.5 px a character at 11 px
    return item;
  });
  return el('g', { class: 'legend' }, ...placed);
}

function swatch(fill: string, stroke?: string): Markup {
  return el('rect', { width: SWATCH.width, height: SWATCH.height, fill, stroke });
}

function pollSwatch(active: boolean, evidence: boolean): Markup {
  const style = pollStyle(active, evidence);
  const x = SWATCH.width / 2;
  return el(
    'g',
    { opacity: style.opacity },
    el('line', {
      x1: x,
      x2: x,
      y1: 0,
      y2: 8,
      stroke: style.stroke,
      'stroke-width': 1.5,
      'stroke-dasharray': style.dash,
    }),
    el('circle', { cx: x, cy: 9.5, r: 2.5, fill: style.markerFill, stroke: style.stroke, 'stroke-width': 1.2 }),
  );
}
