import { z } from 'zod';

/**
 * Where the jobs' Redis is, beyond the one server REDIS_URL names: a Redis Cluster
 * (REDIS_CLUSTER_NODES) or a master watched by Sentinels (REDIS_SENTINELS + REDIS_SENTINEL_NAME).
 * Read with the shared variables; checkRedisSettings adds the rules that tie them together.
 */

export interface HostPort {
  host: string;
  port: number;
}

/** REDIS_USERNAME and REDIS_PASSWORD: what the cluster's nodes or the Sentinel-found master ask for. */
export interface RedisCredentials {
  username?: string;
  password?: string;
}

/** Undefined in ServiceConfig: the one server of REDIS_URL (whose URL carries its own credentials). */
export type RedisTopology = (
  | { kind: 'cluster'; nodes: HostPort[] }
  | { kind: 'sentinel'; sentinels: HostPort[]; masterName: string }
) &
  RedisCredentials;

/**
 * The default queue prefix on a cluster. Its braces are a hash tag: every key of every queue then
 * lives in one slot, as BullMQ's flows need (a report's merge job and its chunks are written by one
 * command across two queues, which a cluster refuses with CROSSSLOT unless they share a slot).
 */
export const CLUSTER_QUEUE_PREFIX = '{store-monitor}';

const HOST_PORT_FORMS = 'a comma list of host:port, such as redis-1:6379,redis-2:6379';

/** `host:port,host:port`: a host without spaces, `:` or `,`, or an IPv6 address in brackets, and a port. */
const hostPortList = z.string().transform((text, ctx): HostPort[] => {
  const parts = text.split(',').map((part) => part.trim());
  const nodes = parts.map(hostPort);
  if (parts.length > 0 && nodes.every((node) => node !== undefined)) return nodes as HostPort[];
  ctx.addIssue({ code: 'custom', message: `must be ${HOST_PORT_FORMS}` });
  return z.NEVER;
});

function hostPort(text: string): HostPort | undefined {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^\s:,[\]]+):(\d{1,5})$/.exec(text);
  if (!match) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}

// environment.ts's `optional`, repeated: that module reads this one, so this one cannot read it back.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

/** The variables, for each app's schema beside serviceVariables. Host lists echo nothing secret. */
export const redisVariables = {
  REDIS_CLUSTER_NODES: optional(hostPortList),
  REDIS_SENTINELS: optional(hostPortList),
  REDIS_SENTINEL_NAME: optional(
    z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'may hold only letters, digits and _ . -' }),
  ),
  REDIS_USERNAME: optional(z.string().regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' })),
  // Never echoed: the message says what is wrong, not what was given.
  REDIS_PASSWORD: optional(z.string()),
};

type RedisVariables = z.infer<z.ZodObject<typeof redisVariables>> & { REDIS_URL?: string; QUEUE_PREFIX?: string };

/**
 * Whether `prefix` carries a Redis hash tag, by Redis's own rule: the text between the first `{`
 * and the first `}` after it, if not empty, is what a key is hashed by.
 */
export function hasHashTag(prefix: string): boolean {
  const open = prefix.indexOf('{');
  if (open < 0) return false;
  const close = prefix.indexOf('}', open + 1);
  return close > open + 1;
}

/**
 * The rules between the variables, each broken one a line naming its variable (for superRefine on
 * an app's schema). A plain QUEUE_PREFIX on a cluster is refused rather than wrapped in braces:
 * wrapping would silently move the queues to keys other than the ones the operator named (and that
 * a board or a script elsewhere reads), and the fix is one character pair in one variable.
 */
export function checkRedisSettings(env: RedisVariables, ctx: z.RefinementCtx): void {
  const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
  const cluster = env.REDIS_CLUSTER_NODES !== undefined;
  const sentinel = env.REDIS_SENTINELS !== undefined;
  if (cluster && sentinel) problem('REDIS_SENTINELS', 'cannot be used with REDIS_CLUSTER_NODES: set one of them');
  const named = cluster ? 'REDIS_CLUSTER_NODES' : sentinel ? 'REDIS_SENTINELS' : undefined;
  if (named !== undefined && env.REDIS_URL !== undefined) {
    problem('REDIS_URL', `must be unset (or empty) when ${named} is set: the servers are named there`);
  }
  if (sentinel && env.REDIS_SENTINEL_NAME === undefined) {
    problem(
      'REDIS_SENTINEL_NAME',
      'is required when REDIS_SENTINELS is set: the name the Sentinels know the master by',
    );
  }
  if (!sentinel && env.REDIS_SENTINEL_NAME !== undefined) {
    problem('REDIS_SENTINEL_NAME', 'is used only with REDIS_SENTINELS, which is not set');
  }
  const credentials = ['REDIS_USERNAME', 'REDIS_PASSWORD'] as const;
  for (const variable of credentials.filter((name) => env[name] !== undefined && named === undefined)) {
    problem(
      variable,
      'is used only with REDIS_CLUSTER_NODES or REDIS_SENTINELS; REDIS_URL carries its own (redis://user:password@host)',
    );
  }
  if (env.REDIS_USERNAME !== undefined && env.REDIS_PASSWORD === undefined) {
    problem('REDIS_PASSWORD', 'is required when REDIS_USERNAME is set');
  }
  if (cluster && env.QUEUE_PREFIX !== undefined && !hasHashTag(env.QUEUE_PREFIX)) {
    problem(
      'QUEUE_PREFIX',
      `must carry a hash tag such as ${CLUSTER_QUEUE_PREFIX} when REDIS_CLUSTER_NODES is set: a report's ` +
        'flow writes to two queues in one command, which a cluster refuses (CROSSSLOT) unless their keys share one {tag}',
    );
  }
}

/** The topology the variables name (undefined: REDIS_URL's one server), once they passed the checks. */
export function redisTopologyOf(env: RedisVariables): RedisTopology | undefined {
  const credentials: RedisCredentials = {
    ...(env.REDIS_USERNAME !== undefined && { username: env.REDIS_USERNAME }),
    ...(env.REDIS_PASSWORD !== undefined && { password: env.REDIS_PASSWORD }),
  };
  if (env.REDIS_CLUSTER_NODES !== undefined) return { kind: 'cluster', nodes: env.REDIS_CLUSTER_NODES, ...credentials };
  if (env.REDIS_SENTINELS !== undefined && env.REDIS_SENTINEL_NAME !== undefined) {
    const { REDIS_SENTINELS: sentinels, REDIS_SENTINEL_NAME: masterName } = env;
    return { kind: 'sentinel', sentinels, masterName, ...credentials };
  }
  return undefined;
}

/** How a topology is logged at start: the servers' addresses, never the credentials. */
export function describeRedisTopology(topology: RedisTopology): string {
  const list = (nodes: HostPort[]) => nodes.map(({ host, port }) => `${host}:${port}`).join(',');
  return topology.kind === 'cluster'
    ? `cluster ${list(topology.nodes)}`
    : `sentinel ${topology.masterName} via ${list(topology.sentinels)}`;
}
