import { request, type IncomingHttpHeaders } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * The `n`th of the loopback addresses 127.0.0.2, 127.0.0.3...: on Linux all of 127.0.0.0/8 reaches
 * this machine, so each one is a client the API tells apart by its socket's address, as it tells
 * real clients apart, with no forwarded header to trust.
 */
export function clientAddress(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 250) throw new RangeError(`client ${n}: 0 to 250`);
  return `127.0.0.${n + 2}`;
}

/** One HTTP request whose connection starts from `localAddress`; the whole answer, read as text. */
export function requestFrom(
  localAddress: string,
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: options.method, headers: options.headers, localAddress }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
