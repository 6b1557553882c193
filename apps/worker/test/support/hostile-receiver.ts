import { createServer, type Server, type Socket } from 'node:net';
import { listenPort, waitFor } from '@store-monitor/test-support';
import { listenOnLoopback } from './callback-receiver';

/** How the receiver answers a path; every behaviour keeps writing until the caller hangs up. */
export type Behaviour =
  /** Reads the request, then says nothing at all. */
  | { kind: 'silent' }
  /** A status line, one byte every `everyMs`, never finished. */
  | { kind: 'trickle-status'; everyMs: number }
  /** 200 and its headers at once, then a body of one byte every `everyMs`, never finished. */
  | { kind: 'trickle-body'; everyMs: number }
  /** `status` and its headers, then a body written as fast as the caller takes it, never finished. */
  | { kind: 'endless-body'; status: number }
  /** A status line, then one header line that never ends. */
  | { kind: 'endless-headers' }
  /** A redirect to `location`, the whole answer at once. */
  | { kind: 'redirect'; status: number; location: string };

/** One connection that sent a request: what it asked for and what became of it. */
export interface Connection {
  path: string;
  openedAt: number;
  /** When the caller hung up (Date.now()); undefined while it is open. */
  closedAt?: number;
  /** Bytes the receiver handed to the socket: how much of an endless answer the caller let through. */
  bytesWritten: number;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/**
 * A raw TCP server on loopback speaking just enough HTTP/1.1 to be a callback receiver that
 * misbehaves: it reads a request's head and body, then answers its path as `behave` says. Raw, so
 * nothing in node:http finishes or times out an answer on the receiver's side.
 */
export class HostileReceiver {
  readonly port = listenPort();
  readonly connections: Connection[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((socket) => this.accept(socket));

  behave(path: string, behaviour: Behaviour): void {
    this.behaviours.set(path, behaviour);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  to(path: string): Connection[] {
    return this.connections.filter((c) => c.path === path);
  }

  /** The first `count` connections to `path`, once every one of them is closed by the caller. */
  async closed(path: string, count: number, timeoutMs = 30_000): Promise<Connection[]> {
    return waitFor(`${count} closed connection(s) to ${path}`, timeoutMs, async () => {
      const got = this.to(path).filter((c) => c.closedAt !== undefined);
      return got.length >= count ? got : undefined;
    });
  }

  async start(): Promise<this> {
    await listenOnLoopback(this.server, this.port);
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    let head = Buffer.alloc(0);
    const onData = (data: Buffer) => {
      head = Buffer.concat([head, data]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const text = head.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1] ?? 0);
      // The whole body first: the caller must have sent its callback before it is misanswered.
      if (head.length < end + 4 + length) return;
      socket.off('data', onData);
      const path = /^\S+ (\S+)/.exec(text)?.[1] ?? '';
      const connection: Connection = { path, openedAt: Date.now(), bytesWritten: 0 };
      this.connections.push(connection);
      socket.on('close', () => {
        connection.bytesWritten = socket.bytesWritten;
        connection.closedAt = Date.now();
        this.sockets.delete(socket);
      });
      this.answer(socket, this.behaviours.get(path) ?? { kind: 'silent' });
    };
    socket.on('data', onData);
  }

  private answer(socket: Socket, behaviour: Behaviour): void {
    switch (behaviour.kind) {
      case 'silent':
        break;
      case 'trickle-status':
        trickle(socket, 'HTTP/1.1 200 OK', behaviour.everyMs);
        break;
      case 'trickle-body':
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n');
        trickle(socket, '', behaviour.everyMs);
        break;
      case 'endless-body':
        socket.write(`HTTP/1.1 ${behaviour.status} Whatever\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n`);
        pump(socket);
        break;
      case 'endless-headers':
        socket.write('HTTP/1.1 200 OK\r\nx-endless: ');
        pump(socket);
        break;
      case 'redirect':
        socket.end(
          `HTTP/1.1 ${behaviour.status} Moved\r\nlocation: ${behaviour.location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`,
        );
    }
  }
}

/** `text` a byte at a time, then "x" forever, until the caller hangs up. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return;
    socket.write(sent < text.length ? text[sent] : 'x');
    sent++;
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

/** 64 KiB chunks as fast as the caller reads them, until it hangs up; never a busy loop. */
function pump(socket: Socket): void {
  const more = () => {
    if (!socket.destroyed && socket.write(CHUNK)) setImmediate(more);
  };
  socket.on('drain', more);
  more();
}
