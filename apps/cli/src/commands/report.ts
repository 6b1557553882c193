import { parseTimestamp } from '@store-monitor/csv';
import { assembleStores, buildReport, formatReportRow, POLICIES, REPORT_HEADER, type Policy } from '@store-monitor/engine';
import { loadInputs } from '../load-inputs';
import { parseOptions } from '../parse-args';
import { RejectSink } from '../reject-sink';
import { resolveInputFiles } from '../report-inputs';
import { UsageError } from '../usage-error';
import { writeOutput } from '../write-output';

const OPTIONS = {
  data: { type: 'string' },
  polls: { type: 'string' },
  hours: { type: 'string' },
  timezones: { type: 'string' },
  'as-of': { type: 'string' },
  policy: { type: 'string' },
  out: { type: 'string' },
  rejects: { type: 'string' },
} as const;

export async function reportCommand(args: string[]): Promise<void> {
  const started = performance.now();
  const options = parseOptions(args, OPTIONS);
  const files = resolveInputFiles(options);
  const policy = parsePolicy(options.policy);
  const asOf = parseAsOf(options['as-of']);

  const rejects = await RejectSink.create(options.rejects);
  const inputs = await loadInputs(files, rejects.add);
  await rejects.close();
  const report = buildReport(assembleStores(inputs), { policy, asOf });
  const lines = [REPORT_HEADER, ...report.rows.map(formatReportRow)];
  await writeOutput(`${lines.join('\n')}\n`, options.out);

  const summary = [
    `stores: ${report.rows.length}`,
    `polls read: ${inputs.pollsRead}`,
    `rows rejected: ${rejects.count}`,
    `now: ${report.now === undefined ? 'none (no polls)' : new Date(report.now).toISOString()}`,
    `policy: ${policy}`,
    `seconds: ${((performance.now() - started) / 1000).toFixed(2)}`,
  ];
  process.stderr.write(`${summary.join(', ')}\n`);
  if (rejects.count > 0) process.stderr.write(`rejected rows:\n${rejects.describe().join('\n')}\n`);
}

function parsePolicy(text: string | undefined): Policy {
  if (text === undefined) return 'nearest';
  const policy = text.trim().toLowerCase();
  if (!(POLICIES as readonly string[]).includes(policy)) {
    throw new UsageError(`--policy must be one of ${POLICIES.join(', ')}, got "${text}"`);
  }
  return policy as Policy;
}

function parseAsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const instant = parseTimestamp(text);
  if (instant === null) {
    throw new UsageError(`--as-of must be an instant such as 2024-01-10T12:00:00Z, got "${text}"`);
  }
  return instant;
}
