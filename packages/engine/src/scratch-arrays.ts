/**
 * Where the engine gets the typed arrays it works in for one store (sorted polls, evidence, a
 * timeline). Each array comes zero-filled, as from `new`.
 */
export interface ArraySource {
  floats(length: number): Float64Array;
  bytes(length: number): Uint8Array;
  counts(length: number): Uint32Array;
}

/** New arrays every time: for callers that keep what the engine returns (explain, timelines). */
export const FRESH_ARRAYS: ArraySource = {
  floats: (length) => new Float64Array(length),
  bytes: (length) => new Uint8Array(length),
  counts: (length) => new Uint32Array(length),
};

/**
 * Arrays cut from a few buffers that are reused store after store: a report computes thousands of
 * stores and keeps only their totals, and a typed array of its own costs an allocation outside
 * the heap that the garbage collector must track and free (measured: about 0.4 us each, and a
 * store of the shuffled benchmark file needs up to eight). Everything handed out since the last
 * `reset` stays valid until the next one.
 */
export class ArrayArena implements ArraySource {
  private readonly floatPool = new Pool((length) => new Float64Array(length));
  private readonly bytePool = new Pool((length) => new Uint8Array(length));
  private readonly countPool = new Pool((length) => new Uint32Array(length));

  floats(length: number): Float64Array {
    return this.floatPool.take(length);
  }

  bytes(length: number): Uint8Array {
    return this.bytePool.take(length);
  }

  counts(length: number): Uint32Array {
    return this.countPool.take(length);
  }

  /** Makes every array handed out so far free for reuse: call it only once they are all dropped. */
  reset(): void {
    this.floatPool.reset();
    this.bytePool.reset();
    this.countPool.reset();
  }
}

type TypedArray = Float64Array | Uint8Array | Uint32Array;

/** One buffer handed out front to back; a request that does not fit starts a bigger buffer. */
class Pool<T extends TypedArray> {
  private buffer: T;
  private used = 0;

  constructor(private readonly make: (length: number) => T) {
    this.buffer = make(INITIAL_LENGTH);
  }

  take(length: number): T {
    if (this.used + length > this.buffer.length) {
      // Arrays already handed out keep the old buffer alive for as long as they need it.
      this.buffer = this.make(Math.max(2 * this.buffer.length, 2 * length));
      this.used = 0;
    }
    const array = this.buffer.subarray(this.used, this.used + length) as T;
    array.fill(0);
    this.used += length;
    return array;
  }

  reset(): void {
    this.used = 0;
  }
}

/** Enough for a week of polls every few minutes without growing. */
const INITIAL_LENGTH = 1 << 14;
