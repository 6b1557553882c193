/** Reading a rendered picture back: its rows, their parts, and instants from its data attributes. */
import { renderTimelineSvg } from '../../src';
import type { StoreTimeline } from '@store-monitor/engine';
import { byClass, parseXml, textOf, type XmlElement } from './xml-tree';

/** An instant written by the engine's formatInstant (`...:00.123456Z` keeps microseconds). */
export function instantOf(iso: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{3})(\d{3})?)?Z$/.exec(iso);
  if (!m) throw new Error(`not an instant: ${iso}`);
  return Date.parse(`${m[1]}Z`) + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 1000;
}

export interface Row {
  g: XmlElement;
  date: string;
  hours: number;
  start: number;
  end: number;
  width: number;
  bands: Array<{ start: number; end: number; x: number; width: number }>;
  segments: XmlElement[];
  polls: XmlElement[];
  hourLabels: string[];
  total: XmlElement;
}

export function rowsOf(svg: XmlElement): Row[] {
  return byClass(svg, 'day').map((g) => ({
    g,
    date: g.attrs['data-date'],
    hours: Number(g.attrs['data-hours']),
    start: instantOf(g.attrs['data-start']),
    end: instantOf(g.attrs['data-end']),
    width: Number(byClass(g, 'day-bg')[0].attrs.width),
    bands: byClass(g, 'band').map((b) => ({
      start: instantOf(b.attrs['data-start']),
      end: instantOf(b.attrs['data-end']),
      x: Number(b.attrs.x),
      width: Number(b.attrs.width),
    })),
    segments: byClass(g, 'segment'),
    polls: byClass(g, 'poll'),
    hourLabels: byClass(g, 'hour').map((h) => textOf(h)),
    total: byClass(g, 'day-total')[0],
  }));
}

/** Render and parse: throws if the picture is not well-formed XML. */
export function picture(timeline: StoreTimeline): { source: string; svg: XmlElement; rows: Row[] } {
  const source = renderTimelineSvg(timeline);
  const svg = parseXml(source);
  return { source, svg, rows: rowsOf(svg) };
}

/** `HH:mm` on the zone's wall clock by Intl, independently of the picture's own labels. */
export function wallClock(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** `Mon` ... `Sun` in the zone. */
export function weekday(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short' }).format(instant);
}
