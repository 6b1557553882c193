import { errorResponses } from './error';

export const healthzSchema = {
  summary: 'Liveness: the process answers (no dependency is checked)',
  tags: ['health'],
  response: {
    200: {
      description: 'The process is alive.',
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['ok'] } },
      examples: [{ status: 'ok' }],
    },
  },
} as const;

const dependency = { type: 'string', enum: ['up', 'down'] } as const;
/** Redis may answer yet refuse writes (at maxmemory with noeviction, a read-only replica). */
const redisState = { type: 'string', enum: ['up', 'down', 'refuses writes'] } as const;
const readiness = {
  type: 'object',
  required: ['status', 'postgres', 'redis'],
  properties: { status: { type: 'string', enum: ['ready', 'not ready'] }, postgres: dependency, redis: redisState },
} as const;

export const readyzSchema = {
  summary:
    'Readiness: PostgreSQL answers SELECT 1 and Redis takes a small write (a key that expires at once), each ' +
    'within a short timeout',
  tags: ['health'],
  response: {
    200: { ...readiness, description: 'Both answer.', examples: [{ status: 'ready', postgres: 'up', redis: 'up' }] },
    503: {
      ...readiness,
      description:
        'One of them does not: named as down, or Redis as refusing writes (full at its maxmemory, a read-only ' +
        'replica).',
      examples: [
        { status: 'not ready', postgres: 'up', redis: 'down' },
        { status: 'not ready', postgres: 'up', redis: 'refuses writes' },
      ],
    },
    ...errorResponses(500),
  },
} as const;
