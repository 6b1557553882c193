// The module's memory, laid out by hand: everything is allocated after the module's own data and
// nothing is freed (one instance serves one read, then goes with it).

let top: usize = 0;

/** Starts allocating after the module's own data. */
export function startHeap(): void {
  top = __heap_base;
}

/** `bytes` of memory at a 16-byte boundary past everything allocated so far; memory grows as needed. */
export function alloc(bytes: usize): usize {
  const start = (top + 15) & ~(<usize>15);
  // Past 4 GiB the address would wrap: the same trap as memory that cannot grow.
  if (bytes > <usize>0xffffffff - start) unreachable();
  const end = start + bytes;
  const have = (<usize>memory.size()) << 16;
  if (end > have && memory.grow(<i32>((end - have + 0xffff) >> 16)) < 0) unreachable();
  top = end;
  return start;
}

/** alloc, zero-filled (grown memory is zero, but memory below the old top may not be). */
export function zeroed(bytes: usize): usize {
  const start = alloc(bytes);
  memory.fill(start, 0, bytes);
  return start;
}

/** A copy of `bytes` at `from` in `bytes * 2` of new memory, the rest zero: a table outgrown. */
export function grown(from: usize, bytes: usize): usize {
  if (bytes > 0x7fffffff) unreachable();
  const bigger = zeroed(bytes * 2);
  memory.copy(bigger, from, bytes);
  return bigger;
}
