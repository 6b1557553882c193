import type { FastifyInstance } from 'fastify';
import type { Config } from '../src/config';
import { prettyLine } from '@store-monitor/service';
import { basicAuth, BOARD_PASSWORD, BOARD_USER, useTestEnvironment } from './support/test-env';

const env = useTestEnvironment();

/** An app whose log lines are kept, one string per line (without its line end). */
async function loggingApp(overrides: Partial<Config>): Promise<{ app: FastifyInstance; lines: string[] }> {
  const lines: string[] = [];
  const app = await env.app(
    { logLevel: 'info', ...overrides },
    { logStream: { write: (text: string) => void lines.push(...text.split('\n').filter(Boolean)) } },
  );
  return { app, lines };
}

const TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
const MS = '\\d+(\\.\\d)?';
const BOARD = { authorization: basicAuth(BOARD_USER, BOARD_PASSWORD) };

describe('request log lines', () => {
  it('JSON: one line per request with method, URL, status and milliseconds', async () => {
    const { app, lines } = await loggingApp({ logFormat: 'json' });
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/healthz' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\{"level":30,"time":\\d+,"pid":\\d+,"hostname":"[^"]+","reqId":"req-1","method":"GET","url":"/healthz","status":200,"ms":${MS},"msg":"request"\\}$`,
      ),
    );
  });

  it("pretty: one line like the workers' (<time> <event> key=value ...), warnings marked", async () => {
    const { app, lines } = await loggingApp({ logFormat: 'pretty' });
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${TIME} WARN API_KEY is not set: the report and data-loading endpoints are open to anyone who can reach this port$`,
        ),
      ),
    ]);
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'POST', url: '/trigger_report', payload: { policy: 'x' } });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${TIME} request method=GET url=/healthz status=200 ms=${MS}$`));
    expect(lines[1]).toMatch(new RegExp(`^${TIME} request method=POST url=/trigger_report status=400 ms=${MS}$`));
  });

  it('replaces the values of secret-looking query parameters, keeping the others', async () => {
    const { app, lines } = await loggingApp({ logFormat: 'pretty' });
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/reports?api_key=hunter2hunter2&limit=1&token=t0k&offset=0' });
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${TIME} request method=GET url="/reports\\?api_key=\\[redacted\\]&limit=1&token=\\[redacted\\]&offset=0" status=200 ms=${MS}$`,
        ),
      ),
    ]);
    expect(lines.join('')).not.toContain('hunter2');
  });

  it("logs the board's own polling (its API and assets) at debug, not info; its page at info", async () => {
    const quiet = await loggingApp({ logFormat: 'pretty' });
    quiet.lines.length = 0;
    expect(
      (
        await quiet.app.inject({
          method: 'GET',
          url: '/admin/queues/api/queues?activeQueue=reports&status=latest&page=1',
          headers: BOARD,
        })
      ).statusCode,
    ).toBe(200);
    expect(quiet.lines).toEqual([]);
    await quiet.app.inject({ method: 'GET', url: '/admin/queues', headers: BOARD });
    expect(quiet.lines).toEqual([
      expect.stringMatching(new RegExp(`^${TIME} request method=GET url=/admin/queues status=200 ms=${MS}$`)),
    ]);

    const verbose = await loggingApp({ logFormat: 'pretty', logLevel: 'debug' });
    verbose.lines.length = 0;
    await verbose.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: BOARD });
    expect(verbose.lines).toEqual([
      expect.stringMatching(
        new RegExp(`^${TIME} DEBUG request method=GET url=/admin/queues/api/queues status=200 ms=${MS}$`),
      ),
    ]);
  });
});

describe('prettyLine', () => {
  it('shows an error by its message on the same line, quotes what has spaces, and passes non-JSON through', () => {
    const line = JSON.stringify({
      level: 50,
      time: Date.UTC(2024, 0, 10, 12),
      pid: 1,
      hostname: 'h',
      reqId: 'req-7',
      err: { type: 'Error', message: 'EISDIR: illegal\noperation', stack: 'Error: ...' },
      reportId: 'abc',
      msg: 'unexpected error',
    });
    expect(prettyLine(line)).toBe(
      '2024-01-10T12:00:00.000Z ERROR unexpected error err="EISDIR: illegal operation" reportId=abc',
    );
    expect(prettyLine('not json\n')).toBe('not json');
  });
});
