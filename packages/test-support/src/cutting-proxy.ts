import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { pairWithUpstream } from './socket-pair';

/** Which requests to cut, and where. */
export interface CutRule {
  /** Looked for in what the client sends (as Latin-1 text), such as a request line `PUT /bucket/key`. */
  trigger: RegExp;
  /**
   * Bytes forwarded before the cut: of the request, counted from the start of the data the trigger
   * appears in; or, with `cut: 'response'`, of what the server sends back after the trigger.
   */
  afterBytes: number;
  /** Which way the cut falls: partway through the request (the default), or through its response. */
  cut?: 'request' | 'response';
  /** Cuts in all; the connections after them pass untouched. */
  times: number;
  /** Called at each cut, once the connection is dropped (say, to look at the server meanwhile). */
  onCut?: () => void;
}

/**
 * A TCP pass-through to a real server that drops a connection partway through a request, as a
 * network failing mid-upload does: the server gets the request's first bytes and then the end of
 * the connection, the client a reset (or, cutting the response, the other way round). Nothing is
 * answered on the server's behalf.
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
    const upstream = pairWithUpstream(client, host, port, this.sockets);
    // The tail of what came before, so a trigger split across two reads is still found.
    let recent = '';
    let budget: number | undefined;
    const cutsResponse = this.rule.cut === 'response';
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
      if (budget === undefined || cutsResponse) upstream.write(chunk);
      else budget = this.forward(chunk, budget, upstream, client);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (budget === undefined || !cutsResponse) client.write(chunk);
      else budget = this.forward(chunk, budget, client, upstream);
    });
  }

  /** Sends on what the budget allows; once it is spent, the receiver gets that much and then the end. */
  private forward(chunk: Buffer, budget: number, receiver: Socket, sender: Socket): number {
    if (chunk.length < budget) {
      receiver.write(chunk);
      return budget - chunk.length;
    }
    this.cuts++;
    for (const socket of [receiver, sender]) socket.removeAllListeners('data');
    sender.destroy();
    receiver.end(chunk.subarray(0, budget), () => receiver.destroy());
    this.rule.onCut?.();
    return 0;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
