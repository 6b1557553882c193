import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeriesSorter } from './poll-buffer';
import type { LineRun } from './row-sink';

/** The compiled scan (built from ../assembly/poll-lines.ts by `npm run build:wasm`). */
export const POLL_LINES_WASM = join(__dirname, '..', 'wasm', 'poll-lines.wasm');

/** Where a compiled scan puts its polls: by the store's dense index, in file order. */
export interface IndexedPolls {
  /** The index of the id in bytes[start, end), added if new (StoreIdTable.indexInBytes); -1 if not plain ASCII. */
  storeIndex(bytes: Uint8Array, start: number, end: number): number;
  /** The first `count` polls of these arrays, in order. */
  addIndexed(stores: Int32Array, instants: Float64Array, actives: Uint8Array, count: number): void;
}

/**
 * The part of Node's WebAssembly global used here: its types come with TypeScript's DOM library,
 * which this project does not load.
 */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => CompiledModule;
  Instance: new (module: CompiledModule, imports: object) => { exports: unknown };
};
type CompiledModule = { readonly compiled: unique symbol };

/** What the module exports (assembly/poll-lines.ts says what each does). */
interface ScanExports {
  memory: { buffer: ArrayBuffer };
  init(): void;
  inputAddress(): number;
  inputCapacity(): number;
  storesAddress(): number;
  instantsAddress(): number;
  activesAddress(): number;
  stoppedAt(): number;
  takenPolls(): number;
  newIdEndsAt(): number;
  scan(from: number, to: number, latest: number): number;
  addId(index: number): void;
  reserveSeries(total: number, stores: number, largest: number): void;
  seriesAtAddress(): number;
  seriesActiveAddress(): number;
  seriesStartsAddress(): number;
  seriesLengthsAddress(): number;
  sortSeries(from: number, to: number): void;
}

// scan's answers.
const NEW_ID = 2;
const FULL = 3;
/** Polls the module writes at most per scan (OUTPUT_CAPACITY there). */
const OUTPUT_CAPACITY = 4096;

/** Stores sorted per call of the module's sortSeries (see PollLineScan.sort). */
const SORT_SLICE = 256;

let compiled: CompiledModule | undefined;

/** Compiled once per process, on first use: a few KB, well under a millisecond. */
function scanModule(): CompiledModule {
  compiled ??= new WebAssembly.Module(readFileSync(POLL_LINES_WASM));
  return compiled;
}

/**
 * Reads runs of the polls export's plain lines with the compiled scan, one instance per read (its
 * id table is that read's). Every line it takes is one PollsSink.lineAt would take, with the same
 * store, instant and status; at any other line it stops, and the line goes the TypeScript way.
 * Why: the whole read of the 2.2M-poll bench file went from 238-260 ms to about 150 ms.
 *
 * At the read's end it also sorts each store's polls by time (SeriesSorter), in its own memory:
 * the engine then finds them in order and sorts nothing. The series it hands out are views of
 * that memory, which therefore must not grow after: reserve is the module's last allocation.
 */
export class PollLineScan implements LineRun, SeriesSorter {
  end = 0;
  private readonly wasm: ScanExports;
  private buffer: ArrayBuffer | undefined;
  private input = new Uint8Array(0);
  private stores = new Int32Array(0);
  private instants = new Float64Array(0);
  private actives = new Uint8Array(0);
  private bytes: Uint8Array = new Uint8Array(0);
  /** Where the loaded lines start in `bytes`, and their length. */
  private base = 0;
  private length = 0;

  constructor(
    private readonly polls: IndexedPolls,
    private readonly latest: number,
  ) {
    this.wasm = new WebAssembly.Instance(scanModule(), {}).exports as unknown as ScanExports;
    this.wasm.init();
    this.views();
  }

  /** Copies the lines in bytes[start, end) into the module; false when they do not fit. */
  load(bytes: Uint8Array, start: number, end: number): boolean {
    if (end - start > this.input.length) return false;
    this.input.set(bytes.subarray(start, end));
    this.bytes = bytes;
    this.base = start;
    this.length = end - start;
    return true;
  }

  /** Takes the loaded lines from `start` (an index in the loaded bytes) on, as many as it can (LineRun). */
  take(start: number): number {
    let lines = 0;
    let at = start - this.base;
    let status: number;
    do {
      status = this.wasm.scan(at, this.length, this.latest);
      const count = this.wasm.takenPolls();
      if (count > 0) this.polls.addIndexed(this.stores, this.instants, this.actives, count);
      lines += count;
      at = this.wasm.stoppedAt();
    } while (status === FULL || (status === NEW_ID && this.addId(at)));
    this.end = this.base + at;
    return lines;
  }

  /** Gives the module the index of the new id on the line at `at`; false if it has none. */
  private addId(at: number): boolean {
    const index = this.polls.storeIndex(this.bytes, this.base + at, this.base + this.wasm.newIdEndsAt());
    // The module passes only plain ASCII ids, which always have an index: this is a safeguard.
    if (index < 0) return false;
    this.wasm.addId(index);
    // The id table may have grown the module's memory, which detaches views of the old one.
    if (this.wasm.memory.buffer !== this.buffer) this.views();
    return true;
  }

  /** Arrays in the module's memory for the read's polls, store by store (SeriesSorter). */
  reserve(total: number, starts: Int32Array): { at: Float64Array; active: Uint8Array } {
    const stores = starts.length - 1;
    let largest = 0;
    for (let s = 0; s < stores; s++) largest = Math.max(largest, starts[s + 1] - starts[s]);
    this.wasm.reserveSeries(total, stores, largest);
    const { buffer } = this.wasm.memory;
    new Int32Array(buffer, this.wasm.seriesStartsAddress(), starts.length).set(starts);
    return {
      at: new Float64Array(buffer, this.wasm.seriesAtAddress(), total),
      active: new Uint8Array(buffer, this.wasm.seriesActiveAddress(), total),
    };
  }

  /** Each store's polls in time order, one per instant; how many each has (SeriesSorter). */
  sort(stores: number): Int32Array {
    // In slices: V8 first runs a module's functions as compiled quickly, and a call already
    // running never moves to the optimized code compiled meanwhile; the next call does. Sorting the
    // shuffled bench file's 13,584 stores in one call took 56-61 ms, in slices of 256 35-38 ms.
    for (let from = 0; from < stores; from += SORT_SLICE)
      this.wasm.sortSeries(from, Math.min(from + SORT_SLICE, stores));
    return new Int32Array(this.wasm.memory.buffer, this.wasm.seriesLengthsAddress(), stores);
  }

  private views(): void {
    const { memory } = this.wasm;
    this.buffer = memory.buffer;
    this.input = new Uint8Array(this.buffer, this.wasm.inputAddress(), this.wasm.inputCapacity());
    this.stores = new Int32Array(this.buffer, this.wasm.storesAddress(), OUTPUT_CAPACITY);
    this.instants = new Float64Array(this.buffer, this.wasm.instantsAddress(), OUTPUT_CAPACITY);
    this.actives = new Uint8Array(this.buffer, this.wasm.activesAddress(), OUTPUT_CAPACITY);
  }
}
