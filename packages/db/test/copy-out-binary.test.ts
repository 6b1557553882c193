import { useTestDatabase } from '@store-monitor/test-support';
import { copyOutBinary } from '../src';

const { db } = useTestDatabase();

/** Each row's (integer, text) fields, decoded from the rows copyOutBinary yields. */
async function rowsOf(query: string): Promise<Array<[number, string]>> {
  const client = await db.pool.connect();
  try {
    const rows: Array<[number, string]> = [];
    for await (const { buf, starts } of copyOutBinary(client, query)) {
      for (const start of starts) {
        const number = buf.readInt32BE(start + 4);
        const length = buf.readInt32BE(start + 8);
        rows.push([number, buf.toString('utf8', start + 12, start + 12 + length)]);
      }
    }
    return rows;
  } finally {
    client.release();
  }
}

describe('copyOutBinary', () => {
  it('yields every row whole, rows far longer than a network chunk among short ones', async () => {
    // Every seventh row is 300 KB (several chunks); the others are a few bytes.
    const rows = await rowsOf(
      `SELECT g, repeat(chr(65 + g % 26), CASE WHEN g % 7 = 0 THEN 300000 ELSE g END) FROM generate_series(1, 40) g`,
    );
    expect(rows.map(([n, text]) => [n, text.length, text[0]])).toEqual(
      Array.from({ length: 40 }, (_, i) => {
        const g = i + 1;
        return [g, g % 7 === 0 ? 300_000 : g, String.fromCharCode(65 + (g % 26))];
      }),
    );
    expect(rows.every(([, text]) => text === text[0].repeat(text.length))).toBe(true);
  });

  it('yields nothing for a query without rows', async () => {
    expect(await rowsOf('SELECT 1, text FROM (SELECT NULL::text AS text) t WHERE false')).toEqual([]);
  });
});
