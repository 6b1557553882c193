import { resolved } from './support/compose-env';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { migrateDatabase } from '@store-monitor/db';
import { testDatabaseUrl } from '@store-monitor/test-support';
import { ENVIRONMENT_VARIABLES as API_VARIABLES, loadConfig as loadApiConfig } from '../../api/src/config';
import { SHUTDOWN_TIMEOUT_MS } from '../../api/src/shutdown';
import { ENVIRONMENT_VARIABLES as WORKER_VARIABLES, loadConfig as readWorkerConfig } from '../../worker/src/config';
import { HAND_BACK_TIMEOUT_MS } from '../../worker/src/shutdown';
import { FILE_NAMES } from '../src/report-inputs';
import { runCli } from './run-cli';

/**
 * No Docker engine runs here, so the compose file is checked as data: its services, how they
 * depend on each other, and that every variable it gives the apps is one they read and accept.
 */
const REPO = resolve(__dirname, '../../..');

/** The worker's settings from `env`; any problem fails the test, as it would stop the worker. */
function loadWorkerConfig(env: Record<string, string>) {
  const result = readWorkerConfig(env);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

interface Service {
  build?: { context: string; target: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test: string[] };
  entrypoint?: string[];
  container_name?: string;
  profiles?: string[];
  stop_grace_period?: string;
}

const compose = parse(readFileSync(resolve(REPO, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const { services } = compose;
const dockerfile = readFileSync(resolve(REPO, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(resolve(REPO, '.dockerignore'), 'utf8');

/** The Dockerfile's stage `name`, from its FROM line to the next one. */
function stage(name: string): string {
  const found = dockerfile.split(/^FROM /m).find((s) => new RegExp(` AS ${name}\\n`).test(s));
  if (found === undefined) throw new Error(`the Dockerfile has no stage ${name}`);
  return `FROM ${found}`;
}

/** Whether .dockerignore leaves `path` (relative to the repository) out of the build context. */
function ignored(path: string): boolean {
  const patterns = dockerignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return patterns.some((pattern) => {
    const glob = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .split('**/')
      .map((part) => part.replace(/\*/g, '[^/]*'))
      .join('(.*/)?');
    // A pattern naming a folder leaves out everything in it.
    return new RegExp(`^${glob}(/.*)?$`).test(path);
  });
}

/**
 * A compose value as the container sees it when the user's shell sets `shell` (by default
 * nothing): `${X:-d}` is X unless X is unset or empty, then d; `${X-d}` is X unless X is unset.
 */
describe('docker-compose.yml', () => {
  it('has PostgreSQL, Redis, a one-off migration, the API, the worker, the on-demand seed and MinIO', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'migrate',
      'minio',
      'minio-bucket',
      'postgres',
      'redis',
      'seed',
      'worker',
    ]);
    expect(services.postgres.image).toMatch(/^postgres:\d+/);
    expect(services.redis.image).toMatch(/^redis:\d+/);
  });

  it('keeps Redis jobs across restarts and never evicts them', () => {
    expect(services.redis.command).toEqual(
      expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']),
    );
    expect(services.redis.volumes).toEqual(['redis-data:/data']);
  });

  it('builds each app from a stage of the Dockerfile that runs it', () => {
    for (const [name, entry] of [
      ['api', 'apps/api/dist/main.js'],
      ['worker', 'apps/worker/dist/main.js'],
      ['migrate', 'apps/cli/dist/db-migrate.js'],
    ]) {
      expect(services[name].build).toEqual({ context: '.', target: name });
      expect(stage(name)).toContain(`CMD ["node", "${entry}"]`);
    }
  });

  it('starts the apps after the migration has finished, Redis is healthy, and the bucket is made (profile s3)', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
        'minio-bucket': { condition: 'service_completed_successfully', required: false },
      });
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

  it("serves each worker's metrics on every container address, where Prometheus can reach them", () => {
    const worker = loadWorkerConfig(resolved(services.worker.environment!));
    expect(worker).toMatchObject({ metrics: { port: 9464, host: '0.0.0.0', token: undefined } });
  });

  it('points every app at the compose services, not at localhost', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const env = resolved(services[name].environment!);
      expect(new URL(env.DATABASE_URL).hostname).toBe('postgres');
      if (name !== 'migrate') expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    }
  });
});

describe('the s3 profile (reports in MinIO)', () => {
  const header = readFileSync(resolve(REPO, 'docker-compose.yml'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('#'));
  const s3 = { REPORT_STORE: 's3' };

  it('runs MinIO and a one-off that makes the bucket, only when the profile is asked for', () => {
    expect([services.minio.profiles, services['minio-bucket'].profiles]).toEqual([['s3'], ['s3']]);
    expect(services.minio.image).toMatch(/^minio\/minio:RELEASE\./);
    expect(services['minio-bucket'].image).toMatch(/^minio\/mc:RELEASE\./);
    expect(services.minio.healthcheck?.test).toEqual(['CMD', 'mc', 'ready', 'local']);
    expect(services.minio.volumes).toEqual(['minio-data:/data']);
    expect(services['minio-bucket'].depends_on).toEqual({ minio: { condition: 'service_healthy' } });
    expect(services['minio-bucket'].entrypoint).toEqual(['sh', '-c', 'mc mb --ignore-existing minio/$$S3_BUCKET']);
  });

  it('says in its header how to switch the API and the workers to it', () => {
    expect(header).toContain('#   REPORT_STORE=s3 docker compose --profile s3 up --build');
  });

  it('keeps the reports volume unless REPORT_STORE=s3, which every app then accepts', () => {
    for (const name of ['api', 'worker']) {
      expect(resolved(services[name].environment!).REPORT_STORE).toBe('folder');
    }
    const api = loadApiConfig(resolved(services.api.environment!, s3));
    const worker = loadWorkerConfig(resolved(services.worker.environment!, s3));
    const store = { kind: 's3', bucket: 'store-monitor-reports', prefix: '', endpoint: 'http://minio:9000' };
    expect(api).toMatchObject({ ok: true, config: { reportStore: store } });
    expect(worker).toMatchObject({ reportStore: store });
  });

  it("points the apps at MinIO's bucket with MinIO's own login, whatever the shell sets", () => {
    const shell = {
      ...s3,
      S3_BUCKET: 'team-reports',
      AWS_ACCESS_KEY_ID: 'ops',
      AWS_SECRET_ACCESS_KEY: 'long-secret-1',
    };
    const minio = resolved(services.minio.environment!, shell);
    const bucketJob = resolved(services['minio-bucket'].environment!, shell);
    for (const name of ['api', 'worker']) {
      const env = resolved(services[name].environment!, shell);
      expect([env.S3_BUCKET, env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY]).toEqual([
        bucketJob.S3_BUCKET,
        minio.MINIO_ROOT_USER,
        minio.MINIO_ROOT_PASSWORD,
      ]);
      const alias = new URL(bucketJob.MC_HOST_minio);
      expect([alias.username, alias.password]).toEqual([minio.MINIO_ROOT_USER, minio.MINIO_ROOT_PASSWORD]);
      expect(alias.origin).toBe(env.S3_ENDPOINT);
    }
  });

  it('lets an empty S3_ENDPOINT mean AWS S3 itself', () => {
    const env = resolved(services.worker.environment!, { ...s3, S3_ENDPOINT: '' });
    expect(loadWorkerConfig(env).reportStore).toEqual({
      kind: 's3',
      bucket: 'store-monitor-reports',
      prefix: '',
      region: 'us-east-1',
    });
  });
});

describe('the Dockerfile', () => {
  it("installs without the root's prepare script, which builds from sources not yet copied", () => {
    const scripts = (
      JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.prepare).toBeDefined();
    const installs = dockerfile.split('\n').filter((line) => /\bnpm (ci|install)\b/.test(line));
    expect(installs).toHaveLength(2);
    for (const line of installs) expect([line, line.includes('--ignore-scripts')]).toEqual([line, true]);
  });

  it("copies every workspace's package.json before the first install (npm ci needs them all)", () => {
    const { workspaces } = JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')) as { workspaces: string[] };
    const beforeInstall = stage('build').split(/\bnpm ci\b/)[0];
    for (const workspace of workspaces) {
      const copy = `COPY ${workspace}/package.json ${workspace}/`;
      expect([workspace, beforeInstall.includes(copy)]).toEqual([workspace, true]);
    }
  });
});

describe('data under Docker', () => {
  it('carries the sample data into the images, and keeps .env (secrets) out of the build context', () => {
    for (const name of Object.values(FILE_NAMES)) {
      expect([name, existsSync(resolve(REPO, 'data', name)), ignored(`data/${name}`)]).toEqual([name, true, false]);
    }
    expect(stage('build')).toContain('COPY . .');
    expect(stage('runtime')).toMatch(/WORKDIR \/app\n[\s\S]*COPY --from=build \/app\/data data\n/);
    for (const name of ['api', 'worker', 'cli']) expect(stage(name)).toMatch(/^FROM runtime AS /);
    expect([
      ignored('.env'),
      ignored('.env.production'),
      ignored('apps/api/node_modules/x'),
      ignored('apps/api/src/main.ts'),
    ]).toEqual([true, true, true, false]);
  });

  it('has a seed service, run only on demand, that loads data once the migration is done', () => {
    const seed = services.seed;
    expect(seed.build).toEqual({ context: '.', target: 'cli' });
    expect(seed.profiles).toEqual(['seed']);
    expect(seed.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    expect(new URL(resolved(seed.environment!).DATABASE_URL).hostname).toBe('postgres');
    expect(seed.ports).toBeUndefined();
    expect(stage('cli')).toContain(
      'ENTRYPOINT ["node", "apps/cli/dist/main.js"]\nCMD ["ingest", "--data", "/app/data"]',
    );
  });

  it("the seed's default command loads the sample data (run here with /app as the repository)", async () => {
    const database = testDatabaseUrl();
    try {
      await migrateDatabase(database.url);
      const command = JSON.parse(/^CMD (.*)$/m.exec(stage('cli'))![1]) as string[];
      const result = runCli(
        command.map((arg) => arg.replace(/^\/app\//, `${REPO}/`)),
        { DATABASE_URL: database.url },
      );
      expect(result.status).toBe(0);
      for (const [kind, name] of [
        ['time zones', FILE_NAMES.timeZones],
        ['hours', FILE_NAMES.hours],
        ['polls', FILE_NAMES.polls],
      ]) {
        expect(result.stderr).toMatch(new RegExp(`^${kind} ${REPO}/data/${name}: read \\d+, inserted [1-9]`, 'm'));
      }
    } finally {
      await database.drop();
    }
  }, 120_000);

  it("makes the API image listen on every interface, which the API's own default does not", () => {
    expect(stage('api')).toContain('ENV HOST=0.0.0.0\n');
    expect(loadApiConfig({})).toMatchObject({ ok: true, config: { host: '127.0.0.1' } });
    expect(loadApiConfig({ HOST: '0.0.0.0' })).toMatchObject({ ok: true, config: { host: '0.0.0.0' } });
    expect(resolved(services.api.environment!).HOST).toBe('0.0.0.0');
  });

  it("gives each app's own shutdown time to finish before Docker kills it", () => {
    const graceMs = (service: Service) => Number(/^(\d+)s$/.exec(service.stop_grace_period ?? '10s')![1]) * 1000;
    expect(graceMs(services.api)).toBeGreaterThan(SHUTDOWN_TIMEOUT_MS);
    const worker = loadWorkerConfig(resolved(services.worker.environment!));
    expect(graceMs(services.worker)).toBeGreaterThan(worker.drainMs + HAND_BACK_TIMEOUT_MS);
  });
});
