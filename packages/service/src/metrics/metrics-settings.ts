import { z } from 'zod';
import { integer, optional } from '../environment';

/**
 * The metrics settings, validated at start like every other: METRICS_TOKEN (the API and the
 * worker), METRICS_PORT and METRICS_HOST (the worker's metrics server).
 */

/** As for API_KEY: a shorter token is too easy to guess. */
const MIN_METRICS_TOKEN_LENGTH = 16;

export const METRICS_DEFAULTS = {
  // This machine only, like the API's HOST: a container sets 0.0.0.0 for Prometheus to reach it.
  host: '127.0.0.1',
};

// Never echoed: the message says what is wrong, not what was given.
const METRICS_TOKEN = optional(
  z.string().refine((token) => token.length >= MIN_METRICS_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(token), {
    error: `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters, printable ASCII without spaces`,
  }),
);

/** What the API reads: its /metrics is served on its own port. */
export const apiMetricsVariables = { METRICS_TOKEN };

/** What the worker reads: it serves /metrics only when METRICS_PORT is set (0: any free port). */
export const workerMetricsVariables = {
  METRICS_PORT: optional(integer(0, 65535)),
  METRICS_HOST: optional(z.string().min(1)),
  METRICS_TOKEN,
};

/** The worker's metrics server. */
export interface MetricsServerSettings {
  /** METRICS_PORT; undefined: no server. */
  port?: number;
  host: string;
  /** METRICS_TOKEN: when set, /metrics needs `Authorization: Bearer <token>`; undefined: open. */
  token?: string;
}

export function metricsServerSettings(env: {
  METRICS_PORT?: number;
  METRICS_HOST?: string;
  METRICS_TOKEN?: string;
}): MetricsServerSettings {
  return { port: env.METRICS_PORT, host: env.METRICS_HOST ?? METRICS_DEFAULTS.host, token: env.METRICS_TOKEN };
}
