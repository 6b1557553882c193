import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { CONSOLE_CSP, consolePlugin, wantsHtml } from '../src/plugins/console';
import { useTestApp } from './support/test-env';

/** What Chromium sends for a page it navigates to. */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';

const KEY = 'a-console-key-of-some-length';
const { app } = useTestApp({ apiKey: KEY });

describe('GET / for a browser', () => {
  it("answers the console's page, without the key, with a policy that allows only this server", async () => {
    const res = await app.inject({ method: 'GET', url: '/', headers: { accept: BROWSER_ACCEPT } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(res.headers.vary).toBe('Accept');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<script type="module" src="/console/main.js"></script>');
    expect(res.body).toContain('<link rel="stylesheet" href="/console/console.css" />');
    // No CDN, no font service: every src and href is a path on this server (or the page's own fragment).
    const links = [...res.body.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(link).toMatch(/^\/(?!\/)/);
  });

  it('answers HEAD / the same way', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe('GET / for everyone else', () => {
  it.each([
    ['no Accept', undefined],
    ['*/*', '*/*'],
    ['application/json', 'application/json'],
    ['JSON and HTML alike', 'application/json, text/html'],
    ['JSON above HTML', 'text/html;q=0.5, application/json'],
    ['HTML refused', 'text/html;q=0, */*'],
  ])('keeps the JSON index (%s), saying that it varies by Accept', async (_name, accept) => {
    const headers = accept === undefined ? {} : { accept };
    const res = await app.inject({ method: 'GET', url: '/', headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.vary).toBe('Accept');
    expect(res.json()).toMatchObject({ name: 'store-monitor API', docs: '/docs', reports: '/reports' });
  });

  it('leaves the data behind the key', async () => {
    const res = await app.inject({ method: 'GET', url: '/reports', headers: { accept: BROWSER_ACCEPT } });
    expect(res.statusCode).toBe(401);
  });
});

describe('the files under /console/', () => {
  it('serves the stylesheet and every module the page loads, following their imports, without the key', async () => {
    const css = await app.inject({ method: 'GET', url: '/console/console.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['x-content-type-options']).toBe('nosniff');

    const seen = new Set<string>();
    const queue = ['main.js'];
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const res = await app.inject({ method: 'GET', url: `/console/${name}` });
      expect({ name, status: res.statusCode }).toEqual({ name, status: 200 });
      expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript; charset=utf-8$/);
      expect(res.headers['cache-control']).toBe('no-cache');
      // A browser resolves only complete paths: every relative import must name its .js file.
      for (const [, spec] of res.body.matchAll(/from '([^']+)'/g)) {
        expect(spec).toMatch(/^\.\/[a-z-]+\.js$/);
        queue.push(spec.slice(2));
      }
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['api.js', 'key.js', 'main.js', 'store-panel.js']));
  });

  it.each([
    ['a TypeScript declaration', '/console/main.d.ts'],
    ['the page by its file name', '/console/index.html'],
    ['a missing file', '/console/nothing.js'],
    ['a path out of the folder', '/console/../package.json'],
    ['an encoded path out of the folder', '/console/%2e%2e/%2e%2e/package.json'],
  ])('answers 404 for %s', async (_name, url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('"name": "@store-monitor');
  });
});

describe('wantsHtml', () => {
  it('reads the weights of an Accept header', () => {
    expect(wantsHtml(BROWSER_ACCEPT)).toBe(true);
    expect(wantsHtml('TEXT/HTML')).toBe(true);
    expect(wantsHtml('application/xhtml+xml')).toBe(true);
    expect(wantsHtml('application/json;q=0.4, text/html;q=0.5')).toBe(true);
    expect(wantsHtml(undefined)).toBe(false);
    expect(wantsHtml('')).toBe(false);
    expect(wantsHtml('text/html;q=nonsense')).toBe(false);
    expect(wantsHtml('text/plain')).toBe(false);
  });
});

describe('a checkout whose console is not built', () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-monitor-console-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('warns once and answers the JSON index to browsers too', async () => {
    mkdirSync(join(dir, 'public'));
    writeFileSync(join(dir, 'public', 'index.html'), '<!doctype html>');
    const lines: string[] = [];
    const bare = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => lines.push(line) } } });
    await bare.register(consolePlugin, { dir });
    bare.get('/', async () => ({ index: true }));
    const res = await bare.inject({ method: 'GET', url: '/', headers: { accept: BROWSER_ACCEPT } });
    expect(res.json()).toEqual({ index: true });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).msg).toBe(
      `the web console is not built (no ${join(dir, 'dist', 'main.js')}): run "npm run build"`,
    );
    await bare.close();
  });
});
