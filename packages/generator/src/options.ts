/** What to generate. */
export interface GenerateOptions {
  /** How many stores; with `hoursFrom`/`timezonesFrom`, at most the real stores named there. */
  stores: number;
  /** Length of the poll history, ending at `end`. */
  days: number;
  /** Same seed, same options: byte-identical files. */
  seed: number;
  /** Epoch milliseconds UTC; the last poll is at or shortly before it. */
  end: number;
  /**
   * Percentage of the stores (0 to 100, rounded to whole stores) that get special days: holidays
   * closed, short or overnight, written to special_hours.csv.
   */
  specialDaysPercent: number;
  /** A real business-hours file to copy instead of generating schedules. */
  hoursFrom?: string;
  /** A real time-zone file to copy instead of generating zones. */
  timezonesFrom?: string;
}

/**
 * Eight days ending 2024-04-07 00:30 UTC. A report's week window then runs from 2024-03-31 00:30
 * UTC, so it holds the European spring-forward (01:00 UTC that day) and the Australian and New
 * Zealand fall-backs (2024-04-06 14:00-16:00 UTC): sample data exercises DST in both hemispheres.
 */
export const DEFAULT_GENERATE_OPTIONS: Readonly<GenerateOptions> = Object.freeze({
  stores: 200,
  days: 8,
  seed: 1,
  end: Date.UTC(2024, 3, 7, 0, 30, 0),
  specialDaysPercent: 10,
});

/** Defaults for what is missing, then `validateOptions`. */
export function resolveOptions(partial: Partial<GenerateOptions> = {}): GenerateOptions {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
  const options: GenerateOptions = { ...DEFAULT_GENERATE_OPTIONS, ...defined };
  validateOptions(options);
  return options;
}

/** Throws a RangeError naming the first option that cannot be used. */
export function validateOptions(options: GenerateOptions): void {
  if (!Number.isSafeInteger(options.stores) || options.stores < 1) {
    throw new RangeError(`stores must be a whole number of at least 1, got ${options.stores}`);
  }
  if (!Number.isFinite(options.days) || options.days <= 0) {
    throw new RangeError(`days must be a positive number, got ${options.days}`);
  }
  if (!Number.isSafeInteger(options.seed)) {
    throw new RangeError(`seed must be a whole number, got ${options.seed}`);
  }
  if (!Number.isFinite(options.end)) {
    throw new RangeError(`end must be epoch milliseconds, got ${options.end}`);
  }
  const percent = options.specialDaysPercent;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`specialDaysPercent must be a number from 0 to 100, got ${percent}`);
  }
}
