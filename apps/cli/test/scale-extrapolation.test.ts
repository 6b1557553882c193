import { extrapolate } from '../src/bench/scale-extrapolation';

/** Costs that lie exactly on c(N) = 1 + 4/N seconds per million polls. */
const onModel = [
  { workers: 1, secondsPerMillion: 5 },
  { workers: 2, secondsPerMillion: 3 },
  { workers: 4, secondsPerMillion: 2 },
];
// 1M stores x 100 polls = 100M polls, so T(N) = 100 * (1 + 4/N) seconds.
const base = { pollsPerStore: 100, stores: 1_000_000, cores: 2 };

describe('extrapolate', () => {
  it('recovers a and b from costs on the model, and prints T(N) and the least N within the budget', () => {
    expect(extrapolate({ ...base, costs: onModel, budgetSeconds: 310 })).toEqual([
      '1,000,000 stores x 100.0 polls a week = 100M polls',
      'model: seconds per million polls c(N) = a + b/N, least squares over N = 1, 2, 4: a = 1.000, b = 4.000',
      'expected report time T(N) = polls/1e6 * c(N):',
      '   1 workers  8.3 min',
      '   2 workers  5.0 min',
      '   4 workers  3.3 min',
      '   8 workers  2.5 min',
      '  16 workers  2.1 min',
      '  32 workers  112.5 s',
      'budget 5.2 min: 2 workers, the least N with T(N) <= budget (T = 5.0 min)',
      'caveat: measured on 2 cores shared with other work; counts above 2 are extrapolated, ' +
        'assuming a core (and database capacity) for each worker',
    ]);
  });

  it('says no worker count meets a budget below the unshared floor a * polls/1e6', () => {
    const lines = extrapolate({ ...base, costs: onModel, budgetSeconds: 90 });
    expect(lines[9]).toBe(
      'budget 90.0 s: no worker count up to 1024 meets it by this model (its floor, a * polls/1e6, ' +
        'is 100.0 s: the part the workers do not share must shrink first)',
    );
  });

  it('says so when more workers did not shorten the report', () => {
    const flat = onModel.map((cost) => ({ ...cost, secondsPerMillion: 2 }));
    const lines = extrapolate({ ...base, costs: flat, budgetSeconds: 100 });
    expect(lines[1]).toBe(
      'model: seconds per million polls c(N) = a + b/N, least squares over N = 1, 2, 4: a = 2.000, b = 0.000',
    );
    expect(lines[9]).toBe(
      'budget 100.0 s: not met, and more workers did not shorten the report in these figures (b <= 0)',
    );
  });

  it('answers one worker when even one meets the budget', () => {
    const lines = extrapolate({ ...base, costs: onModel, budgetSeconds: 600 });
    expect(lines[9]).toBe('budget 10.0 min: 1 worker, the least N with T(N) <= budget (T = 8.3 min)');
  });
});
