import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { testDatabaseUrl } from '@store-monitor/test-support';
import { migrateDatabase } from '../src';

const MIGRATIONS = resolve(__dirname, '../../../prisma/migrations');

describe('a migration', () => {
  const database = testDatabaseUrl();
  const folder = mkdtempSync(join(tmpdir(), 'store-monitor-migrations-atomic-'));
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await database.drop();
  });

  it('that fails partway leaves nothing of itself behind, and a function body with ; in it works', async () => {
    cpSync(MIGRATIONS, folder, { recursive: true });
    mkdirSync(join(folder, '20991231000000_fails_midway'));
    writeFileSync(
      join(folder, '20991231000000_fails_midway', 'migration.sql'),
      [
        'CREATE TABLE "half_done" ("x" INTEGER)',
        `CREATE FUNCTION "two_statements"() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; RETURN 2; END $$`,
        'INSERT INTO "half_done" VALUES ("two_statements"())',
        'SELECT 1 / 0',
        '',
      ].join(';\n'),
    );
    await expect(migrateDatabase(database.url, { migrationsDir: folder })).rejects.toThrow(/division by zero/);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT to_regclass('half_done') AS half, to_regproc('two_statements') AS fn, to_regclass('polls') AS polls`,
      );
      // The migrations before it are applied; nothing of the failed one is.
      expect(rows).toEqual([{ half: null, fn: null, polls: 'polls' }]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
