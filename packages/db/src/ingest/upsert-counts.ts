import type { Client } from 'pg';

/**
 * Runs an `INSERT ... ON CONFLICT DO UPDATE ... WHERE <changed>` and counts what it did: rows new
 * to the table (inserted) and rows it changed (updated). Rows it left alone are not returned.
 */
export async function upsertCounts(client: Client, upsert: string): Promise<{ inserted: number; updated: number }> {
  const { rows } = await client.query<{ inserted: number; updated: number }>(`
    WITH merged AS (${upsert} RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
           count(*) FILTER (WHERE NOT inserted)::int AS updated
    FROM merged`);
  return rows[0];
}
