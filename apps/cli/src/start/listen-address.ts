import { createServer } from 'node:net';

/** `npm start` on a laptop serves this machine only; containers set HOST=0.0.0.0 themselves. */
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;

/**
 * Where the API will listen, read as the API reads HOST and PORT (an empty value is unset).
 * The port is undefined when PORT is not one: the API then names the bad value itself.
 */
export function apiListenAddress(env: NodeJS.ProcessEnv): { host: string; port: number | undefined } {
  const host = env.HOST?.trim() || DEFAULT_HOST;
  const text = env.PORT?.trim() || String(DEFAULT_PORT);
  const port = /^\d+$/.test(text) && Number(text) <= 65_535 ? Number(text) : undefined;
  return { host, port };
}

/**
 * Whether the API could listen on host:port, tried by listening there for a moment. Checked before
 * anything starts, so a second `store-monitor start` says why it cannot run instead of reaching the
 * first one's API. Returns undefined when free, else one line saying what is wrong and what to set.
 */
export function portProblem(host: string, port: number): Promise<string | undefined> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => done(`port ${port} on ${host} ${describe(error)}`));
    server.listen({ host, port, exclusive: true }, () => server.close(() => done(undefined)));
  });
}

function describe(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return 'is already in use (another store-monitor?); set PORT to choose another';
    case 'EACCES':
      return 'needs privileges this user lacks; set PORT to choose another';
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'cannot be used: this machine has no such address; set HOST to one of its own';
    default:
      return `cannot be used: ${error.message}`;
  }
}
