import { HOUR_MS, formatDuration, formatInstant } from '@store-monitor/engine';
import type { ReadOptions } from './read-options';
import { badValue } from './reasons';

/**
 * How far past the current time a poll may be dated: the pollers' clocks and this machine's differ
 * a little. Past it a poll is an error, not news: one poll dated 9999 would otherwise become every
 * store's `now` and extrapolate its last status over thousands of years.
 */
export const FUTURE_ALLOWANCE_MS = HOUR_MS;

/** The latest instant a poll may have, fixed when a read starts: the hot path compares one number. */
export class FutureLimit {
  readonly latest: number;
  private readonly allowanceMs: number;

  constructor(opts: Pick<ReadOptions, 'now' | 'futureAllowanceMs'>) {
    const now = opts.now ?? Date.now();
    this.allowanceMs = opts.futureAllowanceMs ?? FUTURE_ALLOWANCE_MS;
    if (!Number.isFinite(now)) throw new RangeError(`now must be a finite instant in ms, got ${now}`);
    if (!(this.allowanceMs >= 0)) throw new RangeError(`futureAllowanceMs must be 0 or more, got ${this.allowanceMs}`);
    this.latest = now + this.allowanceMs;
  }

  /** Why a poll dated `text` (past `latest`) is rejected. */
  reason(text: string): string {
    return badValue(
      'timestamp_utc',
      text,
      `is in the future (later than ${formatInstant(this.latest)}, now plus ${formatDuration(this.allowanceMs)})`,
    );
  }
}
