import { maxHeaderSize, STATUS_CODES, type ServerOptions } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from './http-error';

export interface RequestLimits {
  requestTimeoutMs: number;
  bodyIdleTimeoutMs: number;
}

interface TimeoutOptions {
  requestTimeout: number;
  http: ServerOptions;
  clientErrorHandler: (this: FastifyInstance, error: Error & { code?: string }, socket: Socket) => void;
}

/** Node looks for requests past their time this often (its default, 30 s, would double a short bound). */
const CONNECTION_CHECK_MS = 1000;
/** Node's own bound for the headers, kept unless the whole request must come sooner. */
const HEADERS_TIMEOUT_MS = 60_000;

/**
 * The server options that bound how long a request may take to arrive (Fastify's default is no
 * bound at all), and the answer to the requests Node itself refuses before Fastify sees them:
 * a request past its time (408), headers over Node's limit (431) and bytes that are not HTTP (400),
 * all in this API's `{error, message}` shape.
 */
export function requestTimeoutOptions(limits: RequestLimits): TimeoutOptions {
  const headersTimeout = Math.min(HEADERS_TIMEOUT_MS, limits.requestTimeoutMs);
  const late =
    `the request did not arrive in time (its headers within ${seconds(headersTimeout)}, all of it ` +
    `within ${seconds(limits.requestTimeoutMs)})`;
  return {
    requestTimeout: limits.requestTimeoutMs,
    http: {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout,
      connectionsCheckingInterval: Math.min(CONNECTION_CHECK_MS, headersTimeout),
    },
    clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
      // A reset connection is already gone: there is no one to answer.
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, message] =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, late]
          : error.code === 'HPE_HEADER_OVERFLOW'
            ? [431, `the request's headers are over ${maxHeaderSize} bytes`]
            : [400, 'the request is not valid HTTP'];
      this.log.info({ code: error.code, status }, 'request refused by the HTTP server');
      answerAndClose(socket, status, message);
    },
  };
}

/**
 * Connections whose request was answered (a 415, a 503) while its body was still due: Node reads
 * the rest away, and if that never comes the connection is only closed, never answered twice.
 */
const answeredEarly = new WeakSet<Socket>();

/**
 * A body that stops arriving is cut after `idleMs` with 408, whatever the total bound says: a
 * client sending nothing holds a connection (and an upload slot) for nothing. Only while the body
 * is incomplete: a handler that takes long afterwards (a big ingest) is not the client's stall.
 */
export function cutIdleBodies(app: FastifyInstance, idleMs: number): void {
  const message = `the request body stopped arriving: nothing came for ${seconds(idleMs)}`;
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.raw;
    const socket = raw.socket;
    // inject() has no socket to wait on.
    if (raw.complete || !(socket instanceof Socket)) return;
    // Node emits 'timeout' on the request only while it is incomplete, and with a listener there
    // it leaves the socket to us.
    raw.setTimeout(idleMs, () => {
      request.log.info({ status: 408, idleMs }, 'request body stalled');
      answerAndClose(socket, 408, message);
    });
    reply.raw.once('finish', () => {
      if (!raw.complete) answeredEarly.add(socket);
    });
    raw.once('end', () => {
      socket.setTimeout(0);
      answeredEarly.delete(socket);
    });
  });
}

/**
 * Written on the socket itself: the request has no reply Fastify could still send in order. A
 * request already answered (a 415 or 503 sent before its body was read) only gets the connection
 * closed: a second answer would be read as the next request's.
 */
function answerAndClose(socket: Socket, status: number, message: string): void {
  const body: ErrorBody = { error: STATUS_CODES[status] ?? 'Error', message };
  const text = JSON.stringify(body);
  if (socket.writable && !answeredEarly.has(socket)) {
    socket.write(
      `HTTP/1.1 ${status} ${body.error}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ` +
        `${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroySoon();
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
