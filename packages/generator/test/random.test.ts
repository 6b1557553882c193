import { deal, draw, type Rng, rngFor, STREAM } from '../src';

describe('rngFor', () => {
  it('gives the same numbers for the same seed and keys on every machine (pinned values)', () => {
    const rng = rngFor(1);
    expect([rng.uint32(), rng.uint32(), rng.uint32()]).toEqual([1628906507, 236134929, 1200668868]);
    const sub = rngFor(42, STREAM.polls, 7);
    expect([sub.uint32(), sub.uint32()]).toEqual([1993618436, 1032848697]);
  });

  it('gives different streams for different seeds and keys', () => {
    const first = (rng: Rng) => [rng.uint32(), rng.uint32()];
    const streams = [
      rngFor(1),
      rngFor(2),
      rngFor(1, 1),
      rngFor(1, 2),
      rngFor(1, 1, 0),
      rngFor(2 ** 32 + 1),
      rngFor(-1),
    ];
    const seen = new Set(streams.map((rng) => first(rng).join()));
    expect(seen.size).toBe(streams.length);
  });

  it('keeps next() in [0, 1) and int() inside both bounds', () => {
    const rng = rngFor(7);
    const units = Array.from({ length: 10_000 }, () => rng.next());
    expect(units.filter((u) => !(u >= 0 && u < 1))).toEqual([]);
    const ints = new Set(Array.from({ length: 1000 }, () => rng.int(3, 5)));
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });
});

describe('deal', () => {
  it('deals exact proportions, every kind at least once, then shuffles', () => {
    const cards = deal(
      [
        ['a', 3],
        ['b', 1],
      ],
      100,
      rngFor(1),
    );
    expect(cards.filter((card) => card === 'a')).toHaveLength(75);
    expect(cards.filter((card) => card === 'b')).toHaveLength(25);
    expect(cards.slice(0, 75).every((card) => card === 'a')).toBe(false);
  });

  it('gives a rare kind a card as soon as there are as many cards as kinds', () => {
    const cards = deal(
      [
        ['common', 1000],
        ['rare', 1],
        ['rarer', 0.01],
      ],
      3,
      rngFor(3),
    );
    expect([...cards].sort()).toEqual(['common', 'rare', 'rarer']);
  });

  it('draws independently when there are fewer cards than kinds', () => {
    const kinds = [
      ['x', 1],
      ['y', 1],
      ['z', 1],
    ] as const;
    const cards = deal(kinds, 2, rngFor(5));
    expect(cards).toHaveLength(2);
    for (const card of cards) expect(['x', 'y', 'z']).toContain(card);
    expect(deal(kinds, 2, rngFor(5))).toEqual(cards);
  });

  it('draw never picks a kind of weight zero', () => {
    const rng = rngFor(9);
    const draws = new Set(
      Array.from({ length: 1000 }, () =>
        draw(
          [
            ['never', 0],
            ['always', 1],
          ],
          rng,
        ),
      ),
    );
    expect([...draws]).toEqual(['always']);
  });
});
