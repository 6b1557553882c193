import { type PollArrays, sortPolls } from '@store-monitor/engine';
import { findColumns } from './columns';
import { readCsv, sourceName, type CsvSource } from './csv-file';
import { FieldEnds } from './field-end';
import { FutureLimit } from './future-limit';
import { BlockLog } from './block-log';
import { PollBuffer } from './poll-buffer';
import { PollLineScan } from './poll-line-scan';
import { parseStatus } from './poll-status';
import type { ReadCounts, ReadOptions } from './read-options';
import { badValue, emptyField } from './reasons';
import { isBareIdBytes, storeIdProblem } from './store-id';
import { StoreIdTable } from './store-id-table';
import type { LineRun, RowSink } from './row-sink';
import { parseTimestamp, parseTimestampBytes, readTimestampUntil, timestampEnd } from './timestamp';

export interface PollsCounts extends ReadCounts {
  /** Of the rejected rows, those dated later than the current time plus the allowance. */
  future: number;
}

export interface PollsRead extends PollsCounts {
  /**
   * Each store's polls in time order, one per instant: of two rows at the same instant the later
   * in the file wins (the engine's sortPolls; the engine then finds them ready).
   */
  series: Map<string, PollArrays>;
}

/** Where a polls reader puts each good poll, in file order. */
export interface PollTarget {
  /** A poll of the store whose id is the whole string. */
  add(storeId: string, at: number, active: boolean): void;
  /**
   * A poll of the store whose id is in `bytes` from `start` to `end` (the fast path), at the
   * instant `at[0]`, or false, adding nothing, when the id is not plain ASCII
   * (StoreIdTable.indexInBytes): `add` gets it then. The instant comes in a typed array because
   * this runs for every line, and a double passed to a call V8 does not inline becomes a heap
   * object: 31 MB of them over the 2.2M-poll bench file (allocation sampling).
   */
  addBytes(bytes: Uint8Array, start: number, end: number, at: Float64Array, active: boolean): boolean;
}

/**
 * Reads a polls file (store_id, status, timestamp_utc) into memory, per store, each store's polls
 * in time order. The export's plain lines go through the compiled scan, which also sorts them at
 * the end; `compiledScan: false` reads and sorts in TypeScript, to the same result.
 */
export async function readPolls(source: CsvSource, opts: ReadOptions = {}): Promise<PollsRead> {
  const ids = new StoreIdTable();
  const limit = new FutureLimit(opts);
  const scan = opts.compiledScan === false ? null : new PollLineScan(ids, limit.latest, sourceName(source));
  const polls = new PollBuffer(ids, scan ?? new BlockLog());
  const counts = await readInto(source, polls, limit, scan, opts);
  const series = polls.toSeries();
  return { series: scan === null ? timeOrdered(series) : series, ...counts };
}

/** Streams a polls file's good polls, in file order, to `target` (for loading them elsewhere). */
export function streamPolls(source: CsvSource, target: PollTarget, opts: ReadOptions = {}): Promise<PollsCounts> {
  return readInto(source, target, new FutureLimit(opts), null, opts);
}

async function readInto(
  source: CsvSource,
  target: PollTarget,
  limit: FutureLimit,
  scan: PollLineScan | null,
  opts: ReadOptions,
): Promise<PollsCounts> {
  const sink = new PollsSink(target, limit, scan);
  const counts = await readCsv(source, 'polls', sink, opts);
  return { ...counts, future: sink.future };
}

/** Each store's polls sorted by the engine's own rule (no poll is cut: `now` is unbounded here). */
function timeOrdered(series: Map<string, PollArrays>): Map<string, PollArrays> {
  for (const [id, polls] of series) series.set(id, sortPolls(polls, Number.POSITIVE_INFINITY));
  return series;
}

class PollsSink implements RowSink {
  /** The latest instant a poll may have (a copy of limit.latest, read once per line). */
  private readonly latest: number;
  /** Rows rejected as dated in the future. */
  future = 0;

  constructor(
    private readonly polls: PollTarget,
    private readonly limit: FutureLimit,
    private readonly scan: PollLineScan | null,
  ) {
    this.latest = limit.latest;
  }

  private storeCol = -1;
  private statusCol = -1;
  private timestampCol = -1;
  /** The header is exactly the three columns in the export's order (lineAt reads only that). */
  private inOrder = false;
  private readonly fieldEnds = new FieldEnds();
  /** The instant of the line being read (see PollTarget.addBytes for why not a plain number). */
  private readonly instant = new Float64Array(1);

  header(names: readonly string[]): string | null {
    const match = findColumns(names, [['store_id'], ['status'], ['timestamp_utc']]);
    if (match.problem !== undefined) return match.problem;
    [this.storeCol, this.statusCol, this.timestampCol] = match.indexes;
    this.inOrder = names.length === 3 && match.indexes.every((column, i) => column === i);
    return null;
  }

  row(fields: readonly string[]): string | null {
    const storeId = fields[this.storeCol].trim();
    if (storeId === '') return emptyField('store_id');
    const idProblem = storeIdProblem(storeId);
    if (idProblem !== null) return idProblem;
    const statusText = fields[this.statusCol].trim();
    const active = parseStatus(statusText);
    if (active === null) {
      return statusText === '' ? emptyField('status') : badValue('status', statusText, 'is not active or inactive');
    }
    const timestampText = fields[this.timestampCol].trim();
    const at = parseTimestamp(timestampText);
    if (at === null) {
      return timestampText === ''
        ? emptyField('timestamp_utc')
        : badValue('timestamp_utc', timestampText, 'is not a valid timestamp');
    }
    if (at > this.latest) {
      this.future++;
      return this.limit.reason(timestampText);
    }
    this.polls.add(storeId, at, active);
    return null;
  }

  /**
   * The common case, read from the file's bytes where they stand: millions of rows, so nothing is
   * decoded or cut out but a new store's id. Anything unusual (spaces around a field, other case,
   * a bad value, an id beyond ASCII) goes to `row` instead, which accepts or rejects it.
   */
  lineBytes(bytes: Uint8Array, bounds: Int32Array): boolean {
    const active = statusIn(bytes, bounds[this.statusCol], bounds[this.statusCol + 1] - 1);
    if (active === null) return false;
    const { storeCol, timestampCol } = this;
    const at = parseTimestampBytes(bytes, bounds[timestampCol], bounds[timestampCol + 1] - 1);
    if (at === null) return false;
    this.instant[0] = at;
    return this.take(bytes, bounds[storeCol], bounds[storeCol + 1] - 1, active);
  }

  /** Runs of lines in the export's own layout go to the compiled scan first, when there is one. */
  lineRun(bytes: Uint8Array, start: number, end: number): LineRun | null {
    return this.inOrder && this.scan?.load(bytes, start, end) ? this.scan : null;
  }

  /**
   * The export's own layout, `store_id,status,timestamp_utc` in that order, in one pass: the id up
   * to its comma, the status by its bytes ('active,' or 'inactive,'), then the timestamp, whose own
   * form says where it ends; the line break (after a carriage return or not) must follow. Lines in
   * any other shape (columns in another order, a field too many) go to lineBytes, which splits them
   * first. Measured: the split pass was a fifth of the read.
   */
  lineAt(bytes: Uint8Array, start: number, end: number): number {
    if (!this.inOrder) return -1;
    const comma = this.fieldEnds.commaOrLineFeed(bytes, start, end);
    if (bytes[comma] !== COMMA) return -1;
    const active = sameBytes(bytes, comma + 1, ACTIVE_FIELD);
    if (!active && !sameBytes(bytes, comma + 1, INACTIVE_FIELD)) return -1;
    const timestamp = comma + 1 + (active ? ACTIVE_FIELD.length : INACTIVE_FIELD.length);
    if (!readTimestampUntil(bytes, timestamp, end, this.instant)) return -1;
    let next = timestampEnd();
    if (next < end && bytes[next] === CARRIAGE_RETURN) next++;
    if (next < end && bytes[next] !== LINE_FEED) return -1;
    return this.take(bytes, start, comma, active) ? next : -1;
  }

  /**
   * The poll of the id at those bytes at the instant in `this.instant`, if the id is in its usual
   * form and the instant not too late.
   */
  private take(bytes: Uint8Array, idStart: number, idEnd: number, active: boolean): boolean {
    // A poll in the future is rare: `row` rejects it with its reason.
    if (this.instant[0] > this.latest) return false;
    if (!isBareIdBytes(bytes, idStart, idEnd)) return false;
    return this.polls.addBytes(bytes, idStart, idEnd, this.instant, active);
  }
}

const COMMA = 44;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const ACTIVE_FIELD = Buffer.from('active,');
const INACTIVE_FIELD = Buffer.from('inactive,');
const ACTIVE = Buffer.from('active');
const INACTIVE = Buffer.from('inactive');

/** `active` or `inactive` exactly, in place; null for anything else (which `row` then judges). */
function statusIn(bytes: Uint8Array, start: number, end: number): boolean | null {
  const length = end - start;
  if (length === ACTIVE.length && sameBytes(bytes, start, ACTIVE)) return true;
  if (length === INACTIVE.length && sameBytes(bytes, start, INACTIVE)) return false;
  return null;
}

function sameBytes(bytes: Uint8Array, start: number, word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if (bytes[start + i] !== word[i]) return false;
  return true;
}
