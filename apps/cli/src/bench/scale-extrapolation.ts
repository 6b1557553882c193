// From the largest scale's trigger -> CSV figures, what a report of 1M stores would take with N
// workers, and how many workers a time budget needs. The model is stated in what it prints.

/** The most workers the budget's answer considers. */
const MAX_WORKERS = 1024;

export interface WorkerCost {
  workers: number;
  /** Seconds per million polls, trigger -> CSV, at the largest scale measured. */
  secondsPerMillion: number;
}

export interface ExtrapolationInput {
  costs: WorkerCost[];
  /** Polls a store makes in the benchmark's week (polls / stores of the largest scale). */
  pollsPerStore: number;
  stores: number;
  budgetSeconds: number;
  /** This machine's cores: the worker counts above it were measured sharing them. */
  cores: number;
}

/**
 * Cost per million polls modelled as c(N) = a + b / N (a: the part no worker count shortens, such
 * as the API's merge and the database's reads; b: the part the workers share), fitted by least
 * squares on x = 1 / N. Time for P polls: T(N) = P / 1e6 * c(N). Workers for budget B: the least N
 * with T(N) <= B (for b > 0, N = ceil(b / (B / (P / 1e6) - a)); none when B / (P / 1e6) <= a).
 */
export function extrapolate(input: ExtrapolationInput): string[] {
  const { a, b } = fitInverse(input.costs);
  const millions = (input.stores * input.pollsPerStore) / 1e6;
  const time = (workers: number) => millions * (a + b / workers);
  const lines = [
    `${input.stores.toLocaleString('en-US')} stores x ${input.pollsPerStore.toFixed(1)} polls a week = ` +
      `${millions.toFixed(0)}M polls`,
    `model: seconds per million polls c(N) = a + b/N, least squares over N = ` +
      `${input.costs.map((cost) => cost.workers).join(', ')}: a = ${a.toFixed(3)}, b = ${b.toFixed(3)}`,
    'expected report time T(N) = polls/1e6 * c(N):',
    ...[1, 2, 4, 8, 16, 32].map((n) => `  ${String(n).padStart(2)} workers  ${minutes(time(n))}`),
  ];
  lines.push(
    budgetLine(leastWorkers(time, input.budgetSeconds), { a, b, millions, budgetSeconds: input.budgetSeconds }),
  );
  lines.push(
    `caveat: measured on ${input.cores} cores shared with other work; counts above ${input.cores} ` +
      'are extrapolated, assuming a core (and database capacity) for each worker',
  );
  return lines;
}

/** How many workers the budget needs, or why no count does by this model. */
function budgetLine(
  workers: number | undefined,
  fit: { a: number; b: number; millions: number; budgetSeconds: number },
): string {
  const budget = `budget ${minutes(fit.budgetSeconds)}`;
  if (workers !== undefined) {
    const time = fit.millions * (fit.a + fit.b / workers);
    return `${budget}: ${workers} worker${workers === 1 ? '' : 's'}, the least N with T(N) <= budget (T = ${minutes(time)})`;
  }
  if (fit.b <= 0) return `${budget}: not met, and more workers did not shorten the report in these figures (b <= 0)`;
  return (
    `${budget}: no worker count up to ${MAX_WORKERS} meets it by this model (its floor, a * polls/1e6, ` +
    `is ${minutes(fit.a * fit.millions)}: the part the workers do not share must shrink first)`
  );
}

function leastWorkers(time: (workers: number) => number, budgetSeconds: number): number | undefined {
  for (let workers = 1; workers <= MAX_WORKERS; workers++) if (time(workers) <= budgetSeconds) return workers;
  return undefined;
}

/** Least squares of y = a + b x with x = 1 / workers. */
function fitInverse(costs: WorkerCost[]): { a: number; b: number } {
  const xs = costs.map((cost) => 1 / cost.workers);
  const ys = costs.map((cost) => cost.secondsPerMillion);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  const sxx = xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0);
  const sxy = xs.reduce((sum, x, index) => sum + (x - meanX) * (ys[index] - meanY), 0);
  const b = sxx === 0 ? 0 : sxy / sxx;
  return { a: meanY - b * meanX, b };
}

const minutes = (seconds: number): string =>
  seconds < 120 ? `${seconds.toFixed(1)} s` : `${(seconds / 60).toFixed(1)} min`;
