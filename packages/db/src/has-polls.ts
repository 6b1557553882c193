import { Client } from 'pg';

/** Whether the database holds any poll at all (false on a first start, before any ingest). */
export async function hasPolls(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM polls) AS any');
    return rows[0].any;
  } finally {
    await client.end();
  }
}
