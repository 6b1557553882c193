import { isIP } from 'node:net';
import { isRunning, waitForReady, type Service } from './services';

/** Where the API listens, as it said over its IPC channel once listening. */
export interface ApiAddress {
  host: string;
  port: number;
}

/**
 * Resolves once the API this launcher started says it listens and its /readyz answers, so the
 * banner never describes another process on the same port; undefined when the API exits first
 * or is not ready within `timeoutMs`.
 */
export async function ownApiReady(api: Service, timeoutMs: number): Promise<ApiAddress | undefined> {
  const deadline = Date.now() + timeoutMs;
  const address = await Promise.race([
    listeningMessage(api),
    api.exit.then(() => undefined),
    sleep(timeoutMs).then(() => undefined),
  ]);
  if (address === undefined || !isRunning(api)) return undefined;
  const ready = await Promise.race([
    waitForReady(`${probeBase(address)}/readyz`, deadline - Date.now()),
    api.exit.then(() => false),
  ]);
  return ready && isRunning(api) ? address : undefined;
}

function listeningMessage(api: Service): Promise<ApiAddress> {
  return new Promise((done) => {
    const onMessage = (message: unknown) => {
      if (!isListening(message)) return;
      api.child.off('message', onMessage);
      done({ host: message.host, port: message.port });
    };
    api.child.on('message', onMessage);
  });
}

function isListening(message: unknown): message is ApiAddress & { type: 'listening' } {
  const m = message as Partial<ApiAddress & { type: string }> | null;
  if (typeof m !== 'object' || m === null || m.type !== 'listening') return false;
  return typeof m.host === 'string' && typeof m.port === 'number';
}

const WILDCARD: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '::1' };

/** The URL this machine reaches the API at: a wildcard address is reached through loopback. */
export function probeBase({ host, port }: ApiAddress): string {
  return urlOf(WILDCARD[host] ?? host, port);
}

/** The URL the banner shows: the listening address itself, or `localhost` for every address. */
export function displayBase({ host, port }: ApiAddress): string {
  return urlOf(host in WILDCARD ? 'localhost' : host, port);
}

function urlOf(host: string, port: number): string {
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}
