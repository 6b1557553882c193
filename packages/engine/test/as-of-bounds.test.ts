import { DAY_MS, HOUR_MS, asOfProblem, formatDuration, formatInstant } from '../src';

const at = (iso: string): number => Date.parse(iso);
const bounds = { firstMs: at('2023-01-18T00:00:00Z'), lastMs: at('2023-01-25T18:13:22Z') };

describe('asOfProblem: a now inside the data, or just after it', () => {
  it.each([
    ['the first poll itself', '2023-01-18T00:00:00Z'],
    ['the latest poll', '2023-01-25T18:13:22Z'],
    ['exactly the margin after the latest poll', '2023-01-26T18:13:22Z'],
  ])('accepts %s', (_why, iso) => {
    expect(asOfProblem(at(iso), bounds, DAY_MS)).toBeUndefined();
  });

  it('refuses a now before the first poll, naming both bounds', () => {
    expect(asOfProblem(at('2000-01-01T00:00:00Z'), bounds, DAY_MS)).toBe(
      'as_of 2000-01-01T00:00:00Z is before the first poll: it must be from the first poll (2023-01-18T00:00:00Z) ' +
        'to 1d after the latest poll (2023-01-25T18:13:22Z)',
    );
  });

  it('refuses a now one millisecond past the margin', () => {
    expect(asOfProblem(bounds.lastMs + 36 * HOUR_MS + 1, bounds, 36 * HOUR_MS)).toBe(
      'as_of 2023-01-27T06:13:22.001Z is more than 1d12h after the latest poll: it must be from the first poll ' +
        '(2023-01-18T00:00:00Z) to 1d12h after the latest poll (2023-01-25T18:13:22Z)',
    );
  });

  it('has nothing to say when there are no polls', () => {
    expect(asOfProblem(at('2099-01-01T00:00:00Z'), undefined, 0)).toBeUndefined();
  });
});

describe('formatInstant', () => {
  it.each([
    [at('2024-01-10T12:00:00Z'), '2024-01-10T12:00:00Z'],
    [at('2024-01-10T12:00:00.250Z'), '2024-01-10T12:00:00.250Z'],
    [at('2023-01-24T09:06:42.605Z') + 0.777, '2023-01-24T09:06:42.605777Z'],
    [at('2023-01-24T09:06:42Z') + 0.001, '2023-01-24T09:06:42.000001Z'],
  ])('%p -> %s', (ms, text) => {
    expect(formatInstant(ms)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [90 * 60_000, '1h30m'],
    [DAY_MS, '1d'],
    [8 * DAY_MS + HOUR_MS + 1_000, '1w1d1h1s'],
    [1_500, '1500ms'],
  ])('%p -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
