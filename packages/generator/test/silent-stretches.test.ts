import { DEFAULT_GENERATE_OPTIONS, makeSilences, pollsForStore, syntheticDataset, type StoreSpec } from '../src';

const OPTIONS = DEFAULT_GENERATE_OPTIONS;
const HOUR = 3_600_000_000;
const MINUTE = 60_000_000;

const stores = syntheticDataset(OPTIONS).stores;
const silent = stores.filter((store) => store.silence !== null);

/** The longest time between two polls of a store, and where it starts. */
function longestGap(store: StoreSpec): { from: number; length: number } {
  const polls = [...pollsForStore(store, OPTIONS)];
  let best = { from: 0, length: 0 };
  for (let i = 1; i < polls.length; i++) {
    const length = polls[i].atMicros - polls[i - 1].atMicros;
    if (length > best.length) best = { from: polls[i - 1].atMicros, length };
  }
  return best;
}

describe('silent stretches', () => {
  it('give about one store in ten a stretch of 4 to 20 hours inside its polling span', () => {
    expect(silent).toHaveLength(21);
    for (const { silence, firstMicros, lastMicros } of silent) {
      if (silence === null) throw new Error('filtered above');
      const hours = (silence.toMicros - silence.fromMicros) / HOUR;
      expect(hours).toBeGreaterThanOrEqual(4);
      expect(hours).toBeLessThanOrEqual(20);
      expect(silence.fromMicros).toBeGreaterThanOrEqual(firstMicros + HOUR);
      expect(silence.toMicros).toBeLessThanOrEqual(lastMicros - HOUR);
    }
  });

  it('leave no poll inside the stretch, with polls before and after it', () => {
    for (const store of silent) {
      const { silence } = store;
      if (silence === null) throw new Error('filtered above');
      const polls = [...pollsForStore(store, OPTIONS)].map((poll) => poll.atMicros);
      expect(polls.filter((at) => at >= silence.fromMicros && at < silence.toMicros)).toEqual([]);
      expect(polls.some((at) => at < silence.fromMicros)).toBe(true);
      expect(polls.some((at) => at >= silence.toMicros)).toBe(true);
    }
  });

  it('are the longest gap of their store, far longer than a 2 h max gap', () => {
    for (const store of silent) {
      const { silence } = store;
      if (silence === null) throw new Error('filtered above');
      const gap = longestGap(store);
      expect(gap.length).toBeGreaterThanOrEqual(silence.toMicros - silence.fromMicros - 10 * MINUTE);
      expect(gap.length).toBeGreaterThan(3.5 * HOUR);
    }
  });

  it('are rare elsewhere: few other stores go 3.5 hours without a poll mid-history', () => {
    const others = stores.filter((store) => store.silence === null && store.lifecycle === 'steady');
    const gappy = others.filter((store) => longestGap(store).length > 3.5 * HOUR);
    expect(gappy.length).toBeLessThanOrEqual(3);
  });

  it('are the same for the same seed, and leave a span too short for one alone', () => {
    const spans = stores.map(({ firstMicros, lastMicros }) => ({ firstMicros, lastMicros }));
    expect(makeSilences(spans, OPTIONS.seed)).toEqual(stores.map((store) => store.silence));
    expect(makeSilences([{ firstMicros: 0, lastMicros: 9 * HOUR }], 3)).toEqual([null]);
  });
});
