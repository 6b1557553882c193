import { errorResponses } from './error';

export const healthzSchema = {
  summary: 'Liveness: the process answers (no dependency is checked)',
  tags: ['health'],
  response: {
    200: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  },
} as const;

const dependency = { type: 'string', enum: ['up', 'down'] } as const;
const readiness = {
  type: 'object',
  required: ['status', 'postgres', 'redis'],
  properties: { status: { type: 'string', enum: ['ready', 'not ready'] }, postgres: dependency, redis: dependency },
} as const;

export const readyzSchema = {
  summary: 'Readiness: PostgreSQL answers SELECT 1 and Redis answers PING, each within a short timeout',
  tags: ['health'],
  response: { 200: readiness, 503: readiness, ...errorResponses(500) },
} as const;
