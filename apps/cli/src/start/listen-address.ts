/** `npm start` on a laptop serves this machine only; containers set HOST=0.0.0.0 themselves. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

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
