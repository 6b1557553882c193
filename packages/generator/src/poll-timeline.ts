import type { GenerateOptions } from './options';
import type { StoreSpec } from './poll-profile';
import { MICROS_PER_HOUR, pollWindow } from './poll-window';
import { rngFor, STREAM, type Rng } from './random';

/** One poll of one store; `atMicros` is epoch microseconds. */
export interface StorePoll {
  atMicros: number;
  active: boolean;
}

/** 10^(6 - digits): the step of a timestamp written with that many fraction digits. */
const FRACTION_STEP = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

/**
 * A store's polls in time order: one slot an hour at the store's phase, each moved by jitter,
 * a few missed, a few followed by a second poll soon after. The status is a two-state Markov
 * chain stepped every hour, polled or not, so outages come in runs rather than coin flips.
 *
 * A cursor rather than a generator: millions of polls are made, and a cursor allocates nothing
 * per poll.
 */
export class PollTimeline {
  /** The current poll, valid after `advance()` returned true. */
  atMicros = 0;
  active = false;

  private readonly rng: Rng;
  private readonly endMicros: number;
  private slot: number;
  private status: boolean;
  private pendingDouble = false;

  constructor(
    private readonly spec: StoreSpec,
    options: Pick<GenerateOptions, 'seed' | 'days' | 'end'>,
  ) {
    const { startMicros, endMicros } = pollWindow(options);
    this.rng = rngFor(options.seed, STREAM.polls, spec.index);
    this.endMicros = Math.min(endMicros, spec.lastMicros);
    this.slot = startMicros + spec.phaseMicros;
    // Start from the chain's long-run share so the first hours look like the rest.
    this.status = this.rng.next() >= spec.downRate / (spec.downRate + spec.upRate);
  }

  /** Moves to the next poll; false when the store has no more. */
  advance(): boolean {
    if (this.pendingDouble) {
      this.pendingDouble = false;
      const again = truncateFraction(this.atMicros + this.rng.int(5_000_000, 480_000_000), this.rng);
      if (again <= this.endMicros && !this.silent(again)) {
        this.atMicros = again;
        return true;
      }
    }
    return this.nextSlot();
  }

  private nextSlot(): boolean {
    const { spec, rng } = this;
    while (this.slot <= this.endMicros) {
      this.status = this.status ? !rng.chance(spec.downRate) : rng.chance(spec.upRate);
      const at = truncateFraction(this.slot + jitter(spec.jitterMicros, rng), rng);
      this.slot += MICROS_PER_HOUR;
      if (rng.chance(spec.missRate) || at < spec.firstMicros || at > this.endMicros || this.silent(at)) continue;
      this.atMicros = at;
      this.active = this.status;
      this.pendingDouble = rng.chance(spec.doubleRate);
      return true;
    }
    return false;
  }

  private silent(at: number): boolean {
    const { silence } = this.spec;
    return silence !== null && at >= silence.fromMicros && at < silence.toMicros;
  }
}

/** A store's polls in time order, as fresh objects. */
export function* pollsForStore(
  spec: StoreSpec,
  options: Pick<GenerateOptions, 'seed' | 'days' | 'end'>,
): Generator<StorePoll> {
  const timeline = new PollTimeline(spec, options);
  while (timeline.advance()) yield { atMicros: timeline.atMicros, active: timeline.active };
}

/** Triangular around the slot: mostly close, now and then near the store's limit. */
function jitter(limit: number, rng: Rng): number {
  return Math.round((rng.next() + rng.next() - 1) * limit);
}

/**
 * Most polls carry six fraction digits; a few are cut to fewer (down to none), so readers meet
 * every width the format allows. Trailing zeros are dropped when written.
 */
function truncateFraction(micros: number, rng: Rng): number {
  const u = rng.next();
  if (u < 0.97) return micros;
  const step = FRACTION_STEP[Math.floor((u - 0.97) * 200)];
  return micros - (((micros % step) + step) % step);
}
