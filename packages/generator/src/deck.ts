import type { Rng } from './random';

/** A kind and its share, in any unit: shares are relative to their sum. */
export type Weighted<T> = readonly (readonly [T, number])[];

/**
 * Deals `n` kinds in exact proportion to their weights, shuffled. Drawing kinds independently
 * would leave a rare kind out of a small data set now and then; a deck gives every kind at least
 * one store whenever there are at least as many stores as kinds, whatever the seed.
 */
export function deal<T>(weights: Weighted<T>, n: number, rng: Rng): T[] {
  if (n < weights.length) return Array.from({ length: n }, () => draw(weights, rng));
  const counts = apportion(
    weights.map(([, weight]) => weight),
    n - weights.length,
  ).map((count) => count + 1);
  const cards: T[] = [];
  counts.forEach((count, i) => {
    for (let k = 0; k < count; k++) cards.push(weights[i][0]);
  });
  return rng.shuffle(cards);
}

/** One kind, chosen with probability proportional to its weight. */
export function draw<T>(weights: Weighted<T>, rng: Rng): T {
  let rest = rng.next() * total(weights.map(([, weight]) => weight));
  for (const [kind, weight] of weights) {
    rest -= weight;
    if (rest < 0) return kind;
  }
  return weights[weights.length - 1][0];
}

/** Largest-remainder apportionment of `n` seats; ties go to the earlier kind. */
function apportion(weights: readonly number[], n: number): number[] {
  const sum = total(weights);
  const exact = weights.map((weight) => (weight * n) / sum);
  const counts = exact.map(Math.floor);
  const byRemainder = exact
    .map((value, i) => ({ i, remainder: value - counts[i] }))
    .sort((x, y) => y.remainder - x.remainder || x.i - y.i);
  const missing = n - total(counts);
  for (let k = 0; k < missing; k++) counts[byRemainder[k].i]++;
  return counts;
}

function total(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0);
}
