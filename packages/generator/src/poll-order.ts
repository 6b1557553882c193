import type { GenerateOptions } from './options';
import type { StoreSpec } from './poll-profile';
import { PollTimeline, type StorePoll } from './poll-timeline';
import { MICROS_PER_HOUR, pollWindow } from './poll-window';

export interface GeneratedPoll extends StorePoll {
  storeId: string;
}

export type PollVisitor = (storeId: string, atMicros: number, active: boolean) => void;

/**
 * Every store's polls, hour by hour: within an hour the stores take turns in store order, so the
 * file is roughly in time order and never grouped by store, like the real export. Only one pending
 * poll per store is held, whatever the number of polls, and polls are handed out in batches of
 * any size so the writer can cut chunks where it likes.
 */
export class PollMerger {
  /** Hours of the window. */
  readonly hours: number;
  /** Hours fully merged so far. */
  done = 0;
  private store = 0;
  private readonly startMicros: number;
  private readonly ids: string[];
  private readonly timelines: PollTimeline[];
  private readonly pending: boolean[];

  constructor(stores: readonly StoreSpec[], options: Pick<GenerateOptions, 'seed' | 'days' | 'end'>) {
    const { startMicros, endMicros } = pollWindow(options);
    this.startMicros = startMicros;
    this.hours = Math.max(1, Math.ceil((endMicros - startMicros) / MICROS_PER_HOUR));
    this.ids = stores.map((spec) => spec.id);
    this.timelines = stores.map((spec) => new PollTimeline(spec, options));
    this.pending = this.timelines.map((timeline) => timeline.advance());
  }

  /** Hands up to `budget` polls to `visit`, in merge order; returns how many, 0 once all are out. */
  take(visit: PollVisitor, budget: number): number {
    const { ids, timelines, pending } = this;
    let given = 0;
    while (this.done < this.hours) {
      // The last hour takes everything left, whatever its rounding.
      const limit = this.done + 1 === this.hours ? Infinity : this.startMicros + (this.done + 1) * MICROS_PER_HOUR;
      for (; this.store < timelines.length; this.store++) {
        const timeline = timelines[this.store];
        while (pending[this.store] && timeline.atMicros < limit) {
          if (given === budget) return given;
          visit(ids[this.store], timeline.atMicros, timeline.active);
          given++;
          pending[this.store] = timeline.advance();
        }
      }
      this.store = 0;
      this.done++;
    }
    return given;
  }
}

/** The merged polls as fresh objects, for tests and small data sets. */
export function* interleavePolls(
  stores: readonly StoreSpec[],
  options: Pick<GenerateOptions, 'seed' | 'days' | 'end'>,
): Generator<GeneratedPoll> {
  const merger = new PollMerger(stores, options);
  const batch: GeneratedPoll[] = [];
  const collect: PollVisitor = (storeId, atMicros, active) => batch.push({ storeId, atMicros, active });
  while (merger.take(collect, 4096) > 0) {
    yield* batch;
    batch.length = 0;
  }
}
