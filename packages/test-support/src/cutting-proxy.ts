import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** Which requests to cut, and where. */
export interface CutRule {
  /** Looked for in what the client sends (as Latin-1 text), such as a request line `PUT /bucket/key`. */
  trigger: RegExp;
  /** Bytes forwarded, counted from the start of the data the trigger appears in, before the cut. */
  afterBytes: number;
  /** Cuts in all; the connections after them pass untouched. */
  times: number;
  /** Called at each cut, once the connection is dropped (say, to look at the server meanwhile). */
  onCut?: () => void;
}

/**
 * A TCP pass-through to a real server that drops a connection partway through a request, as a
 * network failing mid-upload does: the server gets the request's first bytes and then the end of
 * the connection, the client a reset. Nothing is answered on the server's behalf.
 */
export class CuttingProxy {
  /** The cuts made so far. */
  cuts = 0;
  /** Times the trigger was found so far, cut or not. */
  matches = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly rule: CutRule,
  ) {}

  static async start(host: string, port: number, rule: CutRule): Promise<CuttingProxy> {
    let proxy: CuttingProxy | undefined;
    const server = createServer((client) => proxy?.accept(client, host, port));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new CuttingProxy(server, (server.address() as AddressInfo).port, rule);
    return proxy;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private accept(client: Socket, host: string, port: number): void {
    const upstream = createConnection(port, host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => this.sockets.delete(socket));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.on('data', (chunk) => client.write(chunk));
    // The tail of what came before, so a trigger split across two reads is still found.
    let recent = '';
    let budget: number | undefined;
    client.on('data', (chunk: Buffer) => {
      if (budget === undefined) {
        recent = (recent + chunk.toString('latin1')).slice(-(chunk.length + 1024));
        const triggered = this.rule.trigger.exec(recent);
        if (triggered) {
          this.matches++;
          // Once found, only what follows is looked at: the next request on this connection.
          recent = recent.slice(triggered.index + triggered[0].length);
          if (this.cuts < this.rule.times) budget = this.rule.afterBytes;
        }
      }
      if (budget === undefined || chunk.length < budget) {
        if (budget !== undefined) budget -= chunk.length;
        upstream.write(chunk);
        return;
      }
      this.cut(client, upstream, chunk.subarray(0, budget));
    });
  }

  private cut(client: Socket, upstream: Socket, last: Buffer): void {
    this.cuts++;
    client.removeAllListeners('data');
    upstream.removeAllListeners('data');
    client.destroy();
    upstream.end(last, () => upstream.destroy());
    this.rule.onCut?.();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
