import fc from 'fast-check';
import { useTestApp } from './support/test-env';

const { app } = useTestApp();

const KINDS = [
  {
    url: '/business_hours',
    key: 'business_hours',
    fields: ['store_id', 'day', 'dayOfWeek', 'start_time_local', 'end_time_local'],
    header: 'store_id,day,start_time_local,end_time_local',
  },
  { url: '/timezones', key: 'timezones', fields: ['store_id', 'timezone_str'], header: 'store_id,timezone_str' },
  {
    url: '/special_hours',
    key: 'special_hours',
    fields: ['store_id', 'date', 'start_time_local', 'end_time_local'],
    header: 'store_id,date,start_time_local,end_time_local',
  },
] as const;

function post(url: string, payload: string, contentType: string) {
  return app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
}

/** Values a field may plausibly hold, and many it may not. */
const fieldValue = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '1',
      '0',
      6,
      7,
      -1,
      1.5,
      '09:00',
      '24:00',
      '17:00:00',
      '2024-12-25',
      '2024-02-30',
      'America/Chicago',
      'Mars/Base',
      '',
      ' ',
      null,
      '\u0000',
      'x'.repeat(300),
    ),
    weight: 8,
  },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 3 },
  { arbitrary: fc.anything(), weight: 1 },
);

describe.each(KINDS)('POST $url: random bodies never get a 5xx', ({ url, key, fields, header }) => {
  it('random JSON rows: 200 with each reject naming its row as sent, or a 400 naming the field', async () => {
    const row = fc.dictionary(fc.constantFrom(...fields), fieldValue, { maxKeys: fields.length });
    // Mostly well-formed rows, so that most bodies get as far as the reader.
    const rows = fc.array(fc.oneof({ arbitrary: row, weight: 9 }, { arbitrary: fc.jsonValue(), weight: 1 }), {
      maxLength: 6,
    });
    const body = fc.oneof(
      { arbitrary: fc.record({ [key]: rows }), weight: 9 },
      { arbitrary: fc.jsonValue(), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const res = await post(url, JSON.stringify(value) ?? 'null', 'application/json');
        expect([res.statusCode, [200, 400].includes(res.statusCode)]).toEqual([res.statusCode, true]);
        if (res.statusCode === 400) {
          expect(res.json().message).toMatch(/^body|JSON|Body/);
          return;
        }
        const rows = (value as Record<string, unknown[]>)[key];
        for (const reject of res.json().rejects as Array<{ index: number; reason: string; raw: string }>) {
          expect(reject.reason.startsWith(`${key}[${reject.index}]: `)).toBe(true);
          expect(reject.raw).toBe(JSON.stringify(rows[reject.index]));
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('random CSV-ish text: 200 or a 400 about the body', async () => {
    const part = fc.oneof(
      fc.constantFrom(',', '"', '\n', '\r\n', '\u0000', '\ufeff', '0', '09:00', '24:00', 'UTC', ' '),
      fc.string({ maxLength: 5 }),
    );
    const csv = fc.array(part, { maxLength: 60 }).map((parts) => `${header}\n${parts.join('')}`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(csv, fc.string({ unit: 'binary', maxLength: 300 })), async (text) => {
        const res = await post(url, text, 'text/csv');
        expect([res.statusCode, [200, 400].includes(res.statusCode)]).toEqual([res.statusCode, true]);
        if (res.statusCode === 400) expect(res.json().message).toMatch(/CSV/);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
