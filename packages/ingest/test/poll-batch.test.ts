import { PollBatch } from '../src/poll-batch';

const MIN = 60_000;

function batchOf(rows: [string, number, boolean][]): PollBatch {
  const batch = new PollBatch();
  for (const [id, at, active] of rows) batch.add(id, at, active);
  return batch;
}

/** The sorted batch as readable tuples, store by store. */
function listed(batch: PollBatch) {
  const sorted = batch.sorted();
  return {
    stores: sorted.segments.map((s) => [batch.stores.ids[s.store], s.end - s.start]),
    rows: Array.from(sorted.rows, (row) => [
      batch.stores.ids[batch.store[row]],
      batch.atUs[row] / 1000 / MIN,
      batch.active[row],
    ]),
    duplicates: sorted.duplicates,
  };
}

describe('PollBatch', () => {
  it('groups polls by store in id order, sorts each store by time and keeps the later of equal instants', () => {
    const batch = batchOf([
      ['b', 3 * MIN, true],
      ['a', 2 * MIN, false],
      ['b', 1 * MIN, false],
      ['a', 2 * MIN, true],
      ['b', 3 * MIN, false],
      ['a', 1 * MIN + 0.001, true],
    ]);
    expect(listed(batch)).toEqual({
      stores: [
        ['a', 2],
        ['b', 2],
      ],
      rows: [
        ['a', 1 + 0.001 / MIN, 1],
        ['a', 2, 1],
        ['b', 1, 0],
        ['b', 3, 0],
      ],
      duplicates: 2,
    });
  });

  it('keeps store numbers from one batch to the next and grows past its first arrays', () => {
    const batch = new PollBatch();
    for (let i = 0; i < 3000; i++) batch.add(`s${i % 7}`, (3000 - i) * MIN, i % 2 === 0);
    const first = batch.sorted();
    expect(first.segments).toHaveLength(7);
    expect(first.duplicates).toBe(0);
    const s3 = first.segments.find((s) => batch.stores.ids[s.store] === 's3')!;
    const times = Array.from(first.rows.subarray(s3.start, s3.end), (row) => batch.atUs[row]);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    batch.clear();
    batch.add('s3', MIN, true);
    batch.add('new', MIN, true);
    expect(batch.stores.ids.indexOf('s3')).toBe(3);
    expect(listed(batch)).toEqual({
      stores: [
        ['new', 1],
        ['s3', 1],
      ],
      rows: [
        ['new', 1, 1],
        ['s3', 1, 1],
      ],
      duplicates: 0,
    });
  });

  it('holds instants to the microsecond', () => {
    const batch = batchOf([['a', 1674389379388.884, true]]);
    expect(batch.atUs[0]).toBe(1674389379388884);
  });
});
