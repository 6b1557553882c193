import { PollBuffer } from '../src/poll-buffer';

describe('PollBuffer', () => {
  it('hands out polls per store in file order across many blocks', () => {
    const buffer = new PollBuffer();
    const expected = new Map<string, { at: number[]; active: boolean[] }>();
    // 200,003 polls fill three 64 Ki blocks and part of a fourth; 1,500 stores outgrow the first count table.
    for (let i = 0; i < 200_003; i++) {
      const id = `store-${(i * 7919) % 1_500}`;
      const at = 1_674_000_000_000 + i * 1_000.5;
      const active = i % 3 !== 0;
      buffer.add(id, at, active);
      const s = expected.get(id) ?? { at: [], active: [] };
      s.at.push(at);
      s.active.push(active);
      expected.set(id, s);
    }
    const series = buffer.toSeries();
    expect([...series.keys()]).toEqual([...expected.keys()]);
    const typed = new Map(
      [...expected].map(([id, s]) => [id, { at: Float64Array.from(s.at), active: Uint8Array.from(s.active, Number) }]),
    );
    expect(series).toEqual(typed);
  });

  it('gives no stores when nothing was added', () => {
    expect(new PollBuffer().toSeries().size).toBe(0);
  });
});
