/**
 * A seeded pseudo-random generator. Only 32-bit integer arithmetic is used (no Math.random, no
 * transcendental functions), so the same seed gives the same numbers, and files, on every machine.
 */

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast, small state, passes PractRand. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(seed ^ 0x243f6a88);
    this.c = mix32(seed ^ 0xb7e15162);
    this.d = 1;
    // The first outputs of a freshly seeded sfc32 are still correlated with the seed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) + t;
    this.c |= 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const kept = items[i];
      items[i] = items[j];
      items[j] = kept;
    }
    return items;
  }
}

/**
 * Independent random streams, one per purpose and per store, so that adding a feature or a store
 * does not shift the numbers every other store sees.
 */
export const STREAM = {
  storeIds: 1,
  idKinds: 2,
  scheduleKinds: 3,
  zones: 4,
  reliability: 5,
  lifecycle: 6,
  schedule: 7,
  profile: 8,
  polls: 9,
  specialStores: 10,
  specialKinds: 11,
  specialDays: 12,
  silences: 13,
  silence: 14,
} as const;

/** A generator for one stream of one seed; `keys` (e.g. a store's index) pick a sub-stream. */
export function rngFor(seed: number, ...keys: number[]): Rng {
  let h = mix32((seed >>> 0) ^ 0x85ebca6b);
  h = mix32(h ^ (Math.floor(seed / 4294967296) >>> 0));
  for (const key of keys) h = mix32(h ^ mix32(key >>> 0));
  return new Rng(h);
}

/** Chris Wellons' lowbias32 integer hash: every input bit affects every output bit. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x21f0aaad);
  h ^= h >>> 15;
  h = Math.imul(h, 0x735a2d97);
  h ^= h >>> 15;
  return h >>> 0;
}
