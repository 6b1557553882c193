import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { globalPlugin } from './global-plugin';

/** Where the console's scripts and stylesheet are served; its page is served at `/`. */
export const CONSOLE_PREFIX = '/console/';

/** packages/console, the same number of folders up from apps/api/src/plugins (tests) and apps/api/dist/plugins. */
export const CONSOLE_DIR = resolve(__dirname, '../../../../packages/console');

/**
 * The page may load and call only this server: no CDN, no inline script, and the timeline picture
 * comes in as a blob: URL (fetched with the API key).
 */
export const CONSOLE_CSP =
  "default-src 'self'; img-src 'self' blob:; script-src 'self'; style-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The built files only: never the TypeScript declarations tsc writes beside them. */
const SERVED = /\.(js|css)$/;

export interface ConsolePluginOptions {
  /** The console's package folder (default: packages/console of this checkout). */
  dir?: string;
}

/**
 * The web console: `GET /` answers its page to a browser (Accept: text/html) and the JSON index to
 * everyone else (curl, inject, tools: no Accept, or one naming JSON or anything); its files are
 * static under /console/. The page holds no data: everything it shows comes from the API routes,
 * which ask for the key as usual. Registered before the index route, whose GET it joins.
 */
export const consolePlugin = globalPlugin<ConsolePluginOptions>('console', async (app, opts) => {
  const dir = opts.dir ?? CONSOLE_DIR;
  const pagePath = join(dir, 'public', 'index.html');
  if (!existsSync(pagePath) || !existsSync(join(dir, 'dist', 'main.js'))) {
    app.log.warn(`the web console is not built (no ${join(dir, 'dist', 'main.js')}): run "npm run build"`);
    return;
  }
  const page = readFileSync(pagePath);
  // Only GET / and its HEAD carry the hook, so no other request pays for the check.
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.url !== '/') return;
    route.onRequest = [...[route.onRequest ?? []].flat(), servePage(page)];
  });
  await app.register(async (files) => {
    await files.register(fastifyStatic, {
      root: [join(dir, 'public'), join(dir, 'dist')],
      prefix: CONSOLE_PREFIX,
      decorateReply: false,
      index: false,
      allowedPath: (path) => SERVED.test(path),
      // A new build must show on the next load: the browser asks again, and the ETag saves the bytes.
      cacheControl: false,
      setHeaders: (reply) => reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff'),
    });
  });
});

function servePage(page: Buffer) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // The answer depends on Accept, so a cache between must not hand the page to curl or the JSON to a browser.
    void reply.header('vary', 'Accept');
    if (!wantsHtml(request.headers.accept)) return;
    await reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONSOLE_CSP)
      .header('x-content-type-options', 'nosniff')
      .send(page);
  };
}

/**
 * Whether an Accept header prefers HTML: it names text/html (or XHTML) with a weight above zero,
 * and above application/json's if it names that too. No header, `*\/*` alone, or a tie keeps JSON,
 * the API's answer.
 */
export function wantsHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  let html = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const weight = weightOf(params);
    if (type.trim() === 'text/html' || type.trim() === 'application/xhtml+xml') html = Math.max(html, weight);
    if (type.trim() === 'application/json') json = Math.max(json, weight);
  }
  return html > 0 && html > json;
}

function weightOf(params: string[]): number {
  const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
  if (q === undefined) return 1;
  const weight = Number(q.slice(2));
  return Number.isFinite(weight) ? weight : 0;
}
