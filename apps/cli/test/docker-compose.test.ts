import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES as API_VARIABLES, loadConfig as loadApiConfig } from '../../api/src/config';
import { ENVIRONMENT_VARIABLES as WORKER_VARIABLES, loadConfig as loadWorkerConfig } from '../../worker/src/config';

/**
 * No Docker engine runs here, so the compose file is checked as data: its services, how they
 * depend on each other, and that every variable it gives the apps is one they read and accept.
 */
const REPO = resolve(__dirname, '../../..');

interface Service {
  build?: { context: string; target: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  container_name?: string;
}

const compose = parse(readFileSync(resolve(REPO, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const { services } = compose;
const dockerfile = readFileSync(resolve(REPO, 'Dockerfile'), 'utf8');

/** A compose value as the container sees it when the user's shell sets nothing: `${X:-d}` is d. */
function resolved(environment: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, String(v).replace(/\$\{\w+:-([^}]*)\}/g, '$1')]));
}

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Redis, a one-off migration, the API and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    expect(services.postgres.image).toMatch(/^postgres:\d+/);
    expect(services.redis.image).toMatch(/^redis:\d+/);
  });

  it('keeps Redis jobs across restarts and never evicts them', () => {
    expect(services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
    expect(services.redis.volumes).toEqual(['redis-data:/data']);
  });

  it('builds each app from a stage of the Dockerfile that runs it', () => {
    for (const [name, entry] of [['api', 'apps/api/dist/main.js'], ['worker', 'apps/worker/dist/main.js'], ['migrate', 'packages/db/dist/migrate-main.js']]) {
      expect(services[name].build).toEqual({ context: '.', target: name });
      const stage = dockerfile.split(/^FROM /m).find((s) => new RegExp(` AS ${name}\\n`).test(s));
      expect(stage).toContain(`CMD ["node", "${entry}"]`);
    }
  });

  it('starts the apps after the migration has finished and Redis is healthy', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' }, redis: { condition: 'service_healthy' } });
    }
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('publishes the API on the port it listens on, and lets workers scale (no fixed name or port)', () => {
    const api = resolved(services.api.environment!);
    expect(services.api.ports).toEqual([`${api.PORT}:${api.PORT}`]);
    expect(services.worker.ports).toBeUndefined();
    expect(services.worker.container_name).toBeUndefined();
  });

  it('shares one reports volume between the API and the workers, at their REPORTS_DIR', () => {
    for (const name of ['api', 'worker']) {
      const env = resolved(services[name].environment!);
      expect(services[name].volumes).toEqual([`reports:${env.REPORTS_DIR}`]);
    }
  });

  it('gives each app only variables it reads, with values its configuration accepts', () => {
    const api = resolved(services.api.environment!);
    const worker = resolved(services.worker.environment!);
    expect(API_VARIABLES).toEqual(expect.arrayContaining(Object.keys(api)));
    expect(WORKER_VARIABLES).toEqual(expect.arrayContaining(Object.keys(worker)));
    const apiConfig = loadApiConfig(api);
    expect(apiConfig).toMatchObject({ ok: true, config: { port: 8080, host: '0.0.0.0', reportsDir: '/reports' } });
    expect(loadWorkerConfig(worker)).toMatchObject({ reportsDir: '/reports', chunkStores: 2000 });
  });

  it('points every app at the compose services, not at localhost', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const env = resolved(services[name].environment!);
      expect(new URL(env.DATABASE_URL).hostname).toBe('postgres');
      if (name !== 'migrate') expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    }
  });
});
