/** Stores for the picture tests: weekly hours with an overnight span across the DST night, hourly polls. */
import { explainStore, type HoursRow, type Policy, type StoreInput, type StoreTimeline } from '@store-monitor/engine';

export const MIN = 60_000;
export const H = 60 * MIN;

const at = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * H + m * MIN;
};

/**
 * Monday to Friday 09:00-17:00, Saturday 10:00-14:00 and 20:00-04:00 overnight: the overnight span
 * runs through the early hours of Sunday, when New York and Sydney change their clocks.
 */
export function weeklyHours(storeId: string): HoursRow[] {
  const row = (day: number, start: string, end: string): HoursRow => ({
    storeId,
    day,
    startMs: at(start),
    endMs: at(end),
  });
  return [0, 1, 2, 3, 4]
    .map((d) => row(d, '09:00', '17:00'))
    .concat([row(5, '10:00', '14:00'), row(5, '20:00', '04:00')]);
}

/** A small deterministic random source (an LCG), so the polls are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface PollPlan {
  /** Polls from this instant ... */
  from: number;
  /** ... to this one, about hourly with a few minutes' jitter and a microsecond fraction. */
  to: number;
  /** Stretches with no polls at all (for unknown time under a max gap). */
  silent?: Array<[number, number]>;
  seed?: number;
}

/** Hourly polls, inactive now and then and for a few hours in a row once. */
export function hourlyPolls({ from, to, silent = [], seed = 7 }: PollPlan): { at: number[]; active: boolean[] } {
  const next = random(seed);
  const polls = { at: [] as number[], active: [] as boolean[] };
  let outage = 0;
  for (let t = from; t < to; t += H) {
    const instant = t + Math.floor(next() * 10) * MIN + Math.floor(next() * 1000) / 1000;
    if (silent.some(([a, b]) => instant >= a && instant < b)) continue;
    if (outage === 0 && next() < 0.04) outage = 1 + Math.floor(next() * 4);
    polls.at.push(instant);
    polls.active.push(outage === 0 && next() > 0.08);
    if (outage > 0) outage--;
  }
  return polls;
}

export interface Week {
  storeId?: string;
  zone: string;
  now: number;
  policy?: Policy;
  maxGapMs?: number;
  silent?: Array<[number, number]>;
}

/** The store's input and its explained week. */
export function explainedWeek(week: Week): { store: StoreInput; timeline: StoreTimeline } {
  const storeId = week.storeId ?? 'store-1';
  const store: StoreInput = {
    storeId,
    timeZone: week.zone,
    hours: weeklyHours(storeId),
    polls: hourlyPolls({ from: week.now - 9 * 24 * H, to: week.now, silent: week.silent }),
  };
  const timeline = explainStore(store, week.now, week.policy ?? 'nearest', week.maxGapMs);
  if (!timeline) throw new Error('no timeline: the store has no poll before now');
  return { store, timeline };
}
