import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { generatePassword, requireBasicAuth } from '../auth/basic-auth';
import { HttpError, routeNotFound, serviceUnavailable } from '../http-error';

/** Where the board lives; buildApp registers this plugin under it as the Fastify prefix. */
export const BOARD_PATH = '/admin/queues';

export interface BoardPluginOptions {
  user: string;
  /** Undefined: a random one is made now and logged once, so the board is never open. */
  password: string | undefined;
  /** Every action refused (403), and the page offers none. */
  readOnly: boolean;
}

/** What a read-only board answers to any request that could change a queue or a job. */
const BOARD_READ_ONLY = new HttpError(
  403,
  'Bull Board is read-only; set BULL_BOARD_READ_ONLY=false to allow actions on the queues',
);

/**
 * Bull Board over both report queues, behind HTTP basic auth. Registered with a prefix, this
 * plugin is its own context: the auth hook covers every route inside it, the board's page, its
 * API and its static files alike, and nothing outside it.
 */
export const boardPlugin: FastifyPluginAsync<BoardPluginOptions> = async (board, opts) => {
  let password = opts.password;
  if (password === undefined) {
    password = generatePassword();
    board.log.warn(
      `Bull Board at ${board.prefix}: BULL_BOARD_PASSWORD is not set; for this run log in as "${opts.user}" ` +
        `with password ${password}`,
    );
  }
  board.addHook('onRequest', requireBasicAuth({ user: opts.user, password }, 'Bull Board'));
  // Once the body is read, so an oversized one still gets the board's 413 like any other route's.
  if (opts.readOnly) board.addHook('preHandler', refuseActions);
  board.addHook('onRequest', failFastWithoutRedis(`${board.prefix}/api/`));
  // Unknown paths under the board answer 404 only past the credentials check, like the rest.
  board.setNotFoundHandler((request, reply) => reply.code(404).send(routeNotFound(request.method, request.url)));

  const server = new FastifyAdapter();
  // The page's <base href> and its asset links come from the base path, so it must be the
  // prefix the routes are really under.
  server.setBasePath(board.prefix);
  // readOnlyMode hides the buttons and makes the board's own handlers refuse too; the hook above
  // also covers the actions it does not check (pause all, resume all).
  const adapterOptions = { readOnlyMode: opts.readOnly };
  const queues = [board.queues.reports, board.queues.chunks, board.queues.callbacks].map(
    (queue) => new BullMQAdapter(queue, adapterOptions),
  );
  createBullBoard({ queues, serverAdapter: server });
  await board.register(server.registerPlugin());
};

/** Every board action is a PUT, POST, PATCH or DELETE; reading is GET (and HEAD). */
async function refuseActions(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  await reply.code(BOARD_READ_ONLY.statusCode).send(BOARD_READ_ONLY.body);
}

/** The board's API calls would wait for Redis to come back; answer 503 at once instead. */
function failFastWithoutRedis(apiPrefix: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!request.routeOptions.url?.startsWith(apiPrefix) || request.server.redisReady()) return;
    await reply.code(503).send(serviceUnavailable('Redis').body);
  };
}
