import { createConnection, type Socket } from 'node:net';

/**
 * Connects a proxy's accepted `client` to `host:port` and ties the two together: each is kept in
 * `sockets` while open, an error closes it, and either closing closes the other. The caller then
 * carries the data across as it wishes. Returns the upstream socket.
 */
export function pairWithUpstream(client: Socket, host: string, port: number, sockets: Set<Socket>): Socket {
  const upstream = createConnection(port, host);
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  }
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
  return upstream;
}
