/**
 * The arena buildReport reuses for every store's working arrays. Whole reports through it are
 * checked by the buildReport property test (property.test.ts); these are its own promises.
 */
import { ArrayArena } from '@store-monitor/engine';

describe('ArrayArena', () => {
  it('hands out zero-filled arrays of the asked length, also after a reset reuses their memory', () => {
    const arena = new ArrayArena();
    const first = arena.floats(5);
    first.set([1, 2, 3, 4, 5]);
    arena.counts(3).set([7, 8, 9]);
    arena.reset();
    const again = arena.floats(5);
    expect(Array.from(again)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(arena.counts(3))).toEqual([0, 0, 0]);
    expect(arena.bytes(4)).toHaveLength(4);
    // Reuse, not a copy: the first array is the same memory as the second.
    again[0] = 42;
    expect(first[0]).toBe(42);
  });

  it('arrays handed out before the arena grows keep their values', () => {
    const arena = new ArrayArena();
    const small = arena.floats(10);
    small.fill(1.5);
    const huge = arena.floats(100_000); // past the first buffer: a new, bigger one
    huge.fill(2.5);
    const next = arena.floats(10);
    next.fill(3.5);
    expect(Array.from(small)).toEqual(Array(10).fill(1.5));
    expect(huge.every((value) => value === 2.5)).toBe(true);
    expect(huge).toHaveLength(100_000);
  });

  it('arrays handed out between resets never share memory', () => {
    const arena = new ArrayArena();
    const arrays = [3, 1, 4, 1, 5, 9, 2, 6].map((length) => arena.bytes(length * 1000));
    for (const [i, array] of arrays.entries()) array.fill(i + 1);
    expect(arrays.map((array) => new Set(array))).toEqual(arrays.map((_, i) => new Set([i + 1])));
  });
});
