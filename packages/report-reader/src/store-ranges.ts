/**
 * The stores whose ids sort, byte by byte, from `from` (included) up to `to` (left out); null is
 * open-ended. A report's ranges leave no gap between them and the first and last are open, so a
 * store created after planning still falls in exactly one of them, whatever its id.
 */
export interface StoreRange {
  from: string | null;
  to: string | null;
}

/** The ranges that start at each of `starts` (ids in byte order), the first and last open-ended. */
export function rangesFromStarts(starts: string[]): StoreRange[] {
  return starts.map((start, index) => ({
    from: index === 0 ? null : start,
    to: index + 1 < starts.length ? starts[index + 1] : null,
  }));
}

/** Why `ranges`, in order, do not cover every store id exactly once; undefined when they do. */
export function rangeCoverageProblem(ranges: StoreRange[]): string | undefined {
  if (ranges.length === 0) return 'there are no ranges';
  if (ranges[0].from !== null)
    return `the first range starts at ${describeBound(ranges[0].from)}, not at the first store`;
  const last = ranges[ranges.length - 1];
  if (last.to !== null) return `the last range ends before ${describeBound(last.to)}, not after the last store`;
  for (let i = 0; i + 1 < ranges.length; i++) {
    const [end, next] = [ranges[i].to, ranges[i + 1].from];
    if (end === null || next === null || end !== next) {
      return `range ${i + 1} ends before ${describeBound(end)} but range ${i + 2} starts at ${describeBound(next)}`;
    }
  }
  // Joined end to start, they could still run backwards and cover some stores twice.
  const backwards = ranges.findIndex(({ from, to }) => from !== null && to !== null && !sortsBefore(from, to));
  if (backwards !== -1)
    return `range ${backwards + 1} starts at ${describeBound(ranges[backwards].from)}, not before its end ${describeBound(ranges[backwards].to)}`;
  return undefined;
}

/** Byte order of the UTF-8 ids, as PostgreSQL's COLLATE "C" sorts them. */
function sortsBefore(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
}

export function sameRange(a: StoreRange, b: StoreRange): boolean {
  return a.from === b.from && a.to === b.to;
}

/** A range as a person reads it, ids quoted as JSON so odd characters show. */
export function describeRange(range: StoreRange): string {
  return `from ${describeBound(range.from)} up to ${describeBound(range.to)}`;
}

function describeBound(id: string | null): string {
  return id === null ? 'the open end' : JSON.stringify(id);
}
