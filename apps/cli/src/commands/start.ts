import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hasPolls, migrateDatabase } from '@store-monitor/db';
import { databaseUrlFromEnvironment } from '../database-url-option';
import { explainDatabaseError } from '../database-error';
import { SAMPLE_DATA_DIR } from '../report-inputs';
import { SERVICE_ENTRY, startService, waitForReady, type Service } from '../start/services';
import { UsageError } from '../usage-error';
import { ingestCommand } from './ingest';

/**
 * The whole product on one machine: migrate, load the sample data into an empty database, then
 * run the API and the workers until Ctrl-C (or SIGTERM), which reaches every service so each
 * shuts down cleanly.
 */
export async function startCommand(args: string[]): Promise<void> {
  const workers = parseWorkers(args);
  const databaseUrl = databaseUrlFromEnvironment();
  await prepareDatabase(databaseUrl);
  const env = serviceEnvironment(databaseUrl);
  const services = [startService('api', SERVICE_ENTRY.api, env)];
  for (let i = 1; i <= workers; i++) services.push(startService(`worker ${i}`, SERVICE_ENTRY.worker, env));
  forwardSignals(services);
  const port = env.PORT ?? '8080';
  if (await waitForReady(`http://127.0.0.1:${port}/readyz`, 30_000)) printWelcome(port, env, workers);
  else process.stderr.write('store-monitor: the API did not become ready within 30 s; see its log above\n');
  await untilAllExit(services);
}

function parseWorkers(args: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({ args, strict: true, options: { workers: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new UsageError(`--workers must be a whole number from 0 to 64, got "${values.workers}"`);
  return workers;
}

async function prepareDatabase(databaseUrl: string): Promise<void> {
  try {
    const migrated = await migrateDatabase(databaseUrl);
    process.stderr.write(`database ready${migrated.created ? ' (created)' : ''}\n`);
    if (!(await hasPolls(databaseUrl))) {
      process.stderr.write(`the database has no polls: loading the sample data from ${SAMPLE_DATA_DIR}\n`);
      await ingestCommand(['--data', SAMPLE_DATA_DIR]);
    }
  } catch (error) {
    throw explainDatabaseError(error, databaseUrl);
  }
}

/** The board needs credentials: made here when unset, so the welcome can show them. */
function serviceEnvironment(databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  if (!env.BULL_BOARD_PASSWORD) env.BULL_BOARD_PASSWORD = randomBytes(12).toString('base64url');
  if (!env.BULL_BOARD_USER) env.BULL_BOARD_USER = 'admin';
  return env;
}

function printWelcome(port: string, env: NodeJS.ProcessEnv, workers: number): void {
  const base = `http://localhost:${port}`;
  const generated = process.env.BULL_BOARD_PASSWORD ? '' : ' (made for this run; set BULL_BOARD_PASSWORD to choose one)';
  // With API_KEY set the report endpoints need it; the hint names the variable, never the key.
  const auth = env.API_KEY ? ' -H "Authorization: Bearer $API_KEY"' : '';
  process.stderr.write(
    [
      '',
      `store-monitor is running: the API and ${workers} worker${workers === 1 ? '' : 's'}. Ctrl-C stops them.`,
      `  API         ${base}`,
      `  API docs    ${base}/docs`,
      `  Bull Board  ${base}/admin/queues  user ${env.BULL_BOARD_USER}, password ${env.BULL_BOARD_PASSWORD}${generated}`,
      `  try         curl -s${auth} -X POST ${base}/trigger_report`,
      `              curl -s${auth} "${base}/get_report?report_id=<the id it returned>"`,
      '',
    ].join('\n'),
  );
}

function forwardSignals(services: Service[]): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      for (const { child } of services) if (child.exitCode === null) child.kill('SIGTERM');
    });
  }
}

/** Runs until every service has stopped; one that stops on its own stops the others. */
async function untilAllExit(services: Service[]): Promise<void> {
  const first = await Promise.race(services.map(async (s) => ({ s, code: await s.exited })));
  for (const { child } of services) if (child.exitCode === null) child.kill('SIGTERM');
  const codes = await Promise.all(services.map((s) => s.exited));
  if (first.code !== 0 || codes.some((code) => code !== 0)) {
    process.stderr.write(`store-monitor: ${first.s.name} stopped with code ${first.code}; the others were stopped\n`);
    process.exitCode = 1;
  }
}
