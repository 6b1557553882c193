import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './input-error';
import type { PollLog, StoreSlices } from './poll-log';
import type { LineRun } from './row-sink';
import type { StoreIdTable } from './store-id-table';

/** The compiled module (built from ../assembly/poll-lines.ts by `npm run build:wasm`). */
export const POLL_LINES_WASM = join(__dirname, '..', 'wasm', 'poll-lines.wasm');

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
  stoppedAt(): number;
  takenLines(): number;
  newIdEndsAt(): number;
  scan(from: number, to: number, latest: number, known: number): number;
  newIdsAddress(): number;
  newIdsListed(): number;
  addStore(index: number): void;
  addPoll(index: number, instant: number, active: boolean): void;
  gather(stores: number): number;
  blockCount(): number;
  scatterBlock(block: number): void;
  sortSeries(from: number, to: number): void;
  seriesAtAddress(): number;
  seriesActiveAddress(): number;
  seriesStartsAddress(): number;
  seriesLengthsAddress(): number;
}

/** scan's answer when it stopped at a good line whose id it does not know. */
const NEW_ID = 2;
/** Stores sorted per call of the module's sortSeries (see series). */
const SORT_SLICE = 256;

let compiled: CompiledModule | undefined;

/**
 * WebAssembly's 32-bit memory ends at 4 GiB, about 180 million polls kept and gathered: past it
 * the module stops with a trap, which PollLineScan says in words (withinMemory).
 */
const MEMORY_TRAP = 'unreachable';

/** Compiled once per process, on first use: a few KB, well under a millisecond. */
function scanModule(): CompiledModule {
  compiled ??= new WebAssembly.Module(readFileSync(POLL_LINES_WASM));
  return compiled;
}

/**
 * The polls reader's compiled part, one instance per read: it reads runs of the export's plain
 * lines (LineRun), keeps the read's polls (PollLog), and hands them out per store, each store's
 * sorted by time as the engine's sortPolls would (so the engine finds them ready). Every line it
 * takes is one PollsSink.lineAt would take, with the same store, instant and status; at any other
 * line it stops, and the line goes the TypeScript way, its poll (if good) then appended here.
 * Store indexes are the read's StoreIdTable's. Why: measured in docs/benchmarks.md ("The compiled
 * scan").
 *
 * The series it hands out are views of the module's memory, which must not grow after: gathering
 * them is the module's last allocation.
 */
export class PollLineScan implements LineRun, PollLog {
  end = 0;
  private readonly wasm: ScanExports;
  private buffer: ArrayBuffer | undefined;
  private input = new Uint8Array(0);
  private bytes: Uint8Array = new Uint8Array(0);
  /** Where the loaded lines start in `bytes`, and their length. */
  private base = 0;
  private length = 0;

  /** `file` names the polls file in the message of a read too large for the module's memory. */
  constructor(
    private readonly ids: StoreIdTable,
    private readonly latest: number,
    private readonly file = 'polls',
  ) {
    this.wasm = new WebAssembly.Instance(scanModule(), {}).exports as unknown as ScanExports;
    this.wasm.init();
  }

  /** Copies the lines in bytes[start, end) into the module; false when they do not fit. */
  load(bytes: Uint8Array, start: number, end: number): boolean {
    // The module's memory grows as polls come in, and views of the old memory are then detached.
    if (this.wasm.memory.buffer !== this.buffer) this.views();
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
      const known = this.ids.ids.length;
      status = this.withinMemory(() => this.wasm.scan(at, this.length, this.latest, known));
      this.addListedIds(known);
      lines += this.wasm.takenLines();
      at = this.wasm.stoppedAt();
    } while (status === NEW_ID && this.addStore(at));
    this.end = this.base + at;
    return lines;
  }

  /** A poll read the TypeScript way, in its place in file order (PollLog). */
  append(store: number, at: number, active: boolean): void {
    this.withinMemory(() => this.wasm.addPoll(store, at, active));
  }

  /** Every store's polls in time order, one per instant (PollLog): the read's last step. */
  series(stores: number): StoreSlices {
    const total = this.withinMemory(() => this.wasm.gather(stores));
    for (let block = 0; block < this.wasm.blockCount(); block++) this.wasm.scatterBlock(block);
    // In slices: V8 first runs a module's functions as compiled quickly, and a call already
    // running never moves to the optimized code compiled meanwhile; the next call does. Sorting the
    // shuffled bench file's 13,584 stores in one call took 56-61 ms, in slices of 256 35-38 ms.
    for (let from = 0; from < stores; from += SORT_SLICE) {
      this.wasm.sortSeries(from, Math.min(from + SORT_SLICE, stores));
    }
    const { buffer } = this.wasm.memory;
    return {
      at: new Float64Array(buffer, this.wasm.seriesAtAddress(), total),
      active: new Uint8Array(buffer, this.wasm.seriesActiveAddress(), total),
      starts: new Int32Array(buffer, this.wasm.seriesStartsAddress(), stores + 1),
      lengths: new Int32Array(buffer, this.wasm.seriesLengthsAddress(), stores),
    };
  }

  /**
   * Adds the ids the last scan numbered itself to the read's id table, in order: they are new to
   * it, so each gets the next index, the one the module gave it (checked: the two must agree).
   */
  private addListedIds(known: number): void {
    const count = this.wasm.newIdsListed();
    if (count === 0) return;
    const listed = new Int32Array(this.wasm.memory.buffer, this.wasm.newIdsAddress(), 2 * count);
    for (let i = 0; i < count; i++) {
      const start = this.base + listed[2 * i];
      const index = this.ids.indexInBytes(this.bytes, start, start + listed[2 * i + 1]);
      if (index !== known + i) throw new Error(`compiled scan: store index ${known + i} was given ${index}`);
    }
  }

  /** Gives the module the index of the new id on the line at `at`; false if it has none. */
  private addStore(at: number): boolean {
    const index = this.ids.indexInBytes(this.bytes, this.base + at, this.base + this.wasm.newIdEndsAt());
    // The module passes only plain ASCII ids, which always have an index: this is a safeguard.
    if (index < 0) return false;
    this.withinMemory(() => this.wasm.addStore(index));
    return true;
  }

  /** Runs a call that may grow the module's memory, its trap at the 4 GiB end said in words. */
  private withinMemory<T>(call: () => T): T {
    try {
      return call();
    } catch (error) {
      if (!(error instanceof Error && error.message === MEMORY_TRAP)) throw error;
      throw new InputError(
        `polls file ${this.file} holds more polls than one read can keep in memory (4 GiB); ` +
          'load it with store-monitor ingest and run report --db',
        this.file,
      );
    }
  }

  private views(): void {
    this.buffer = this.wasm.memory.buffer;
    this.input = new Uint8Array(this.buffer, this.wasm.inputAddress(), this.wasm.inputCapacity());
  }
}
