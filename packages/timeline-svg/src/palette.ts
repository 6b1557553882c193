import type { SegmentStatus } from '@store-monitor/engine';
import { el, type Markup } from './xml';

/**
 * Okabe and Ito's colour-blind-safe colours, and more than colour: up is solid dark blue, down is
 * light orange with dark hatching, unknown is pale grey with dots. They differ in lightness and in
 * texture, so they stay apart in greyscale and for every kind of colour blindness.
 */
export const COLOURS = {
  up: '#0072B2',
  down: '#E69F00',
  downHatch: '#3A2500',
  unknown: '#E4E4E4',
  unknownDot: '#555555',
  closed: '#F3F3F3',
  band: '#222222',
  grid: '#D0D0D0',
  text: '#1A1A1A',
  muted: '#5A5A5A',
  inactive: '#D55E00',
  now: '#CC79A7',
} as const;

export const STATUS_LABELS: Record<SegmentStatus, string> = { up: 'up', down: 'down', unknown: 'unknown' };

/** The fill of a segment of a status: a colour, or a pattern defined in `patternDefs`. */
export function statusFill(status: SegmentStatus, idPrefix: string): string {
  return status === 'up' ? COLOURS.up : `url(#${idPrefix}-${status})`;
}

export const outsideFill = (idPrefix: string): string => `url(#${idPrefix}-outside)`;

/** The patterns: hatched down, dotted unknown, faintly striped time outside the week window. */
export function patternDefs(idPrefix: string): Markup {
  const tile = (id: string, size: number, rotate: number | undefined, ...children: Markup[]) =>
    el(
      'pattern',
      {
        id: `${idPrefix}-${id}`,
        width: size,
        height: size,
        patternUnits: 'userSpaceOnUse',
        patternTransform: rotate === undefined ? undefined : `rotate(${rotate})`,
      },
      ...children,
    );
  return el(
    'defs',
    {},
    tile(
      'down',
      6,
      45,
      el('rect', { width: 6, height: 6, fill: COLOURS.down }),
      el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: COLOURS.downHatch, 'stroke-width': 2.2 }),
    ),
    tile(
      'unknown',
      5,
      undefined,
      el('rect', { width: 5, height: 5, fill: COLOURS.unknown }),
      el('circle', { cx: 2.5, cy: 2.5, r: 1, fill: COLOURS.unknownDot }),
    ),
    tile(
      'outside',
      8,
      -45,
      el('rect', { width: 8, height: 8, fill: '#FFFFFF' }),
      el('line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#C4C4C4', 'stroke-width': 1 }),
    ),
  );
}

/** A poll's tick: filled for active, hollow for inactive; faded and dashed when the policy ignored it. */
export function pollStyle(active: boolean, evidence: boolean) {
  return {
    stroke: active ? COLOURS.up : COLOURS.inactive,
    markerFill: active ? COLOURS.up : '#FFFFFF',
    opacity: evidence ? 1 : 0.45,
    dash: evidence ? undefined : '2 2',
  };
}
