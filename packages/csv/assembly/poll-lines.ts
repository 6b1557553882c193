// The polls reader's compiled part (AssemblyScript, compiled to WebAssembly by `npm run
// build:wasm`; the .wasm is committed, and a test builds it again and compares the bytes).
//
// It scans runs of lines `store_id,active|inactive,YYYY-MM-DD hh:mm:ss[.ffffff] UTC` (the export's
// own form, each ended by LF or CRLF) and keeps each line's poll: store index, instant, status.
// It takes exactly a subset of what the TypeScript fast path (PollsSink.lineAt) takes, with the
// same numbers: any other line stops the scan, and TypeScript reads it, accepts it (addPoll) or
// rejects it with its reason. Store indexes are TypeScript's (StoreIdTable): the scan numbers a
// new id itself while its table mirrors TypeScript's, and otherwise stops at it, to be given its
// index through addStore (see scan). At the end the polls are gathered per store and sorted by
// time, for the engine (gather, sortSeries).
//
// Why: reading 2.2M lines took 238-260 ms in TypeScript in a fresh process, about 150 ms here,
// and the sort the engine did took about 70 ms more for a shuffled file than for a sorted one.

import { addId, idHash, lookUp, NOT_PLAIN, startIdTable, storedIds } from './id-table';
import { alloc, startHeap } from './memory';
import {
  appendPoll,
  largestStore,
  logBlocks,
  reserveSeries,
  scatterBlock,
  seriesActive,
  seriesAt,
  seriesStarts,
  startLog,
} from './poll-log';
import { reserveScratch, sortStore } from './store-sort';
import { readTimestamp, timestampStop } from './timestamp';

// What scan returns.
/** Every line up to `to` was taken. */
const END = 0;
/** The line at `stopAt` is not one this scan takes: TypeScript reads it. */
const LINE = 1;
/** The line at `stopAt` is good, its id new and not numbered here: addStore gives its index. */
const NEW_ID = 2;

const INPUT_CAPACITY: i32 = 256 * 1024;
/** Loads of 8 bytes at the input's last bytes stay inside it. */
const INPUT_PADDING: i32 = 16;
const MAX_ID_BYTES: i32 = 255;

const LINE_FEED: u32 = 10;
const CARRIAGE_RETURN: u32 = 13;
const SPACE: u32 = 32;
const COMMA: u32 = 44;
const LOW_BITS: u32 = 0x01010101;
const HIGH_BITS: u32 = 0x80808080;
/** `active,` as the low seven bytes of a little-endian 64-bit word. */
const ACTIVE_COMMA: u64 = 0x2c657669746361;
/** `inactive` as a little-endian 64-bit word (its comma is checked on its own). */
const INACTIVE: u64 = 0x6576697463616e69;

let input: usize = 0;
/** Where the last scan stopped, as an offset in the input, and how many lines it took. */
let stopAt: i32 = 0;
let taken: i32 = 0;
/** After NEW_ID: the id's start (in memory), length and hash. */
let newIdStart: usize = 0;
let newIdLength: i32 = 0;
let newIdHash: u32 = 0;
let seriesLengths: usize = 0;
/** Ids a scan may number itself before it stops for TypeScript to add them. */
const NEW_IDS_CAPACITY: i32 = 4096;
let newIds: usize = 0;
let newIdCount: i32 = 0;

export function init(): void {
  startHeap();
  input = alloc(INPUT_CAPACITY + INPUT_PADDING);
  newIds = alloc(8 * <usize>NEW_IDS_CAPACITY);
  startIdTable();
  startLog();
}

export function inputAddress(): usize {
  return input;
}
export function inputCapacity(): i32 {
  return INPUT_CAPACITY;
}
export function stoppedAt(): i32 {
  return stopAt;
}
export function takenLines(): i32 {
  return taken;
}
export function newIdEndsAt(): i32 {
  return <i32>(newIdStart - input) + newIdLength;
}

/**
 * Reads the lines of input[from, to) until one it does not take, a new id it cannot number, or
 * `to`; polls later than `latest` (ms) are left to TypeScript, which rejects them.
 *
 * New ids: while this table holds as many ids as TypeScript's (`known`), it holds the same ones
 * (each came with its own TypeScript index), so an id new here is new there too, and its index is
 * the next one. The scan numbers such ids itself and lists them (newIds) for TypeScript to add in
 * order; when the tables differ (TypeScript read ids this scan never saw), it stops at the new id.
 */
export function scan(from: i32, to: i32, latest: f64, known: i32): i32 {
  const end = input + <usize>to;
  const numbers = storedIds() == <u32>known;
  let line = input + <usize>from;
  let count: i32 = 0;
  let status = END;
  newIdCount = 0;
  while (line < end) {
    const next = readLine(line, end, latest);
    if (next == <usize>NEW_ID && numbers && newIdCount < NEW_IDS_CAPACITY) {
      listNewId(known + newIdCount);
      // The line is read again: its id is known now.
      continue;
    }
    if (next <= <usize>NEW_ID) {
      status = <i32>next;
      break;
    }
    count++;
    line = next;
  }
  stopAt = <i32>(line - input);
  taken = count;
  return status;
}

/** Numbers the id the scan just met (newIdStart) `index`, and lists it for TypeScript. */
function listNewId(index: i32): void {
  addId(newIdStart, newIdLength, newIdHash, index);
  const entry = newIds + 8 * <usize>newIdCount;
  store<i32>(entry, <i32>(newIdStart - input));
  store<i32>(entry, newIdLength, 4);
  newIdCount++;
}

/** The ids the last scan numbered, in order: each its offset in the input and its length. */
export function newIdsAddress(): usize {
  return newIds;
}
export function newIdsListed(): i32 {
  return newIdCount;
}

/** Adds the id the last scan stopped at (NEW_ID) as TypeScript's store `index`. */
export function addStore(index: i32): void {
  addId(newIdStart, newIdLength, newIdHash, index);
}

/** A poll TypeScript read (a line the scan left to it), in its place in file order. */
export function addPoll(index: i32, instant: f64, active: bool): void {
  appendPoll(index, instant, active ? 1 : 0);
}

/**
 * Gathers the polls of `stores` stores (all TypeScript knows) store by store: the log's last
 * allocation, so that views of this memory made after it stay valid. Returns the total; then
 * scatterBlock for each block, then sortSeries.
 */
export function gather(stores: i32): i32 {
  const total = reserveSeries(stores);
  reserveScratch(largestStore);
  seriesLengths = alloc(4 * <usize>stores);
  return total;
}

export function blockCount(): i32 {
  return logBlocks();
}
export { scatterBlock };

/**
 * Sorts stores `from` to `to` by time, one poll per instant (the later row of two), once
 * scattered; each store's length left goes to the lengths array.
 */
export function sortSeries(from: i32, to: i32): void {
  for (let s = from; s < to; s++) {
    const start = load<i32>(seriesStarts + 4 * <usize>s);
    const n = load<i32>(seriesStarts + 4 * <usize>(s + 1)) - start;
    const length = sortStore(seriesAt + 8 * <usize>start, seriesActive + <usize>start, n);
    store<i32>(seriesLengths + 4 * <usize>s, length);
  }
}

export function seriesAtAddress(): usize {
  return seriesAt;
}
export function seriesActiveAddress(): usize {
  return seriesActive;
}
export function seriesStartsAddress(): usize {
  return seriesStarts;
}
export function seriesLengthsAddress(): usize {
  return seriesLengths;
}

/**
 * One line from `line`: just past its line feed once its poll is kept; LINE when it is not a line
 * this scan takes; NEW_ID when it is, but its id is new here (nothing kept). Valid addresses are
 * far above both codes.
 */
function readLine(line: usize, end: usize, latest: f64): usize {
  const comma = commaOrLineFeed(line, end);
  const length = <i32>(comma - line);
  if (comma == end || load<u8>(comma) != COMMA || length < 1 || length > MAX_ID_BYTES) return LINE;
  if (load<u8>(line) <= SPACE || load<u8>(comma - 1) <= SPACE) return LINE;
  const hash = idHash(line, length);
  if (hash == NOT_PLAIN) return LINE;

  let stamp = comma + 1;
  let active: u8 = 1;
  if (stamp + 8 <= end && (load<u64>(stamp) & 0x00ffffffffffffff) == ACTIVE_COMMA) {
    stamp += 7;
  } else if (stamp + 9 <= end && load<u64>(stamp) == INACTIVE && load<u8>(stamp + 8) == COMMA) {
    stamp += 9;
    active = 0;
  } else {
    return LINE;
  }
  const instant = readTimestamp(stamp, end);
  if (isNaN(instant) || instant > latest) return LINE;
  // readTimestamp stopped just past ` UTC`: a line feed must follow, after a carriage return or not.
  let lineEnd = timestampStop;
  if (lineEnd < end && load<u8>(lineEnd) == CARRIAGE_RETURN) lineEnd++;
  if (lineEnd >= end || load<u8>(lineEnd) != LINE_FEED) return LINE;

  const index = lookUp(line, length, <u32>hash);
  if (index < 0) {
    newIdStart = line;
    newIdLength = length;
    newIdHash = <u32>hash;
    return NEW_ID;
  }
  appendPoll(index, instant, active);
  return lineEnd + 1;
}

/** The first comma or line feed in [from, end), or `end`: four bytes a step. */
function commaOrLineFeed(from: usize, end: usize): usize {
  let at = from;
  for (; at + 4 <= end; at += 4) {
    const word = load<u32>(at);
    const commas = word ^ 0x2c2c2c2c;
    const lineFeeds = word ^ 0x0a0a0a0a;
    const found = (((commas - LOW_BITS) & ~commas) | ((lineFeeds - LOW_BITS) & ~lineFeeds)) & HIGH_BITS;
    // The lowest flagged byte is exact (a borrow only flags bytes above a true zero byte).
    if (found != 0) return at + (ctz(found) >> 3);
  }
  while (at < end && load<u8>(at) != COMMA && load<u8>(at) != LINE_FEED) at++;
  return at;
}
