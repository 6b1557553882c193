import { createLogger, redactUrl } from '../src';

function capture(format: 'json' | 'pretty') {
  const lines: string[] = [];
  const log = createLogger({ level: 'info', format, stream: { write: (line) => lines.push(line) } });
  return { log, lines };
}

describe('the logger', () => {
  it('writes one line per event for people: time, level above info, message, fields in order', () => {
    const { log, lines } = capture('pretty');
    log.info({ report: 'r1', chunks: 3, seen: '3 4' }, 'chunks read again');
    log.error({ error: 'disk full' }, 'merge failed');
    log.debug({}, 'not shown at info');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z chunks read again report=r1 chunks=3 seen="3 4"\n$/,
    );
    expect(lines[1]).toMatch(/Z ERROR merge failed error="disk full"\n$/);
  });

  it('writes JSON for collectors, with credentials censored wherever they appear', () => {
    const { log, lines } = capture('json');
    log.info(
      { databaseUrl: 'postgresql://u:p@h/d', headers: { authorization: 'Bearer k' }, nested: { password: 'p' } },
      'started',
    );
    const entry = JSON.parse(lines[0]);
    expect([entry.msg, entry.databaseUrl, entry.headers.authorization, entry.nested.password]).toEqual([
      'started',
      '[redacted]',
      '[redacted]',
      '[redacted]',
    ]);
  });

  it('shows a URL without its password, and no text that is not a URL', () => {
    expect(redactUrl('redis://user:secret@cache:6379/0')).toBe('redis://user:***@cache:6379/0');
    expect(redactUrl('postgresql://postgres@db:5432/sm')).toBe('postgresql://postgres@db:5432/sm');
    expect(redactUrl('not a url secret')).toBe('[unparsable URL]');
  });
});
