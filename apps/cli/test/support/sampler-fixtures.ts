/**
 * Random stores on whole minutes, written as the three input CSV files in odd but valid formats
 * (byte-order mark, CRLF, reordered and extra columns, mixed-case status, every accepted timestamp
 * and clock-time form, padding, quoting), plus a few bad rows. Used by end-to-end-sampler.test.ts,
 * which compares the built command with the reference sampler of packages/engine/test/support.
 * A variant may also ask for a special-days file (special_hours.csv, picked up by --data) and a
 * max gap; variants that do not make exactly the data they made before either existed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HoursRow, SpecialHoursRow, StoreInput } from '@store-monitor/engine';

export const MIN = 60_000;
const DAY_MIN = 1440;

/** mulberry32: a tiny seeded PRNG, so every run builds the same data. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

export const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/St_Johns',
] as const;

/** One business-hours row: minutes after local midnight, the text written for each end, and what the reference gets. */
export interface GenHours {
  day: number;
  startMin: number;
  startText: string;
  endText: string;
  /** The end as given to the reference sampler: `23:59:59` means midnight just like `23:59`, so it becomes 23:59. */
  refEndMin: number;
}

export interface GenPoll {
  at: number;
  active: boolean;
}

/** One special-days row: a local date, and times as for GenHours, or closed (both empty). */
export interface GenSpecial {
  date: string; // YYYY-MM-DD
  /** Null for a closed row (both times written empty). */
  startMin: number | null;
  startText: string;
  endText: string;
  refEndMin: number | null;
}

export interface GenStore {
  id: string;
  zone?: string;
  hours: GenHours[];
  /** Empty unless the variant writes a special-days file. */
  special: GenSpecial[];
  /** In file order: for equal instants the later one wins. */
  polls: GenPoll[];
}

/** How one scenario writes its files. */
export interface Variant {
  name: string;
  seed: number;
  /** The report's now, given to the command with --as-of. */
  nowIso: string;
  stores: number;
  dayHeader: 'day' | 'dayOfWeek';
  pollsColumns: string[];
  hoursColumns: string[];
  zonesColumns: string[];
  crlf: 'polls' | 'hours' | 'timezones' | 'special';
  /** A file written without a newline after its last row. */
  noFinalNewline?: 'polls' | 'hours' | 'timezones';
  /** The polls file always has a BOM; these files get one too. */
  alsoBom?: ('hours' | 'timezones' | 'special')[];
  /** Write special_hours.csv with these columns (in this order), for some of the stores. */
  specialColumns?: string[];
  /** Dates that get special rows more often than others: the DST dates near now. */
  specialDates?: string[];
  /** The --max-gap text, and what it means in ms. */
  maxGap?: { text: string; ms: number };
}

type FileName = 'store_status.csv' | 'menu_hours.csv' | 'timezones.csv' | 'special_hours.csv';

export interface Scenario {
  variant: Variant;
  now: number;
  stores: GenStore[];
  /** special_hours.csv only when the variant asks for it. */
  files: Partial<Record<FileName, string>>;
  /** How many bad rows were written (all three files together). */
  badRows: number;
  /** Lines written for each store id, by file, to print when a value differs. */
  linesOf: Map<string, StoreLines>;
}

export interface StoreLines {
  polls: string[];
  hours: string[];
  zones: string[];
  special: string[];
}

// ---------------------------------------------------------------------------------------------
// Store ids

function uuid(rng: Rng, upper: boolean): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  const id = `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  return upper ? id.toUpperCase() : id;
}

function integerId(rng: Rng): string {
  // Mostly 19 digits like the real data (above 2^53, so parsing them as numbers would merge ids),
  // sometimes short ones, so byte order ('10...' < '9') differs from numeric order.
  const length = rng.chance(0.7) ? 19 : rng.int(1, 18);
  return String(rng.int(1, 9)) + Array.from({ length: length - 1 }, () => rng.int(0, 9)).join('');
}

function storeIds(rng: Rng, count: number): string[] {
  // Two ids that are the same double: only an exact string comparison keeps them apart.
  const ids = new Set<string>(['9007199254740993', '9007199254740992']);
  while (ids.size < count) ids.add(rng.chance(0.5) ? integerId(rng) : uuid(rng, rng.chance(0.1)));
  return rng.shuffle([...ids]);
}

// ---------------------------------------------------------------------------------------------
// Clock times and timestamps

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A whole minute after midnight in one of the accepted forms (24:00 only as `24:00`). */
function clockText(rng: Rng, minute: number): string {
  if (minute === DAY_MIN) return '24:00';
  const hhmm = `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
  return rng.pick([hhmm, `${hhmm}:00`, `${hhmm}:00.000000`]);
}

/** A whole-minute instant in one of the accepted timestamp forms. */
function timestampText(rng: Rng, at: number): string {
  const iso = new Date(at).toISOString(); // 2024-03-31T12:00:00.000Z
  const plain = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  switch (rng.int(0, 3)) {
    case 0:
      return `${plain} UTC`;
    case 1:
      return `${plain}.000000 UTC`;
    case 2:
      return `${iso.slice(0, 19)}Z`;
    default: {
      const offsetMin = rng.pick([120, -300, 330, -210, 630, 0, 60]);
      const local = new Date(at + offsetMin * MIN).toISOString();
      const sign = offsetMin < 0 ? '-' : '+';
      const abs = Math.abs(offsetMin);
      return `${local.slice(0, 19)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    }
  }
}

const statusText = (rng: Rng, active: boolean): string =>
  rng.pick(active ? ['active', 'Active', 'ACTIVE', 'aCtIvE'] : ['inactive', 'INACTIVE', 'Inactive']);

// ---------------------------------------------------------------------------------------------
// Random stores

/** Rows of one store: every shape the contract describes, biased to the weekend of the transition. */
function genHours(rng: Rng, nowWeekday: number): GenHours[] {
  const rows: GenHours[] = [];
  const count = rng.pick([0, 0, 1, 1, 2, 3, 4, 5, 6]);
  const day = () => (rng.chance(0.5) ? (nowWeekday + rng.int(-1, 1) + 7) % 7 : rng.int(0, 6));
  const last = DAY_MIN - 2; // no row starts in the last minute: the contract leaves those ambiguous
  const add = (d: number, start: number, end: number, endText?: string, refEnd = end) =>
    rows.push({
      day: d,
      startMin: start,
      startText: clockText(rng, start),
      endText: endText ?? clockText(rng, end),
      refEndMin: refEnd,
    });
  while (rows.length < count) {
    const d = day();
    switch (rng.int(0, 9)) {
      case 0:
        add(d, rng.int(0, last), rng.int(0, DAY_MIN));
        break; // anything
      case 1: {
        const s = rng.int(1, last);
        add(d, s, rng.int(0, s - 1));
        break;
      } // overnight
      case 2: {
        const s = rng.int(0, last);
        add(d, s, s);
        break;
      } // start = end: the whole day
      case 3:
        add(d, rng.int(0, last), DAY_MIN - 1, '23:59');
        break;
      case 4:
        add(d, rng.int(0, last), DAY_MIN - 1, rng.pick(['23:59:59', '23:59:59.000000']));
        break;
      case 5:
        add(d, rng.int(0, last), DAY_MIN);
        break; // 24:00
      case 6: {
        // split shift (sometimes overlapping)
        const s1 = rng.int(0, 600);
        const e1 = s1 + rng.int(10, 300);
        const s2 = Math.max(0, e1 + rng.int(-60, 240));
        add(d, s1, e1);
        add(d, s2, Math.min(DAY_MIN, s2 + rng.int(10, 400)));
        break;
      }
      case 7:
        add(d, rng.int(0, 240), rng.int(0, 240));
        break; // both ends where transitions happen
      case 8:
        add(d, rng.int(20 * 60, last), rng.int(0, 180));
        break; // overnight across a transition night
      default: {
        const s = rng.int(0, DAY_MIN - 20);
        add(d, s, s + rng.int(1, 15));
        break;
      } // short
    }
  }
  return rows.slice(0, 6);
}

const DAY_MS = DAY_MIN * MIN;
const dateText = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Special rows of one store on 1-3 dates (a DST date near now, or a date of the week before now),
 * 1-5 rows in all, so dates often get several rows: closed beside open, overlapping, overnight into
 * the next (special or weekly) date, whole day, last minute, 24:00.
 */
function genSpecial(rng: Rng, now: number, dstDates: readonly string[]): GenSpecial[] {
  const nowDay = Math.floor(now / DAY_MS);
  const dates = Array.from({ length: rng.int(1, 3) }, () =>
    dstDates.length > 0 && rng.chance(0.4) ? rng.pick(dstDates) : dateText(nowDay + rng.int(-8, 0)),
  );
  const last = DAY_MIN - 2; // no row starts in the last minute, as for the weekly rows
  const rows: GenSpecial[] = [];
  const add = (date: string, start: number, end: number, endText?: string, refEnd = end) =>
    rows.push({
      date,
      startMin: start,
      startText: clockText(rng, start),
      endText: endText ?? clockText(rng, end),
      refEndMin: refEnd,
    });
  for (let n = rng.int(1, 5); n > 0; n--) {
    const date = rng.pick(dates);
    switch (rng.int(0, 7)) {
      case 0:
      case 1:
        rows.push({ date, startMin: null, startText: '', endText: '', refEndMin: null }); // closed
        break;
      case 2: {
        const s = rng.int(1, last);
        add(date, s, rng.int(0, s - 1)); // overnight
        break;
      }
      case 3: {
        const s = rng.int(0, last);
        add(date, s, s); // the whole day
        break;
      }
      case 4:
        add(date, rng.int(0, last), DAY_MIN - 1, rng.pick(['23:59', '23:59:59']));
        break;
      case 5:
        add(date, rng.int(0, last), DAY_MIN); // 24:00
        break;
      case 6:
        add(date, rng.int(0, 240), rng.int(0, 240)); // both ends where transitions happen
        break;
      default: {
        const s = rng.int(0, DAY_MIN - 300);
        add(date, s, s + rng.int(10, 300)); // a short day
      }
    }
  }
  return rows;
}

function genPolls(rng: Rng, now: number, allAfterNow: boolean): GenPoll[] {
  const n = rng.int(1, 60);
  const polls: GenPoll[] = [];
  for (let i = 0; i < n; i++) {
    let offset: number; // minutes relative to now
    if (allAfterNow) offset = rng.int(0, 240) + 1;
    else {
      const r = rng.next();
      if (r < 0.4)
        offset = -rng.int(0, 9 * DAY_MIN); // ~9 days before now
      else if (r < 0.65) offset = -rng.int(0, DAY_MIN);
      else if (r < 0.85) offset = -rng.int(0, 120);
      else if (r < 0.9)
        offset = 0; // exactly now: "at or before now" includes it
      else offset = rng.int(1, 180); // after now: ignored
    }
    polls.push({ at: now + offset * MIN, active: rng.chance(0.6) });
  }
  // Same instant again with the other status, somewhere in the file: the later row wins.
  for (let k = rng.int(0, 3); k > 0; k--) {
    const of = rng.pick(polls);
    polls.splice(rng.int(0, polls.length), 0, { at: of.at, active: !of.active });
  }
  return polls;
}

/** The reference sampler's input for a store (good rows only, ends as the contract reads them). */
export function storeInput(store: GenStore): StoreInput {
  const hours: HoursRow[] = store.hours.map((h) => ({
    storeId: store.id,
    day: h.day,
    startMs: h.startMin * MIN,
    endMs: h.refEndMin * MIN,
  }));
  const specialHours: SpecialHoursRow[] = store.special.map((r) => ({
    storeId: store.id,
    date: Date.parse(`${r.date}T00:00:00Z`) / DAY_MS,
    startMs: r.startMin === null ? null : r.startMin * MIN,
    endMs: r.refEndMin === null ? null : r.refEndMin * MIN,
  }));
  return {
    storeId: store.id,
    timeZone: store.zone,
    hours,
    ...(specialHours.length > 0 ? { specialHours } : {}),
    polls: { at: store.polls.map((p) => p.at), active: store.polls.map((p) => p.active) },
  };
}

// ---------------------------------------------------------------------------------------------
// Writing the files

type Row = Record<string, string>;

const EXTRA_VALUES = ['', 'x', '"a, b"', '"say ""hi"""', 'note', '  spaced  '];

/** A field as written: quoted fields stay tight, others get some surrounding spaces. */
function cell(rng: Rng, value: string, quotable: boolean): string {
  if (quotable && rng.chance(0.25)) return `"${value}"`;
  if (value.startsWith('"')) return value;
  return rng.pick(['', '', ' ', '  ']) + value + rng.pick(['', '', ' ', '   ']);
}

function line(rng: Rng, columns: string[], row: Row): string {
  return columns.map((c) => cell(rng, row[c] ?? rng.pick(EXTRA_VALUES), c === 'store_id')).join(',');
}

function fileText(lines: string[], crlf: boolean, bom: boolean, finalNewline: boolean): string {
  const eol = crlf ? '\r\n' : '\n';
  return (bom ? '\uFEFF' : '') + lines.join(eol) + (finalNewline ? eol : '');
}

/** Merges per-store row lists into one random order that keeps each store's own order. */
function interleave<T>(rng: Rng, lists: T[][]): T[] {
  const queues = lists.map((l) => [...l]).filter((l) => l.length > 0);
  const out: T[] = [];
  while (queues.length > 0) {
    const i = rng.int(0, queues.length - 1);
    out.push(queues[i].shift()!);
    if (queues[i].length === 0) queues.splice(i, 1);
  }
  return out;
}

/** Inserts `extra` at random places in `lines`. */
function sprinkle<T>(rng: Rng, lines: T[], extra: T[]): T[] {
  const out = [...lines];
  for (const e of extra) out.splice(rng.int(0, out.length), 0, e);
  return out;
}

export function buildScenario(variant: Variant): Scenario {
  const rng = new Rng(variant.seed);
  const now = Date.parse(variant.nowIso);
  const nowWeekday = (new Date(now).getUTCDay() + 6) % 7; // 0 = Monday
  const ids = storeIds(rng, variant.stores + 2);
  const [noPollsId, rejectedOnlyId] = ids.splice(0, 2);

  const stores: GenStore[] = ids.map((id, i) => {
    let hours = genHours(rng, nowWeekday);
    if (i === 0 && hours.length === 0)
      hours = [{ day: nowWeekday, startMin: 540, startText: '09:00', endText: '17:00', refEndMin: 1020 }];
    const zone = i === 1 ? rng.pick(ZONES) : rng.chance(0.8) ? rng.pick(ZONES) : undefined;
    return { id, zone, hours, special: [], polls: genPolls(rng, now, i === 2) };
  });
  // Only variants with a special-days file draw these, so the others' data stays as it was.
  if (variant.specialColumns) {
    for (const s of stores) {
      // 24x7 stores more often, so a 24x7 store with special days (and a closed one) is there.
      if (rng.chance(s.hours.length === 0 ? 0.8 : 0.45)) s.special = genSpecial(rng, now, variant.specialDates ?? []);
    }
  }

  const linesOf = new Map<string, StoreLines>();
  for (const s of stores) linesOf.set(s.id, { polls: [], hours: [], zones: [], special: [] });
  const note = (id: string, file: keyof StoreLines, text: string) => linesOf.get(id)?.[file].push(text);

  // Polls: each store's rows in its own order, stores interleaved; bad rows sprinkled in.
  const pollRows = interleave(
    rng,
    stores.map((s) => s.polls.map((p) => ({ id: s.id, p }))),
  );
  let pollLines = pollRows.map(({ id, p }) => {
    const text = line(rng, variant.pollsColumns, {
      store_id: id,
      status: statusText(rng, p.active),
      timestamp_utc: timestampText(rng, p.at),
    });
    note(id, 'polls', text);
    return text;
  });
  const victim = stores[3].id;
  const badPolls = [
    line(rng, variant.pollsColumns, {
      store_id: victim,
      status: 'sleeping',
      timestamp_utc: timestampText(rng, now - 30 * MIN),
    }),
    line(rng, variant.pollsColumns, { store_id: victim, status: 'inactive', timestamp_utc: '2024-02-30 10:00:00 UTC' }),
    line(rng, variant.pollsColumns, { store_id: rejectedOnlyId, status: 'active', timestamp_utc: 'yesterday' }),
  ];
  pollLines = sprinkle(rng, pollLines, badPolls);

  // Business hours: rows shuffled across stores; a store with no polls; bad rows.
  const hoursRows: { id: string; h: GenHours }[] = rng.shuffle(
    stores.flatMap((s) => s.hours.map((h) => ({ id: s.id, h }))),
  );
  const hoursRow = (id: string, day: string, start: string, end: string): Row => ({
    store_id: id,
    [variant.dayHeader]: day,
    start_time_local: start,
    end_time_local: end,
  });
  let hoursLines = hoursRows.map(({ id, h }) => {
    const text = line(rng, variant.hoursColumns, hoursRow(id, String(h.day), h.startText, h.endText));
    note(id, 'hours', text);
    return text;
  });
  const withHours = stores[0].id; // has at least one good row, so rejecting the bad one changes nothing
  const badHours = [
    line(rng, variant.hoursColumns, hoursRow(withHours, '7', '09:00', '17:00')),
    line(rng, variant.hoursColumns, hoursRow(withHours, '2', '25:00', '26:00')),
  ];
  hoursLines = sprinkle(
    rng,
    [...hoursLines, line(rng, variant.hoursColumns, hoursRow(noPollsId, '1', '08:00', '20:00'))],
    badHours,
  );

  // Time zones: one row per store with a zone; an unknown zone beside a good row; a store without polls.
  const zoned = stores.filter((s) => s.zone !== undefined);
  let zoneLines = rng.shuffle(
    zoned.map((s) => {
      const text = line(rng, variant.zonesColumns, { store_id: s.id, timezone_str: s.zone! });
      note(s.id, 'zones', text);
      return text;
    }),
  );
  zoneLines.push(line(rng, variant.zonesColumns, { store_id: noPollsId, timezone_str: 'Asia/Kolkata' }));
  const badZones = [line(rng, variant.zonesColumns, { store_id: stores[1].id, timezone_str: 'Mars/Olympus' })];
  zoneLines = sprinkle(rng, rng.shuffle(zoneLines), badZones);

  const special = variant.specialColumns ? specialFile(rng, variant, variant.specialColumns, stores, note) : undefined;

  const header = (columns: string[]) => columns.join(',');
  const files: Scenario['files'] = {
    'store_status.csv': fileText(
      [header(variant.pollsColumns), ...pollLines],
      variant.crlf === 'polls',
      true,
      variant.noFinalNewline !== 'polls',
    ),
    'menu_hours.csv': fileText(
      [header(variant.hoursColumns), ...hoursLines],
      variant.crlf === 'hours',
      variant.alsoBom?.includes('hours') ?? false,
      variant.noFinalNewline !== 'hours',
    ),
    'timezones.csv': fileText(
      [header(variant.zonesColumns), ...zoneLines],
      variant.crlf === 'timezones',
      variant.alsoBom?.includes('timezones') ?? false,
      variant.noFinalNewline !== 'timezones',
    ),
  };
  if (special) files['special_hours.csv'] = special.text;
  const badRows = badPolls.length + badHours.length + badZones.length + (special?.badRows ?? 0);
  return { variant, now, stores, files, badRows, linesOf };
}

/**
 * special_hours.csv: every store's rows shuffled together, with bad rows the reader must reject one
 * by one (one time empty, a date that does not exist, a bad clock time) and a row for a store that
 * has no polls.
 */
function specialFile(
  rng: Rng,
  variant: Variant,
  columns: string[],
  stores: GenStore[],
  note: (id: string, file: keyof StoreLines, text: string) => void,
): { text: string; badRows: number } {
  const specialRow = (id: string, date: string, start: string, end: string): Row => ({
    store_id: id,
    date,
    start_time_local: start,
    end_time_local: end,
  });
  const rows = rng.shuffle(stores.flatMap((s) => s.special.map((r) => ({ id: s.id, r }))));
  const lines = rows.map(({ id, r }) => {
    const text = line(rng, columns, specialRow(id, r.date, r.startText, r.endText));
    note(id, 'special', text);
    return text;
  });
  const victim = stores[4].id;
  const day = variant.nowIso.slice(0, 10);
  const bad = [
    line(rng, columns, specialRow(victim, day, '09:00', '')),
    line(rng, columns, specialRow(victim, '2024-02-30', '', '')),
    line(rng, columns, specialRow(victim, day, '25:00', '26:00')),
    line(rng, columns, specialRow(victim, '2024-3-1', '', '')),
  ];
  const all = sprinkle(rng, [...lines, line(rng, columns, specialRow('no-such-store', day, '', ''))], bad);
  const text = fileText(
    [columns.join(','), ...all],
    variant.crlf === 'special',
    variant.alsoBom?.includes('special') ?? false,
    true,
  );
  return { text, badRows: bad.length };
}

// ---------------------------------------------------------------------------------------------
// Reading generated data back, for the reference

/** `HH:MM`, `HH:MM:SS` or `HH:MM:SS.ffffff` as ms after midnight. */
function clockMs(text: string): number {
  const [h, m, s = '0'] = text.split(':');
  return (Number(h) * 60 + Number(m)) * MIN + Math.round(Number(s) * 1e6) / 1e3;
}

/** `2024-10-26 06:42:30.529568 UTC` as ms since the epoch, fraction kept to the microsecond. */
function timestampMs(text: string): number {
  const [date, time] = text.split(' ');
  const [whole, fraction = ''] = time.split('.');
  return Date.parse(`${date}T${whole}Z`) + Number(`0.${fraction}`) * 1000;
}

/** Data rows of a plain CSV file (no quotes, no BOM: what `store-monitor generate` writes), by column name. */
function plainRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

/**
 * The stores of a folder written by `store-monitor generate`, read with a few lines of code of its
 * own (not the csv package), as the reference's input.
 */
export function readGeneratedStores(dir: string): StoreInput[] {
  const stores = new Map<string, StoreInput & { at: number[]; active: boolean[] }>();
  const storeOf = (id: string) => {
    let s = stores.get(id);
    if (!s) {
      s = { storeId: id, hours: [], specialHours: [], at: [], active: [], polls: { at: [], active: [] } };
      stores.set(id, s);
    }
    return s;
  };
  for (const r of plainRows(join(dir, 'store_status.csv'))) {
    const s = storeOf(r.store_id);
    s.at.push(timestampMs(r.timestamp_utc));
    s.active.push(r.status === 'active');
  }
  for (const r of plainRows(join(dir, 'timezones.csv'))) storeOf(r.store_id).timeZone = r.timezone_str;
  for (const r of plainRows(join(dir, 'menu_hours.csv'))) {
    const h = { storeId: r.store_id, day: Number(r.dayOfWeek ?? r.day) };
    (storeOf(r.store_id).hours as HoursRow[]).push({
      ...h,
      startMs: clockMs(r.start_time_local),
      endMs: clockMs(r.end_time_local),
    });
  }
  const specialPath = join(dir, 'special_hours.csv');
  if (existsSync(specialPath)) {
    for (const r of plainRows(specialPath)) {
      const closed = r.start_time_local === '' && r.end_time_local === '';
      (storeOf(r.store_id).specialHours as SpecialHoursRow[]).push({
        storeId: r.store_id,
        date: Date.parse(`${r.date}T00:00:00Z`) / DAY_MS,
        startMs: closed ? null : clockMs(r.start_time_local),
        endMs: closed ? null : clockMs(r.end_time_local),
      });
    }
  }
  return [...stores.values()].map(({ at, active, ...s }) => ({ ...s, polls: { at, active } }));
}
