import type { StoreInput } from '@store-monitor/engine';
import { pollBoundsOf } from '../src/as-of-options';

const store = (storeId: string, at: number[]): StoreInput => ({
  storeId,
  hours: [],
  polls: { at: Float64Array.from(at), active: new Uint8Array(at.length) },
});

describe('pollBoundsOf', () => {
  it('finds the first and latest poll across stores whose polls are in file order, not time order', () => {
    const stores = [store('a', [500, 100.25, 900]), store('b', []), store('c', [1200.5, 300])];
    expect(pollBoundsOf(stores)).toEqual({ firstMs: 100.25, lastMs: 1200.5 });
  });

  it('is undefined when there are no polls: any as_of is accepted', () => {
    expect(pollBoundsOf([])).toBeUndefined();
    expect(pollBoundsOf([store('a', [])])).toBeUndefined();
  });
});
