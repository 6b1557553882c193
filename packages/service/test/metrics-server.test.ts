import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { bearerTokenMatches, createLogger, serveMetrics, type MetricsServer } from '../src';

const TOKEN = 'scrape-token-0123456789';
const log = createLogger({ level: 'silent', format: 'json' });

function registryCounting(times: number): Registry {
  const registry = new Registry();
  const scrapes = new Counter({ name: 'test_things_total', help: 'Things', registers: [registry] });
  scrapes.inc(times);
  return registry;
}

const servers: MetricsServer[] = [];
async function serve(registry: Registry, token?: string): Promise<MetricsServer> {
  const server = await serveMetrics(registry, { host: '127.0.0.1', port: 0, token, log });
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const url = (server: MetricsServer, path = '/metrics') => `http://127.0.0.1:${server.port}${path}`;

describe('the metrics server', () => {
  it('serves the registry at GET /metrics in the Prometheus text format, over real HTTP', async () => {
    const server = await serve(registryCounting(3));
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(url(server));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await res.text()).toBe(
      '# HELP test_things_total Things\n# TYPE test_things_total counter\ntest_things_total 3\n',
    );
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    const server = await serve(registryCounting(1));
    const elsewhere = await fetch(url(server, '/'));
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.text()).toBe('nothing here: the metrics are at /metrics\n');
    const post = await fetch(url(server), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('needs the token when it has one', async () => {
    const server = await serve(registryCounting(1), TOKEN);
    const none = await fetch(url(server));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="store-monitor metrics"');
    expect(await none.text()).toBe('the metrics need METRICS_TOKEN as "Authorization: Bearer <token>"\n');
    const wrong = await fetch(url(server), { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const right = await fetch(url(server), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('test_things_total 1\n');
  });

  it('refuses to start on a port that is taken', async () => {
    const taken = await listening(createServer());
    const { port } = taken.address() as AddressInfo;
    try {
      await expect(serveMetrics(new Registry(), { host: '127.0.0.1', port, log })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe('bearerTokenMatches', () => {
  it.each<[string | undefined, boolean]>([
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true],
    [`Bearer  ${TOKEN} `, true],
    [`Bearer ${TOKEN.slice(0, -1)}`, false],
    [TOKEN, false],
    [`Basic ${TOKEN}`, false],
    ['Bearer ', false],
    [undefined, false],
  ])('%j: %s', (header, expected) => {
    expect(bearerTokenMatches(header, TOKEN)).toBe(expected);
  });
});

function listening(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
