import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Server as TcpServer } from 'node:net';
import { listenPort, waitFor } from '@store-monitor/test-support';

/** One request as the receiver got it: the body's exact bytes as text. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when it arrived. */
  at: number;
}

/** How the receiver answers the n-th request (0-based) to a path: a status, or 'hang' (never). */
export type Answer = number | 'hang' | { status: number; location: string };

/**
 * A real HTTP server on loopback standing in for an internal tool: it keeps every request and
 * answers each path as told (200 unless `answer` says otherwise).
 */
export class CallbackReceiver {
  readonly port = listenPort();
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Answer[]>();
  private readonly hanging: ServerResponse[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const count = this.received.filter((r) => r.path === path).length;
      this.received.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      this.respond(response, this.scripts.get(path)?.[count] ?? 200);
    });
  });

  /** Answers for the requests to `path`, in order; later ones get 200. */
  answer(path: string, answers: Answer[]): void {
    this.scripts.set(path, answers);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  to(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async waitFor(path: string, count: number, timeoutMs = 30_000): Promise<Received[]> {
    return waitFor(`${count} request(s) to ${path}`, timeoutMs, async () => {
      const got = this.to(path);
      return got.length >= count ? got : undefined;
    });
  }

  async start(): Promise<this> {
    await listenOnLoopback(this.server, this.port);
    return this;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private respond(response: ServerResponse, answer: Answer): void {
    if (answer === 'hang') {
      this.hanging.push(response);
      return;
    }
    if (typeof answer === 'number') response.writeHead(answer, { 'content-type': 'text/plain' });
    else response.writeHead(answer.status, { location: answer.location });
    response.end('ok');
  }
}

/** Starts a receiver's server on 127.0.0.1:`port` (an HTTP or a raw TCP one). */
export function listenOnLoopback(server: TcpServer, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
