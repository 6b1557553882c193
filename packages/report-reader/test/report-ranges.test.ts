import { describeRange, rangeCoverageProblem, rangesFromStarts } from '../src';

describe("a report's store ranges", () => {
  it('start at each given id, leave no gap, and are open at both ends', () => {
    expect(rangesFromStarts([])).toEqual([]);
    expect(rangesFromStarts(['a'])).toEqual([{ from: null, to: null }]);
    expect(rangesFromStarts(['a', 'c', 'e'])).toEqual([
      { from: null, to: 'c' },
      { from: 'c', to: 'e' },
      { from: 'e', to: null },
    ]);
    expect(rangeCoverageProblem(rangesFromStarts(['a', 'c', 'e']))).toBeUndefined();
  });

  it.each([
    [[], 'there are no ranges'],
    [[{ from: 'a', to: null }], 'the first range starts at "a", not at the first store'],
    [[{ from: null, to: 'z' }], 'the last range ends before "z", not after the last store'],
    [
      [
        { from: null, to: 'c' },
        { from: 'd', to: null },
      ],
      'range 1 ends before "c" but range 2 starts at "d"',
    ],
    [
      [
        { from: null, to: null },
        { from: null, to: null },
      ],
      'range 1 ends before the open end but range 2 starts at the open end',
    ],
    [
      [
        { from: null, to: 'e' },
        { from: 'e', to: 'c' },
        { from: 'c', to: null },
      ],
      'range 2 starts at "e", not before its end "c"',
    ],
    [
      [
        { from: null, to: 'é' },
        { from: 'é', to: 'z' },
        { from: 'z', to: null },
      ],
      'range 2 starts at "é", not before its end "z"',
    ],
  ])('that leave stores out or overlap are named: %j', (ranges, problem) => {
    expect(rangeCoverageProblem(ranges)).toBe(problem);
  });

  it('read as text with odd ids quoted', () => {
    expect(describeRange({ from: 'a"b', to: null })).toBe('from "a\\"b" up to the open end');
  });
});
