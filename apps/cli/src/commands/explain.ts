import {
  assembleStores,
  explainStore,
  formatInstant,
  latestPoll,
  type Policy,
  type StoreTimeline,
} from '@store-monitor/engine';
import { CommandError } from '../command-error';
import { checkAsOf, parseAsOfOptions, pollBoundsOf, type AsOfOptions } from '../as-of-options';
import { databaseUrlFromEnvironment, explainDatabaseError } from '../database-setup';
import { parseOptions, UsageError } from '../parse-args';
import { RejectSink } from '../reject-sink';
import { loadInputs, resolveInputFiles, type InputFiles } from '../report-inputs';
import { writeOutput } from '../write-output';
import { explainText } from './explain-table';
import { parseMaxGapOption, parsePolicy } from './report';

/** The options this command takes; its help lists each of them. */
export const OPTIONS = {
  store: { type: 'string' },
  data: { type: 'string' },
  polls: { type: 'string' },
  hours: { type: 'string' },
  timezones: { type: 'string' },
  'special-hours': { type: 'string' },
  db: { type: 'boolean' },
  'as-of': { type: 'string' },
  policy: { type: 'string' },
  'max-gap': { type: 'string' },
  svg: { type: 'string' },
} as const;

/** What the timeline is asked for, whichever source it reads. */
interface ExplainSettings {
  storeId: string;
  policy: Policy;
  asOf: AsOfOptions;
  maxGapMs: number | undefined;
}

/**
 * `store-monitor explain`: one store's week, segment by segment, from the same engine (and the same
 * readers) as `report`, so its totals are that store's report row.
 */
export async function explainCommand(args: string[]): Promise<void> {
  const options = parseOptions(args, OPTIONS);
  const storeId = options.store;
  if (storeId === undefined) throw new UsageError('--store ID is required');
  const settings: ExplainSettings = {
    storeId,
    policy: parsePolicy(options.policy),
    asOf: parseAsOfOptions(options['as-of'], undefined),
    maxGapMs: parseMaxGapOption(options['max-gap']),
  };
  const fileOption = options.data ?? options.polls ?? options.hours ?? options.timezones ?? options['special-hours'];
  if (options.db === true && fileOption !== undefined) {
    throw new UsageError('--db reads the database: it takes no input files');
  }
  const { timeline, now } =
    options.db === true ? await fromDatabase(settings) : await fromFiles(resolveInputFiles(options), settings);
  if (timeline === null) throw new NoTimelineError(storeId, now);
  process.stdout.write(explainText(timeline));
  if (options.svg === undefined) return;
  await writeOutput(svgOf(timeline), options.svg);
  process.stderr.write(`picture: ${options.svg}\n`);
}

/** No store by that id, or none of its polls at or before now: one line, exit code 2. */
class NoTimelineError extends CommandError {
  constructor(storeId: string, now: number | undefined) {
    const when = now === undefined ? ': the data has no polls' : ` at or before ${formatInstant(now)}`;
    super(`store ${JSON.stringify(storeId)} has no poll${when}`);
  }
}

interface Explained {
  timeline: StoreTimeline | null;
  now: number | undefined;
}

/** Reads the files as `report` does; only the chosen store reaches the engine. */
async function fromFiles(files: InputFiles, settings: ExplainSettings): Promise<Explained> {
  const { asOf, marginMs } = settings.asOf;
  const rejects = await RejectSink.create();
  const inputs = await loadInputs(files, rejects.add);
  if (rejects.count > 0) process.stderr.write(`rows rejected: ${rejects.count}\n${rejects.describe().join('\n')}\n`);
  const stores = assembleStores(inputs);
  if (asOf !== undefined) checkAsOf(asOf, pollBoundsOf(stores), marginMs);
  // now is the latest poll over every store, as in the report.
  const now = asOf ?? latestPoll(stores);
  const store = stores.find((s) => s.storeId === settings.storeId);
  if (store === undefined || now === undefined) return { timeline: null, now };
  return { timeline: explainStore(store, now, settings.policy, settings.maxGapMs), now };
}

async function fromDatabase(settings: ExplainSettings): Promise<Explained> {
  const { storeId, policy, maxGapMs } = settings;
  const { asOf, marginMs } = settings.asOf;
  // Loaded only here, as in `report`: the database client costs a file command 130 ms at start.
  const { createDatabase } = require('@store-monitor/db') as typeof import('@store-monitor/db');
  const reader = require('@store-monitor/report-reader') as typeof import('@store-monitor/report-reader');
  const databaseUrl = databaseUrlFromEnvironment();
  const db = createDatabase(databaseUrl);
  const explained = (error: unknown) => {
    throw explainDatabaseError(error, databaseUrl);
  };
  try {
    const bounds = await reader.pollBounds(db).catch(explained);
    if (asOf !== undefined) checkAsOf(asOf, bounds, marginMs);
    const timeline = await reader.storeTimelineFromDatabase(db, storeId, { policy, asOf, maxGapMs }).catch(explained);
    return { timeline, now: asOf ?? bounds?.lastMs };
  } finally {
    await db.close();
  }
}

/** The picture, drawn by the timeline-svg package (loaded only when asked for). */
function svgOf(timeline: StoreTimeline): string {
  const { renderTimelineSvg } = require('@store-monitor/timeline-svg') as typeof import('@store-monitor/timeline-svg');
  return renderTimelineSvg(timeline);
}
