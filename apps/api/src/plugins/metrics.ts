import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { IngestSummary } from '@store-monitor/ingest';
import {
  bearerTokenMatches,
  METRIC_PREFIX,
  METRICS_CHALLENGE,
  METRICS_PATH,
  newMetricsRegistry,
  watchQueueDepths,
} from '@store-monitor/service';
import { globalPlugin } from './global-plugin';

export interface MetricsPluginOptions {
  /** METRICS_TOKEN: when set, GET /metrics needs it as a bearer token; undefined: open. */
  token: string | undefined;
}

/** What the routes record into the API's metrics. */
export interface ApiMetrics {
  registry: Registry;
  /** The rows of one upload that loaded, by kind (`polls`, `business_hours`...). */
  countIngest(kind: string, summary: IngestSummary): void;
}

/** The route label of a request no route matched (a 404): one value, whatever the URL was. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Seconds; uploads of tens of megabytes take minutes, the other routes milliseconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * The API's Prometheus metrics, in a registry of its own (never prom-client's global one), served
 * at GET /metrics: every request's duration by route pattern, the rows uploads load, and the queue
 * depths read from Redis at scrape time. Registered before any route, so its hook times them all.
 * /metrics is outside the API key's scope: see docs/operations.md for why, and METRICS_TOKEN.
 */
export const metricsPlugin = globalPlugin<MetricsPluginOptions>('metrics', async (app, opts) => {
  const registry = newMetricsRegistry();
  const registers = [registry];
  const requests = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'Time to answer each HTTP request, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: HTTP_BUCKETS,
    registers,
  });
  const ingestRows = new Counter({
    name: `${METRIC_PREFIX}ingest_rows_total`,
    help: 'Rows of uploads that loaded, by kind: accepted (inserted, updated or already there) or rejected',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  // The queues are opened by the queue plugin, registered after this one: looked up at each scrape.
  watchQueueDepths(registry, () =>
    app.hasDecorator('queues') ? [app.queues.reports, app.queues.chunks, app.queues.callbacks] : [],
  );

  const metrics: ApiMetrics = {
    registry,
    countIngest(kind, { read, rejected }) {
      ingestRows.inc({ kind, outcome: 'accepted' }, read - rejected);
      ingestRows.inc({ kind, outcome: 'rejected' }, rejected);
    },
  };
  app.decorate('metrics', metrics);

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    // The pattern (`/reports/:id`), never the URL: a label value per report id would grow without end.
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    requests.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // Hidden from the OpenAPI document and the index: it is for Prometheus, not for API clients.
  app.get(METRICS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (opts.token !== undefined && !bearerTokenMatches(request.headers.authorization, opts.token)) {
      return reply
        .code(401)
        .header('www-authenticate', METRICS_CHALLENGE)
        .send({ error: 'Unauthorized', message: 'the metrics need METRICS_TOKEN as "Authorization: Bearer <token>"' });
    }
    const text = await registry.metrics();
    return reply.type(registry.contentType).header('cache-control', 'no-store').send(text);
  });
});
