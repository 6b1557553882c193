// A loopback receiver of report callbacks for the services benchmark: it learns that a report is
// ready the moment a worker announces it, without polling the API (see services-bench.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a worker POSTs (docs/api.md, Callbacks), the fields the benchmark reads. */
export interface ReportCallback {
  report_id: string;
  status: 'complete' | 'failed';
  error: string | null;
}

export class CallbackReceiver {
  private readonly waiting = new Map<string, (callback: ReportCallback) => void>();
  private readonly arrived = new Map<string, ReportCallback>();

  private constructor(private readonly server: Server) {}

  /** Listens on 127.0.0.1, on a port the system picks. */
  static async start(): Promise<CallbackReceiver> {
    const server = createServer();
    const receiver = new CallbackReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(204).end();
        receiver.deliver(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReportCallback);
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return receiver;
  }

  /** `host:port`, as CALLBACK_ALLOWED_HOSTS takes it. */
  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `http://${this.host}/report-ready`;
  }

  /** The callback for `reportId`, once it arrives (it may have already); an error after `timeoutMs`. */
  next(reportId: string, timeoutMs: number): Promise<ReportCallback> {
    const early = this.arrived.get(reportId);
    if (early) return Promise.resolve(early);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(reportId);
        reject(new Error(`no callback for report ${reportId} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.set(reportId, (callback) => {
        clearTimeout(timer);
        resolve(callback);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((closed) => this.server.close(() => closed()));
  }

  private deliver(callback: ReportCallback): void {
    const waiter = this.waiting.get(callback.report_id);
    this.waiting.delete(callback.report_id);
    if (waiter) waiter(callback);
    else this.arrived.set(callback.report_id, callback);
  }
}
