import { resolved } from './support/compose-env';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES as API_VARIABLES, loadConfig as loadApiConfig } from '../../api/src/config';
import { ENVIRONMENT_VARIABLES as WORKER_VARIABLES, loadConfig as loadWorkerConfig } from '../../worker/src/config';

/**
 * docker-compose.redis-cluster.yml, the Redis Cluster override of docker-compose.yml, checked as
 * data (no Docker engine runs here): the file as compose would merge it over the base one, its
 * nodes, the one-off service that joins them, and the apps' settings as their configuration reads them.
 */
const REPO = resolve(__dirname, '../../..');

interface Service {
  image?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const read = (name: string) =>
  parse(readFileSync(resolve(REPO, name), 'utf8'), { merge: true }) as ComposeFile & Record<string, unknown>;
const base = read('docker-compose.yml');
const override = read('docker-compose.redis-cluster.yml');

/** A service as `docker compose -f base -f override` makes it: maps merged key by key, the rest replaced. */
function merged(name: string): Service {
  const [under, over] = [base.services[name] ?? {}, override.services[name] ?? {}];
  return {
    ...under,
    ...over,
    environment: { ...under.environment, ...over.environment },
    depends_on: { ...under.depends_on, ...over.depends_on },
  };
}

/** `${X:-d}` as d, the value a container sees when the user's shell sets nothing. */
const NODES = ['redis', 'redis-2', 'redis-3'];

describe('docker-compose.redis-cluster.yml', () => {
  it('overrides Redis and the apps, and adds the two other nodes and the one-off that joins them', () => {
    expect(Object.keys(override.services).sort()).toEqual([
      'api',
      'redis',
      'redis-2',
      'redis-3',
      'redis-cluster',
      'worker',
    ]);
    expect(Object.keys(override.volumes ?? {}).sort()).toEqual(['redis-2-data', 'redis-3-data']);
    expect(Object.keys(base.volumes ?? {})).toContain('redis-data');
  });

  it('runs every node in cluster mode, keeping its jobs on its own volume and never evicting them', () => {
    const volumes = NODES.map((name) => merged(name).volumes);
    expect(volumes).toEqual([['redis-data:/data'], ['redis-2-data:/data'], ['redis-3-data:/data']]);
    for (const name of NODES) {
      const node = merged(name);
      expect([name, node.image, node.healthcheck?.test]).toEqual([name, 'redis:7', ['CMD', 'redis-cli', 'ping']]);
      const flags = ['--cluster-enabled', 'yes', '--cluster-config-file', '/data/nodes.conf'];
      expect(node.command).toEqual([
        'redis-server',
        ...flags,
        '--appendonly',
        'yes',
        '--maxmemory-policy',
        'noeviction',
      ]);
    }
  });

  it('joins the nodes once they are healthy, three masters and no replicas, and leaves an existing cluster be', () => {
    const join = merged('redis-cluster');
    expect(join.depends_on).toEqual(Object.fromEntries(NODES.map((name) => [name, { condition: 'service_healthy' }])));
    expect([join.image, join.entrypoint, join.restart]).toEqual(['redis:7', ['sh', '-c'], 'no']);
    const script = join.command![0];
    const create = script.split('\n').find((line) => line.startsWith('redis-cli --cluster create'));
    const addresses = NODES.map((name) => `"$$(address ${name}):6379"`).join(' ');
    expect(create).toBe(`redis-cli --cluster create ${addresses} --cluster-replicas 0 --cluster-yes`);
    expect(script).toMatch(/^if redis-cli -h redis cluster info \| grep -q cluster_state:ok; then$/m);
    expect(script).toMatch(/^until redis-cli -h redis cluster info \| grep -q cluster_state:ok; do sleep 1; done$/m);
  });

  it("writes the join script's every `$` as compose's `$$`, and the shell reads the result", () => {
    const script = merged('redis-cluster').command![0];
    // A lone `$` would be a compose variable, silently empty.
    expect(script.replace(/\$\$/g, '')).not.toContain('$');
    const check = spawnSync('sh', ['-n', '-c', script.replace(/\$\$/g, '$')], { encoding: 'utf8' });
    expect([check.status, check.stderr]).toEqual([0, '']);
  });

  it('starts the apps after the cluster is joined, on the nodes REDIS_CLUSTER_NODES names, with a braced prefix', () => {
    for (const name of ['api', 'worker']) {
      expect(merged(name).depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
        'redis-cluster': { condition: 'service_completed_successfully' },
        // The base file's wait for the s3 profile's bucket, which the override keeps.
        'minio-bucket': { condition: 'service_completed_successfully', required: false },
      });
    }
    const api = resolved(merged('api').environment);
    const worker = resolved(merged('worker').environment);
    expect(API_VARIABLES).toEqual(expect.arrayContaining(Object.keys(api)));
    expect(WORKER_VARIABLES).toEqual(expect.arrayContaining(Object.keys(worker)));
    const cluster = { kind: 'cluster', nodes: NODES.map((host) => ({ host, port: 6379 })) };
    for (const result of [loadApiConfig(api, false), loadWorkerConfig(worker, false)]) {
      expect(result).toMatchObject({ ok: true, config: { redisTopology: cluster, queuePrefix: '{store-monitor}' } });
    }
  });

  it('would be refused by both apps with a plain prefix, or with the base REDIS_URL left set', () => {
    const baseUrl = resolved(base.services.api.environment).REDIS_URL;
    for (const [name, load] of [
      ['api', loadApiConfig],
      ['worker', loadWorkerConfig],
    ] as const) {
      const env = resolved(merged(name).environment);
      expect(load({ ...env, QUEUE_PREFIX: 'store-monitor' }, false)).toMatchObject({
        ok: false,
        errors: [expect.stringMatching(/^QUEUE_PREFIX: must carry a hash tag .*\(CROSSSLOT\)/)],
      });
      expect(load({ ...env, REDIS_URL: baseUrl }, false)).toEqual({
        ok: false,
        errors: ['REDIS_URL: must be unset (or empty) when REDIS_CLUSTER_NODES is set: the servers are named there'],
      });
    }
  });
});
