import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PollRow {
  storeId: string;
  status: string;
  timestamp: string;
  /** Epoch microseconds, parsed independently of the generator. */
  micros: number;
}

export interface HoursRow {
  storeId: string;
  day: string;
  start: string;
  end: string;
}

export interface ZoneRow {
  storeId: string;
  timeZone: string;
}

export const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{0,5}[1-9]))? UTC$/;
export const CLOCK = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
export const INTEGER_ID = /^[1-9]\d{0,18}$/;
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A fresh directory under the OS temp dir, removed by the returned function. */
export function tempDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `generator-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Lines of a file without its final newline; the header is line 0. */
export function readLines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  if (!text.endsWith('\n')) throw new Error(`${path} does not end with a newline`);
  return text.slice(0, -1).split('\n');
}

export function parsePolls(lines: readonly string[]): PollRow[] {
  return lines.slice(1).map((line) => {
    const [storeId, status, timestamp] = line.split(',');
    return { storeId, status, timestamp, micros: timestampMicros(timestamp) };
  });
}

export function parseHours(lines: readonly string[]): HoursRow[] {
  return lines.slice(1).map((line) => {
    const [storeId, day, start, end] = line.split(',');
    return { storeId, day, start, end };
  });
}

export function parseZones(lines: readonly string[]): ZoneRow[] {
  return lines.slice(1).map((line) => {
    const [storeId, timeZone] = line.split(',');
    return { storeId, timeZone };
  });
}

/** NaN when the text is not in the real format. */
export function timestampMicros(text: string): number {
  const match = TIMESTAMP.exec(text);
  if (match === null) return Number.NaN;
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const ms = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  return ms * 1000 + Number(fraction.padEnd(6, '0'));
}

/** Seconds after midnight of `HH:MM` or `HH:MM:SS`. */
export function clockSeconds(text: string): number {
  const [hours, minutes, seconds = '0'] = text.split(':');
  return +hours * 3600 + +minutes * 60 + +seconds;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
