import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Database } from '@store-monitor/db';
import type { RedisClient } from '@store-monitor/jobs';
import { createLogger, METRICS_PATH, openReportStore, type LogStream } from '@store-monitor/service';
import { DEFAULTS, type Config } from './config';
import { BOARD_PATH, boardPlugin } from './plugins/board';
import { bodyTypesPlugin } from './plugins/body-types';
import { CONSOLE_PREFIX, consolePlugin } from './plugins/console';
import { errorsPlugin } from './plugins/errors';
import { databasePlugin } from './plugins/database';
import { metricsPlugin } from './plugins/metrics';
import { queuePlugin } from './plugins/queue';
import { rateLimitPlugin } from './plugins/rate-limit';
import { requestLogPlugin } from './plugins/request-log';
import { swaggerPlugin } from './plugins/swagger';
import { apiIndexRoutes } from './routes/api-index';
import { healthRoutes } from './routes/health';
import { protectedRoutes } from './routes/protected-routes';
import { formatSchemaErrors, HttpError, INVALID_REPORT_ID } from './http-error';
import { cutIdleBodies, requestTimeoutOptions } from './request-timeouts';
import { addSharedSchemas } from './schemas/error';
import './types';

/** JSON bodies other than POST /polls are a few fields: anything bigger is refused with 413. */
export const JSON_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * A too-long id must answer "Invalid report_id" (400) rather than the router's 404, so path
 * parameters may be as long as a request line can be.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

/** What a caller may bring instead of having the app make (and close) its own. */
export interface AppDeps {
  db?: Database;
  redis?: RedisClient;
  /** Where log lines go (default: standard output). */
  logStream?: LogStream;
}

/**
 * The whole API as a Fastify instance, not yet listening: main.ts listens on it, tests call
 * inject(). Closing it closes what it opened (the database, Redis, the queues).
 */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  // Typed as Fastify's own logger so that the app and its plugins keep Fastify's default types.
  const log: FastifyBaseLogger = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    stream: deps.logStream,
  });
  const app = Fastify({
    loggerInstance: log,
    // Not Fastify's two lines per request: requestLogPlugin writes one.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Unknown fields are refused (400 naming them) instead of silently dropped; verbose gives
    // the schema errors the value sent, which the messages quote. Union types (a weekday as an
    // integer or a string) leave a value of any listed type as sent, where anyOf would coerce it.
    // Scalars are still coerced (a number sent for a text field is read as its text), but not
    // Fastify's default 'array': it unwrapped a one-element array, so `{"max_gap":["2h"]}` passed
    // as "2h". No route takes a list in its query string, where 'array' would matter.
    ajv: { customOptions: { removeAdditional: false, verbose: true, allowUnionTypes: true, coerceTypes: true } },
    schemaErrorFormatter: formatSchemaErrors,
    frameworkErrors: answerFrameworkError,
    ...requestTimeoutOptions(config),
  });
  cutIdleBodies(app, config.bodyIdleTimeoutMs);
  app.decorate('config', config);
  const store = openReportStore(config);
  app.decorate('store', store);
  app.addHook('onClose', async () => store.close());
  addSharedSchemas(app);

  await app.register(requestLogPlugin, {
    quietPrefixes: [`${BOARD_PATH}/api/`, `${BOARD_PATH}/static/`, CONSOLE_PREFIX, METRICS_PATH],
  });
  // Before every route, so that its hook times them all.
  await app.register(metricsPlugin, { token: config.metricsToken });
  await app.register(errorsPlugin);
  await app.register(bodyTypesPlugin);
  closeConnectionsWhenClosing(app);
  await app.register(swaggerPlugin, { keyed: config.apiKey !== undefined });
  const uploadConcurrency = config.uploadConcurrency ?? DEFAULTS.uploadConcurrency;
  await app.register(databasePlugin, { databaseUrl: config.databaseUrl, uploadConcurrency, db: deps.db });
  const { redisUrl, redisTopology } = config;
  await app.register(queuePlugin, { redisUrl, redisTopology, prefix: config.queuePrefix, redis: deps.redis });
  // Before the routes: it limits those whose config asks (POST /trigger_report).
  if (config.triggerRateLimit) {
    await app.register(rateLimitPlugin, {
      limit: config.triggerRateLimit,
      redis: app.redis,
      prefix: config.queuePrefix,
    });
  }

  // Before the index: a browser asking for GET / gets the console's page (plugins/console.ts).
  await app.register(consolePlugin);
  await app.register(apiIndexRoutes);
  await app.register(healthRoutes);
  await app.register(protectedRoutes, { apiKey: config.apiKey });
  const { boardUser: user, boardPassword: password, boardReadOnly: readOnly } = config;
  await app.register(boardPlugin, { prefix: BOARD_PATH, user, password, readOnly });
  return app;
}

/**
 * Once the app is closing, every response still being sent says `Connection: close`. Otherwise a
 * client that kept its connection alive holds the server open after its request has finished,
 * until the keep-alive timeout runs out, and shutdown waits for nothing.
 */
function closeConnectionsWhenClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}

/**
 * The router's own refusals, in this API's error body and without echoing the URL (which may be
 * megabytes): a path segment longer than MAX_PARAM_LENGTH (414) and a path whose percent-encoding
 * is not UTF-8 (400; under /reports/ that is a malformed report id).
 */
function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const path = request.raw.url ?? '';
  let answer: HttpError;
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    answer = new HttpError(414, `a part of the URL path is longer than ${MAX_PARAM_LENGTH} characters`);
  } else if (error.code === 'FST_ERR_BAD_URL') {
    answer = path.startsWith('/reports/')
      ? new HttpError(400, 'the id must be a report id (a uuid)', INVALID_REPORT_ID)
      : new HttpError(400, 'the URL path is not valid percent-encoded UTF-8');
  } else {
    request.log.error({ err: error }, 'unexpected router error');
    answer = new HttpError(500, 'an unexpected error occurred; it has been logged');
  }
  void reply.code(answer.statusCode).send(answer.body);
}
