import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { migrateDatabase } from '@store-monitor/db';
import { deleteKeys, REDIS_URL, testDatabaseUrl, uniquePrefix } from '@store-monitor/test-support';
import { ingestDataDir } from '../../../worker/test/support/dataset';
import { WorkerProcess } from '../../../worker/test/support/worker-process';
import { ServerProcess } from './server-process';

/** Debian's chromium (apt-get install chromium; .ci/run installs it); CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and quiet: no updates, sync or first-run pages reaching out while the test runs. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium ("apt-get install chromium", as .ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * The services as a user runs them, on loopback: the built API (`apps/api/dist/main.js`, with an
 * API key) and one built worker (`apps/worker/dist/main.js`), over a database of their own holding `dataDir`, a queue prefix
 * and a reports folder of their own. stop() ends both processes and removes all of it.
 */
export class ConsoleStack {
  readonly prefix = uniquePrefix('sm-console-test');
  readonly reportsDir = mkdtempSync(join(tmpdir(), 'store-monitor-console-reports-'));
  private readonly database = testDatabaseUrl();
  private api: ServerProcess | undefined;
  private worker: WorkerProcess | undefined;
  baseUrl = '';

  constructor(readonly apiKey: string) {}

  /** The API, ready; the worker comes later (startWorker), so a report can be seen queued first. */
  async start(dataDir: string): Promise<void> {
    await migrateDatabase(this.database.url);
    await ingestDataDir(this.database.url, dataDir);
    this.api = new ServerProcess({
      ...this.shared(),
      PORT: '0',
      HOST: '127.0.0.1',
      API_KEY: this.apiKey,
      BULL_BOARD_PASSWORD: 'a board password nobody uses',
    });
    const port = (await this.api.waitForLine(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/))[1];
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async startWorker(settings: Record<string, string>): Promise<void> {
    this.worker = new WorkerProcess({ ...this.shared(), ...settings });
    await this.worker.waitForLine('worker ready', 60_000);
  }

  private shared(): Record<string, string> {
    return { DATABASE_URL: this.database.url, REDIS_URL, QUEUE_PREFIX: this.prefix, REPORTS_DIR: this.reportsDir };
  }

  async stop(): Promise<void> {
    if (this.api !== undefined && this.api.child.exitCode === null) this.api.child.kill('SIGTERM');
    await Promise.all([this.api?.exited, this.worker?.stop()]);
    await deleteKeys(this.prefix);
    await this.database.drop();
    rmSync(this.reportsDir, { recursive: true, force: true });
  }
}
