import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { oneLine } from '../log-text';
import type { LogWriter } from '../logger';
import { bearerTokenMatches, METRICS_CHALLENGE } from './bearer-token';

export const METRICS_PATH = '/metrics';

export interface MetricsServerOptions {
  host: string;
  /** 0: any free port (the answer's `port` says which). */
  port: number;
  /** When set, a scrape needs `Authorization: Bearer <token>`. */
  token?: string;
  log: LogWriter;
}

export interface MetricsServer {
  host: string;
  port: number;
  /** Stops listening and ends the scrapers' kept-alive connections. */
  close(): Promise<void>;
}

/**
 * A small HTTP server with one page, GET /metrics, for a process that has no HTTP server of its
 * own (the worker). Resolves once it listens; rejects when it cannot (the port is taken, say).
 */
export async function serveMetrics(registry: Registry, options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    answer(registry, options, request, response).catch((error: unknown) => {
      options.log.error({ error: oneLine(error) }, 'metrics not served');
      if (!response.headersSent) plain(response, 500, 'the metrics could not be read; the error has been logged\n');
    });
  });
  await listen(server, options.host, options.port);
  const { port } = server.address() as AddressInfo;
  options.log.info(
    { host: options.host, port, path: METRICS_PATH, token: options.token !== undefined },
    'metrics listening',
  );
  return {
    host: options.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function answer(
  registry: Registry,
  options: MetricsServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path !== METRICS_PATH) return plain(response, 404, `nothing here: the metrics are at ${METRICS_PATH}\n`);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return plain(response, 405, `${METRICS_PATH} answers GET only\n`);
  }
  if (options.token !== undefined && !bearerTokenMatches(request.headers.authorization, options.token)) {
    response.setHeader('www-authenticate', METRICS_CHALLENGE);
    return plain(response, 401, 'the metrics need METRICS_TOKEN as "Authorization: Bearer <token>"\n');
  }
  const text = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : text);
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
