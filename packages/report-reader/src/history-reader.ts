import { Client } from 'pg';
import { STORE_HISTORY_SQL } from './report-query';

/**
 * Reads a store's whole history on a second connection (the first is busy streaming), inside the
 * first one's exported snapshot, so both read the same state of the data.
 */
export class HistoryReader {
  private client: Client | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly snapshotId: string,
  ) {}

  async read(storeId: string, nowUs: number): Promise<{ micros: number[]; active: boolean[] }> {
    const { rows } = await (await this.connection()).query<{ us: string; active: boolean }>(STORE_HISTORY_SQL, [storeId, String(nowUs)]);
    return { micros: rows.map((r) => Number(r.us)), active: rows.map((r) => r.active) };
  }

  async close(): Promise<void> {
    await this.client?.end();
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.databaseUrl });
    this.client = client;
    await client.connect();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The id comes from pg_export_snapshot: hex digits and dashes only, safe to quote.
    await client.query(`SET TRANSACTION SNAPSHOT '${this.snapshotId}'`);
    return client;
  }
}
