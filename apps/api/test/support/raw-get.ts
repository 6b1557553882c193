import { connect } from 'node:net';

/**
 * One GET as raw bytes on a socket to the API on `port`: nothing between the test and the server
 * normalises the target (no URL parser, no encoding). The socket is not half-closed after the
 * request: Node's HTTP server drops a connection the client half-closes (httpAllowHalfOpen is off),
 * so an answer that takes any time (a database lookup) would never come.
 */
export function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolveGet, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolveGet({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1'));
  });
}
