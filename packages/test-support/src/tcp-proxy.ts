import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { pairWithUpstream } from './socket-pair';

/**
 * A TCP pass-through to a real server (Redis, PostgreSQL) that can fail the way networks do:
 * `freeze()` keeps the connections open but forwards nothing more (a hung server), `cut()` drops
 * them and refuses new ones until `restore()` (a server that went away). Nothing is answered on
 * the server's behalf.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private refusing = false;
  private frozen = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(host: string, port: number): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy?.accept(client, host, port));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    return proxy;
  }

  private accept(client: Socket, host: string, port: number): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const upstream = pairWithUpstream(client, host, port, this.sockets);
    client.on('data', (chunk) => !this.frozen && upstream.write(chunk));
    upstream.on('data', (chunk) => !this.frozen && client.write(chunk));
  }

  freeze(): void {
    this.frozen = true;
  }

  cut(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.refusing = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
