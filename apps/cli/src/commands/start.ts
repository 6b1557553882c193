import { randomBytes } from 'node:crypto';
import { migrateDatabase, withDatabase } from '@store-monitor/db';
import { hasPolls } from '@store-monitor/report-reader';
import { databaseUrlFromEnvironment, explainDatabaseError } from '../database-setup';
import { SAMPLE_DATA_DIR } from '../report-inputs';
import { displayBase, ownApiReady } from '../start/api-address';
import { apiListenAddress, portProblem } from '../start/listen-address';
import { describeExit, outcome } from '../start/outcome';
import { SERVICE_ENTRY, isRunning, startService, type Service } from '../start/services';
import { forwardStopRequests, type StopRequests } from '../start/stop-requests';
import { intOption, parseOptions } from '../parse-args';
import { ingestCommand } from './ingest';

/** The port is taken or cannot be used: a setting to change, like a bad argument. */
const EXIT_PORT = 2;
const READY_TIMEOUT_MS = 30_000;

const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The whole product on one machine: check the API's port, migrate, load the sample data into an
 * empty database, then run the API and the workers until Ctrl-C (or SIGTERM), which reaches each
 * service as one SIGTERM so each drains and exits 0. Returns the exit code: 0 after a clean stop,
 * 1 when a service died, 2 when the port cannot be used.
 */
export async function startCommand(args: string[]): Promise<number> {
  const workers = parseWorkers(args);
  const listen = apiListenAddress(process.env);
  const problem = listen.port === undefined ? undefined : await portProblem(listen.host, listen.port);
  if (problem) {
    say(`store-monitor: ${problem}`);
    return EXIT_PORT;
  }
  const databaseUrl = databaseUrlFromEnvironment();
  await prepareDatabase(databaseUrl);
  const env = serviceEnvironment(databaseUrl, listen.host);
  const services = [startService('api', SERVICE_ENTRY.api, env)];
  for (let i = 1; i <= workers; i++) services.push(startService(`worker ${i}`, SERVICE_ENTRY.worker, env));
  const stops = forwardStopRequests(services, say);
  await announce(services, stops, env, workers);
  return untilAllExit(services, stops);
}

export const OPTIONS = { workers: { type: 'string' } } as const;

function parseWorkers(args: string[]): number {
  return intOption('workers', parseOptions(args, OPTIONS).workers, 1, 0, 64);
}

async function prepareDatabase(databaseUrl: string): Promise<void> {
  try {
    const migrated = await migrateDatabase(databaseUrl);
    say(`database ready${migrated.created ? ' (created)' : ''}`);
    if (!(await withDatabase(databaseUrl, { heldConnections: 0 }, hasPolls))) {
      say(`the database has no polls: loading the sample data from ${SAMPLE_DATA_DIR}`);
      await ingestCommand(['--data', SAMPLE_DATA_DIR]);
    }
  } catch (error) {
    throw explainDatabaseError(error, databaseUrl);
  }
}

/**
 * The board needs credentials: made here when unset, so the welcome can show them. HOST is set
 * to the address whose port was checked, so the API listens exactly there.
 */
function serviceEnvironment(databaseUrl: string, host: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, HOST: host };
  if (!env.BULL_BOARD_PASSWORD) env.BULL_BOARD_PASSWORD = randomBytes(12).toString('base64url');
  if (!env.BULL_BOARD_USER) env.BULL_BOARD_USER = 'admin';
  return env;
}

/** The welcome, once the API answers, unless a service has already stopped or a stop was asked for. */
async function announce(
  services: Service[],
  stops: StopRequests,
  env: NodeJS.ProcessEnv,
  workers: number,
): Promise<void> {
  const address = await ownApiReady(services[0], READY_TIMEOUT_MS);
  if (stops.requested() || !services.every(isRunning)) return;
  if (address) say(welcome(displayBase(address), env, workers, !process.env.BULL_BOARD_PASSWORD));
  else say(`store-monitor: the API did not become ready within ${READY_TIMEOUT_MS / 1000} s; see its log above`);
}

/** What `store-monitor start` prints once its own API answers: where everything is. */
function welcome(base: string, env: NodeJS.ProcessEnv, workers: number, passwordMadeHere: boolean): string {
  const generated = passwordMadeHere ? ' (made for this run; set BULL_BOARD_PASSWORD to choose one)' : '';
  // With API_KEY set the report endpoints need it; the hint names the variable, never the key.
  const auth = env.API_KEY ? ' -H "Authorization: Bearer $API_KEY"' : '';
  return [
    '',
    `store-monitor is running: the API and ${workers} worker${workers === 1 ? '' : 's'}. Ctrl-C stops them.`,
    `  console     ${base}/  (open it in a browser)`,
    `  API         ${base}  (JSON index for curl)`,
    `  API docs    ${base}/docs`,
    `  Bull Board  ${base}/admin/queues  user ${env.BULL_BOARD_USER}, password ${env.BULL_BOARD_PASSWORD}${generated}`,
    `  try         curl -s${auth} -X POST ${base}/trigger_report`,
    `              curl -s${auth} "${base}/get_report?report_id=<the id it returned>"`,
    '',
  ].join('\n');
}

/** Runs until every service has stopped; one that stops unasked stops the others. */
async function untilAllExit(services: Service[], stops: StopRequests): Promise<number> {
  const first = await Promise.race(services.map(async (service) => ({ name: service.name, ...(await service.exit) })));
  const unasked = stops.requested() ? undefined : first.name;
  if (unasked) {
    say(`store-monitor: ${describeExit(first)}; stopping the others`);
    stops.stopAll();
  }
  const exits = await Promise.all(services.map(async (service) => ({ name: service.name, ...(await service.exit) })));
  const { line, code } = outcome(exits, unasked);
  say(line);
  return code;
}
