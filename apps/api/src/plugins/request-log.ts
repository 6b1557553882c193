import type { FastifyReply, FastifyRequest } from 'fastify';
import { globalPlugin } from './global-plugin';

/** Query parameters whose values never reach the log, whatever route they are sent to. */
const SECRET_PARAM = /key|token|secret|password|passwd|auth|session|sig/i;

export interface RequestLogOptions {
  /** Requests under these path prefixes are logged at debug: a board tab polls every few seconds. */
  quietPrefixes: readonly string[];
}

/**
 * One log line per request, when its answer is sent: method, URL (secret-looking query values
 * replaced), status and milliseconds. Replaces Fastify's own pair of lines (disableRequestLogging).
 */
export const requestLogPlugin = globalPlugin<RequestLogOptions>('request-log', async (app, opts) => {
  // At trace only: shows a request that never gets its answer (a hung upload, a request cut off by shutdown).
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.log.trace({ method: request.method, url: loggedUrl(request.url) }, 'request received');
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const url = loggedUrl(request.url);
    const quiet = opts.quietPrefixes.some((prefix) => url.startsWith(prefix));
    const line = { method: request.method, url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (quiet) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
  });
});

/** The URL as sent, with the value of every secret-looking query parameter replaced. */
function loggedUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = url
    .slice(query + 1)
    .split('&')
    .map((param) => {
      const name = param.split('=')[0];
      return param.includes('=') && SECRET_PARAM.test(safeDecode(name)) ? `${name}=[redacted]` : param;
    });
  return `${url.slice(0, query)}?${params.join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
