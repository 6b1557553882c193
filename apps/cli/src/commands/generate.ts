import { parseTimestamp } from '@store-monitor/csv';
import { DEFAULT_GENERATE_OPTIONS, writeDataset, type GenerateOptions } from '@store-monitor/generator';
import { OutputError } from '../write-output';
import { intOption, parseOptions, UsageError } from '../parse-args';
import { ProgressBar } from '../progress-bar';

/** The options this command takes; its help lists each of them. */
export const OPTIONS = {
  out: { type: 'string' },
  stores: { type: 'string' },
  days: { type: 'string' },
  seed: { type: 'string' },
  end: { type: 'string' },
  'special-days': { type: 'string' },
  'hours-from': { type: 'string' },
  'timezones-from': { type: 'string' },
} as const;

export async function generateCommand(args: string[]): Promise<void> {
  const started = performance.now();
  const options = parseOptions(args, OPTIONS);
  if (!options.out) throw new UsageError('generate needs --out DIR');
  const defaults = DEFAULT_GENERATE_OPTIONS;
  const settings: GenerateOptions = {
    stores: intOption('stores', options.stores, defaults.stores, 1, 10_000_000),
    days: intOption('days', options.days, defaults.days, 1, 366),
    seed: intOption('seed', options.seed, defaults.seed, 0, 2 ** 32 - 1),
    end: parseEnd(options.end) ?? defaults.end,
    specialDaysPercent: intOption('special-days', options['special-days'], defaults.specialDaysPercent, 0, 100),
    hoursFrom: options['hours-from'],
    timezonesFrom: options['timezones-from'],
  };
  const bar = new ProgressBar('generating');
  const out = options.out;
  const result = await writeDataset(out, settings, (done, total) => bar.update(done, total)).catch((error: unknown) => {
    // File-system errors (they carry a code) mean the folder cannot be written; anything else is a bug.
    throw (error as NodeJS.ErrnoException).code === undefined ? error : new OutputError(out, error);
  });
  bar.finish();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stderr.write(
    `stores: ${result.stores}, polls: ${result.polls}, business-hours rows: ${result.hoursRows}, ` +
      `time-zone rows: ${result.timeZoneRows}, special-hours rows: ${result.specialHoursRows}, seconds: ${seconds}, into ${options.out}\n`,
  );
}

function parseEnd(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const instant = parseTimestamp(text);
  if (instant === null) throw new UsageError(`--end must be an instant such as 2024-04-07T18:00:00Z, got "${text}"`);
  return instant;
}
