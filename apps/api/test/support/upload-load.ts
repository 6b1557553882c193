import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get, request } from 'node:http';
import type { Socket } from 'node:net';

/** A finished upload: its status, Retry-After and body. */
export interface UploadResult {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/** Rows of one generated upload: store `<tag>-s<n>` for 1,000 stores, one poll a second each. */
export interface UploadShape {
  tag: string;
  json: boolean;
  rows: number;
}

const ROWS_PER_BLOCK = 1000;
const BASE_MS = Date.UTC(2023, 0, 1);

function block(shape: UploadShape, first: number): string {
  const lines: string[] = [];
  const end = Math.min(first + ROWS_PER_BLOCK, shape.rows);
  // A block is one second: each of the 1,000 stores polled once.
  const at = new Date(BASE_MS + Math.floor(first / 1000) * 1000).toISOString();
  for (let i = first; i < end; i++) {
    const store = `${shape.tag}-s${i % 1000}`;
    const status = i % 3 === 0 ? 'inactive' : 'active';
    lines.push(
      shape.json
        ? `${i === 0 ? '' : ','}{"store_id":"${store}","status":"${status}","timestamp_utc":"${at}"}`
        : `${store},${status},${at}\n`,
    );
  }
  return lines.join('');
}

/** The upload's body, made as it is sent: fifty 40 MB bodies never sit in the test's memory. */
export function* uploadBody(shape: UploadShape): Generator<string> {
  yield shape.json ? '{"polls":[' : 'store_id,status,timestamp_utc\n';
  for (let next = 0; next < shape.rows; next += ROWS_PER_BLOCK) yield block(shape, next);
  if (shape.json) yield ']}';
}

/** The size of the upload's body in bytes (to aim at 40 MB). */
export function bodyBytes(shape: UploadShape): number {
  const sample = Buffer.byteLength(block(shape, 1000));
  return Math.round((sample / ROWS_PER_BLOCK) * shape.rows);
}

/**
 * POSTs a generated body, a block at a time with a turn of the event loop between blocks (piping
 * would make whole bodies at once: a request takes writes faster than its socket sends them). An
 * answer that comes before the body is sent stops the sending, as a client that reads answers does.
 */
export function postUpload(port: number, shape: UploadShape): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        port,
        host: '127.0.0.1',
        path: '/polls',
        method: 'POST',
        headers: { 'content-type': shape.json ? 'application/json' : 'text/csv' },
      },
      (res) => {
        answered = true;
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: text });
        });
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    void (async () => {
      // Not before the connection is made: until then a request takes every write into memory.
      const socket = req.socket ?? (await new Promise<Socket>((wake) => req.once('socket', wake)));
      if (socket.connecting) await new Promise((wake) => socket.once('connect', wake));
      for (const piece of uploadBody(shape)) {
        if (answered || req.destroyed) return;
        if (!req.write(piece)) await new Promise((wake) => req.once('drain', wake));
        else await new Promise((wake) => setImmediate(wake));
      }
      if (!answered) req.end();
    })();
  });
}

export function httpStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ port, host: '127.0.0.1', path, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** VmRSS of a process in bytes (0 once it is gone). */
export function residentBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}

/** The environment of an API process on a test environment's database, queues and reports, plus `extra`. */
export function apiProcessVars(
  env: { database: { url: string }; prefix: string; reportsDir: string },
  redisUrl: string,
  extra: Record<string, string>,
): Record<string, string> {
  return {
    DATABASE_URL: env.database.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: env.prefix,
    REPORTS_DIR: env.reportsDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/**
 * Probes `path` every 200 ms from a process of its own (the test's own event loop is busy sending
 * fifty bodies, and a probe waiting on it would measure the test, not the API): each answer's
 * status, or the error, with its time in ms. stop() ends it and gives every probe.
 */
export function startProber(port: number, path: string): { stop(): Promise<string[]> } {
  const script = `
    const http = require('node:http');
    const probe = () => {
      const started = Date.now();
      const req = http.get({ port: ${port}, host: '127.0.0.1', path: ${JSON.stringify(path)}, timeout: 5000 }, (res) => {
        res.resume();
        res.on('end', () => console.log(res.statusCode + ' ' + (Date.now() - started)));
      });
      req.on('timeout', () => req.destroy(new Error('no answer in 5 s')));
      req.on('error', (error) => console.log((error.code || error.message) + ' ' + (Date.now() - started)));
      req.on('close', () => setTimeout(probe, 200));
    };
    probe();`;
  const child = spawn(process.execPath, ['-e', script]);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      child.kill();
      await exited;
      return output.split('\n').filter((line) => line !== '');
    },
  };
}
