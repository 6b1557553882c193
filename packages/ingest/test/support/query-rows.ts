import { Client } from 'pg';

/** Rows of one query on its own connection, instants shown in UTC (the ingest tests read results so). */
export async function queryRows<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'`);
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
