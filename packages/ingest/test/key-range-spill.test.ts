/**
 * KeyRangeSpill sets polls aside by store-id range and gives them back range by range: checked
 * against the obvious answer (each store's polls in file order, stores in id order) on random
 * files, with ids that first appear after the ranges were cut, and its files removed at the end.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { KeyRangeSpill, MAX_RANGES, rangeBounds } from '../src/key-range-spill';
import { compareIds, PollBatch } from '../src/poll-batch';

type Poll = [id: string, atUs: number, active: number];

/** Polls with few distinct ids (so stores repeat), any instants, any order. */
const pollsArb = fc.array(
  fc.tuple(fc.stringMatching(/^[0-9a-f-]{1,6}$/), fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 1 })),
  { maxLength: 300 },
);

/** Sets the polls aside after the first `cut` (ranges cut from the ids seen by then), then replays. */
async function roundTrip(polls: Poll[], cut: number, perRange: number) {
  const batch = new PollBatch();
  const push = (from: number, to: number) => {
    for (const [id, atUs, active] of polls.slice(from, to)) batch.pushMicros(batch.stores.indexOf(id), atUs, active);
  };
  push(0, cut);
  const bounds = rangeBounds(batch.stores.ids, polls.length, perRange);
  const spill = new KeyRangeSpill(batch.stores.ids, bounds);
  try {
    spill.add(batch);
    batch.clear();
    // The rest arrives in two lots, as the reader sets polls aside chunk by chunk.
    const middle = Math.floor((cut + polls.length) / 2);
    push(cut, middle);
    spill.add(batch);
    batch.clear();
    push(middle, polls.length);
    spill.add(batch);
    batch.clear();
    const out: Poll[] = [];
    await spill.replay(batch, async () => {
      for (let row = 0; row < batch.size; row++) {
        out.push([batch.stores.ids[batch.store[row]], batch.atUs[row], batch.active[row]]);
      }
      batch.clear();
    });
    return { out, bounds };
  } finally {
    spill.close();
  }
}

/** The range each id belongs to: how many bounds are at or below it. */
const rangeOf = (bounds: string[], id: string) => bounds.filter((bound) => compareIds(bound, id) <= 0).length;

describe('KeyRangeSpill', () => {
  it('gives back every poll once, range after range in id order, each store in file order', async () => {
    await fc.assert(
      fc.asyncProperty(pollsArb, fc.nat(), fc.integer({ min: 1, max: 50 }), async (polls, cutAt, perRange) => {
        const cut = polls.length === 0 ? 0 : cutAt % (polls.length + 1);
        const { out, bounds } = await roundTrip(polls, cut, perRange);
        // Nothing lost or added.
        expect([...out].sort()).toEqual([...polls].sort());
        // Ranges come in order, and a store's polls keep the file's order.
        const ranges = out.map(([id]) => rangeOf(bounds, id));
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]).toBeGreaterThanOrEqual(ranges[i - 1]);
        const byStore = (list: Poll[], id: string) => list.filter((poll) => poll[0] === id);
        for (const id of new Set(polls.map(([store]) => store))) expect(byStore(out, id)).toEqual(byStore(polls, id));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts ranges at ids of the sample, in ascending order, about `perRange` polls each', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `store-${String(99 - i).padStart(3, '0')}`);
    expect(rangeBounds(ids, 1000, 250)).toEqual(['store-025', 'store-050', 'store-075']);
    // One range is no cut; more ranges than ids are not possible.
    expect(rangeBounds(ids, 1000, 1000)).toEqual([]);
    expect(rangeBounds(['b', 'a'], 1000, 1)).toEqual(['b']);
    // However large the file, at most MAX_RANGES files are open.
    const many = Array.from({ length: 10_000 }, (_, i) => `id-${i}`);
    expect(rangeBounds(many, 1e12, 1000)).toHaveLength(MAX_RANGES - 1);
  });

  it('removes its files, also when closed halfway through', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-monitor-spill-test-'));
    try {
      const batch = new PollBatch();
      for (let i = 0; i < 20_000; i++) batch.pushMicros(batch.stores.indexOf(`s${i % 97}`), i, i % 2);
      const spill = new KeyRangeSpill(batch.stores.ids, rangeBounds(batch.stores.ids, 20_000, 2_000), dir);
      spill.add(batch);
      expect(readdirSync(dir)).toHaveLength(1);
      batch.clear();
      // Replay stops at the first load that fails, as an ingest does when the database refuses.
      await expect(
        spill.replay(batch, async () => {
          throw new Error('the database went away');
        }),
      ).rejects.toThrow('the database went away');
      spill.close();
      spill.close();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    }
  });
});
