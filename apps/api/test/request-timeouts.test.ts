import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { useTestApp } from './support/test-env';

/**
 * Slow and oversized requests against a real listening API (inject() has no socket to time):
 * raw sockets write what a slow or hostile client would.
 */
const REQUEST_TIMEOUT_MS = 3000;
const BODY_IDLE_MS = 1500;
let port: number;

const { env, app } = useTestApp({ requestTimeoutMs: REQUEST_TIMEOUT_MS, bodyIdleTimeoutMs: BODY_IDLE_MS });

beforeAll(async () => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
}, 120_000);

interface Exchange {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<{ text: string; ms: number }>;
}

/** A connection to the shared app, or to `other`. */
function open(other?: FastifyInstance): Promise<Exchange> {
  const target = other ? (other.server.address() as AddressInfo).port : port;
  return new Promise((resolve, reject) => {
    const socket = connect(target, '127.0.0.1');
    const started = performance.now();
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    const closed = new Promise<{ text: string; ms: number }>((done) =>
      socket.on('close', () => done({ text, ms: performance.now() - started })),
    );
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

function pollsHead(length: number): string {
  return `POST /polls HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: ${length}\r\n\r\n`;
}

/** The status line and the JSON body of a raw HTTP answer. */
function parse(text: string): { statusLine: string; body: unknown } {
  const [head, body] = text.split('\r\n\r\n');
  return { statusLine: head.split('\r\n')[0], body: JSON.parse(body) };
}

describe('request timeouts', () => {
  it('cuts a body sent at one byte a second when the whole request is past REQUEST_TIMEOUT, with 408', async () => {
    const { socket, closed } = await open();
    socket.write(pollsHead(1000));
    const drip = setInterval(() => socket.writable && socket.write('x'), 1000);
    const { text, ms } = await closed;
    clearInterval(drip);
    expect(parse(text)).toEqual({
      statusLine: 'HTTP/1.1 408 Request Timeout',
      body: {
        error: 'Request Timeout',
        message: 'the request did not arrive in time (its headers within 3 s, all of it within 3 s)',
      },
    });
    // Node checks every second: cut within the bound and that check.
    expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 1500);
  }, 20_000);

  it('cuts a body that stops arriving after BODY_IDLE_TIMEOUT, with 408', async () => {
    const slow = await env.app({ requestTimeoutMs: 60_000, bodyIdleTimeoutMs: BODY_IDLE_MS });
    await slow.listen({ port: 0, host: '127.0.0.1' });
    const { socket, closed } = await open(slow);
    socket.write(`${pollsHead(1000)}store_id,`);
    const { text, ms } = await closed;
    expect(parse(text)).toEqual({
      statusLine: 'HTTP/1.1 408 Request Timeout',
      body: { error: 'Request Timeout', message: 'the request body stopped arriving: nothing came for 1.5 s' },
    });
    expect(ms).toBeGreaterThanOrEqual(BODY_IDLE_MS - 100);
    expect(ms).toBeLessThan(BODY_IDLE_MS + 1000);
  }, 20_000);

  it('closes without a second answer a connection whose request was answered before its body came', async () => {
    const { socket, closed } = await open();
    // A type no route takes: 415 at once, the body never read.
    socket.write(
      'POST /polls HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-unknown\r\nContent-Length: 1000\r\n\r\nab',
    );
    const { text } = await closed;
    expect(text.match(/HTTP\/1\.1 \d{3} [^\r]+/g)).toEqual(['HTTP/1.1 415 Unsupported Media Type']);
  }, 20_000);

  it('leaves a request whose body has arrived to its handler, however long it takes', async () => {
    // A route slower than the idle bound, as a big ingest is, on an app of the same settings.
    const slow = await buildApp(env.config({ requestTimeoutMs: REQUEST_TIMEOUT_MS, bodyIdleTimeoutMs: BODY_IDLE_MS }));
    slow.post('/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, BODY_IDLE_MS + 1000));
      return { done: true };
    });
    await slow.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { socket, closed } = await open(slow);
      // The body comes after the headers, as a real upload's does, so the idle bound is armed first.
      socket.write(
        'POST /slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n',
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      socket.write('{}');
      expect(parse((await closed).text)).toEqual({ statusLine: 'HTTP/1.1 200 OK', body: { done: true } });
    } finally {
      await slow.close();
    }
  }, 20_000);

  it('answers headers over 16 KiB with 431 in the API error shape', async () => {
    const { socket, closed } = await open();
    socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Flood: ${'a'.repeat(20_000)}\r\n\r\n`);
    const { text } = await closed;
    expect(parse(text)).toEqual({
      statusLine: 'HTTP/1.1 431 Request Header Fields Too Large',
      body: { error: 'Request Header Fields Too Large', message: "the request's headers are over 16384 bytes" },
    });
  }, 20_000);

  it('answers bytes that are not HTTP with 400 in the API error shape', async () => {
    const { socket, closed } = await open();
    socket.write('HELLO\r\n\r\n');
    const { text } = await closed;
    expect(parse(text)).toEqual({
      statusLine: 'HTTP/1.1 400 Bad Request',
      body: { error: 'Bad Request', message: 'the request is not valid HTTP' },
    });
  }, 20_000);
});
