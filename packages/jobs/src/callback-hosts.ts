import { z } from 'zod';

/**
 * CALLBACK_ALLOWED_HOSTS: the only places a report callback may go, so that a caller of
 * POST /trigger_report cannot make the workers send requests to any address they like. The API
 * checks a callback_url against it when the report is triggered, the worker again just before
 * each attempt (its list may have changed since).
 */

/** One entry: a host name or address, and a port (null: the scheme's default port only). */
export interface AllowedHost {
  hostname: string;
  port: number | null;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** What a refusal shows as the form of an entry. */
export const ALLOWED_HOST_FORMS = 'a host or host:port, such as hooks.example.com or 10.0.0.5:8443';

/**
 * One entry as the URL parser reads a host (lower case, IDN as punycode, IPv6 in brackets), or
 * undefined when it is not a bare host[:port] (a scheme, a path, a user name...).
 */
export function parseAllowedHost(entry: string): AllowedHost | undefined {
  const text = entry.trim().toLowerCase();
  if (text === '' || /[/?#@\s]/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${text}`);
  } catch {
    return undefined;
  }
  // "host:80" would read back without its port: keep it as written.
  const explicitPort = /:(\d+)$/.exec(text)?.[1];
  const port = explicitPort === undefined ? null : Number(explicitPort);
  if (port !== null && (port < 1 || port > 65535)) return undefined;
  return { hostname: url.hostname, port };
}

/** The environment variable's schema: a comma list of entries, each checked; the message names the bad one. */
export const allowedHostsSchema = z.string().transform((text, ctx) => {
  const hosts: AllowedHost[] = [];
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const host = parseAllowedHost(entry);
    if (host === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `each entry must be ${ALLOWED_HOST_FORMS} (got ${JSON.stringify(entry.trim())})`,
      });
      return z.NEVER;
    }
    hosts.push(host);
  }
  if (hosts.length === 0) {
    ctx.addIssue({ code: 'custom', message: `must list at least one host (${ALLOWED_HOST_FORMS})` });
    return z.NEVER;
  }
  return hosts;
});

/**
 * Why `text` may not be called back, or undefined when it may: an absolute http(s) URL, without a
 * user name or password, whose host and port are on the list. `hosts` undefined: callbacks are off.
 */
export function callbackUrlProblem(text: string, hosts: readonly AllowedHost[] | undefined): string | undefined {
  if (hosts === undefined) return 'cannot be used: callbacks are off (CALLBACK_ALLOWED_HOSTS is not set)';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute http:// or https:// URL';
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined) return 'must be an absolute http:// or https:// URL';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  const port = url.port === '' ? defaultPort : Number(url.port);
  const allowed = hosts.some((host) => host.hostname === url.hostname && (host.port ?? defaultPort) === port);
  return allowed ? undefined : `names ${url.host}, which is not in CALLBACK_ALLOWED_HOSTS`;
}
