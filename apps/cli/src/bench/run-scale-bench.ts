// `npm run bench:scale [-- --stores N --small N --runs R --budget-minutes M]`: the 10x run
// (scale-bench.ts). By default 140,000 stores beside 14,000 (about 22M and 2.2M polls); smaller
// counts make the same run in a minute or two, for trying it out.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureCommand } from './measure';
import { ensureScaleDataSet, realStoreCount } from './scale-data-set';
import { runScaleBench } from './scale-bench';

const REPO = resolve(__dirname, '../../../..');
const REAL_DATA = resolve(REPO, '../shared/data/loop-2023');
const WORK_DIR = join(REPO, '.bench');
const CLI = join(REPO, 'apps/cli/bin/store-monitor.js');
const TARGET_STORES = 1_000_000;
const USAGE = `npm run bench:scale [-- --stores N] [--small N] [--runs R] [--budget-minutes M]

  --stores N           the large scale, in stores (default 140000)
  --small N            the reference scale, in stores, fewer than --stores (default 14000)
  --runs R             timed runs of report --db and of each worker count; medians (default 3)
  --budget-minutes M   the report time the 1M-store extrapolation finds a worker count for (default 5)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: '140000' },
      small: { type: 'string', default: '14000' },
      runs: { type: 'string', default: '3' },
      'budget-minutes': { type: 'string', default: '5' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const large = positive('--stores', values.stores);
  const small = positive('--small', values.small);
  const runs = positive('--runs', values.runs);
  const budgetMinutes = positive('--budget-minutes', values['budget-minutes']);
  if (small >= large) throw new Error(`--small (${small}) must be fewer stores than --stores (${large})`);
  const realDir = schedulesFor(large);
  const place = { workDir: WORK_DIR, cli: CLI, realDir };
  const scales = [
    { stores: small, ...(await ensureScaleDataSet(small, place)) },
    { stores: large, ...(await ensureScaleDataSet(large, place)) },
  ] as const;
  const lines = await runScaleBench({
    scales: [scales[0], scales[1]],
    workDir: WORK_DIR,
    runs,
    targetStores: TARGET_STORES,
    budgetSeconds: budgetMinutes * 60,
    measureCli: (args) => measureCommand(CLI, args),
  });
  const schedules = realDir ? 'the real 2023 schedules' : 'generated schedules';
  process.stdout.write(`scale benchmark: ${small} and ${large} stores, 7 days, ${schedules}, medians of ${runs}\n`);
  for (const line of lines) process.stdout.write(`${line}\n`);
}

/**
 * The real 2023 files when both scales fit in them; otherwise generated schedules at both scales,
 * so that the two differ in size only (the real files name 13,584 stores: a 140,000-store week
 * cannot come from them).
 */
function schedulesFor(largest: number): string | undefined {
  if (!existsSync(REAL_DATA)) {
    process.stderr.write(`note: ${REAL_DATA} not found; generated schedules used\n`);
    return undefined;
  }
  const real = realStoreCount(REAL_DATA);
  if (largest > real) {
    process.stderr.write(
      `note: ${largest} stores exceed the real files' ${real}; generated schedules at both scales\n`,
    );
    return undefined;
  }
  return REAL_DATA;
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, not ${text}`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:scale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
