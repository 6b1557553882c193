import { testDatabaseUrl } from '@store-monitor/test-support';
import { createDatabase, ensureDatabase, ensurePollPartitions, migrateDatabase, parseDatabaseUrl } from '../src';

describe('migrations', () => {
  const database = testDatabaseUrl();
  afterAll(() => database.drop());

  it('create the database, apply to it, and apply again as a no-op', async () => {
    const first = await migrateDatabase(database.url);
    expect(first.created).toBe(true);
    expect(first.output).toMatch(/All migrations have been successfully applied/);
    const second = await migrateDatabase(database.url);
    expect(second.created).toBe(false);
    expect(second.output).toMatch(/No pending migrations to apply/);
  });

  it('give tables the client can use, with polls unique per store and instant to the microsecond', async () => {
    const db = createDatabase(database.url);
    const { prisma, close } = db;
    try {
      const instant = '2023-01-22 12:09:39.388884+00';
      // No partition for the week yet: the row is refused, never stored nowhere.
      const homeless = prisma.$executeRaw`INSERT INTO polls (store_id, at, active) VALUES ('9007199254740993', ${instant}::timestamptz, true)`;
      await expect(homeless).rejects.toThrow(/no partition of relation "polls" found for row/);
      expect(await ensurePollPartitions(db, [Date.parse('2023-01-22T12:09:39Z') * 1000])).toBe(1);
      await prisma.store.create({ data: { id: '9007199254740993', timeZone: 'Asia/Kolkata' } });
      await prisma.$executeRaw`INSERT INTO polls (store_id, at, active) VALUES
        ('9007199254740993', '2023-01-22 12:09:39.388884+00', true),
        ('9007199254740993', '2023-01-22 12:09:39.388885+00', false)`;
      const duplicate = prisma.$executeRaw`INSERT INTO polls (store_id, at, active) VALUES
        ('9007199254740993', '2023-01-22 12:09:39.388884+00', false)`;
      await expect(duplicate).rejects.toThrow(/polls_p20230116_pkey|Unique constraint/);
      const micros = await prisma.$queryRaw<{ us: number }[]>`
        SELECT (extract(epoch FROM at) * 1000000)::float8 AS us FROM polls ORDER BY at`;
      expect(micros.map((r) => r.us)).toEqual([1674389379388884, 1674389379388885]);
      const report = await prisma.report.create({ data: { policy: 'nearest' } });
      expect(report).toMatchObject({ status: 'queued', progress: 0, rowCount: null, maxGapMs: null });
    } finally {
      await close();
    }
  });

  it('give special days by local date, closed as two null times, gone with their store', async () => {
    const { prisma, close } = createDatabase(database.url);
    try {
      await prisma.store.create({ data: { id: 's' } });
      await prisma.$executeRaw`INSERT INTO special_hours (store_id, date, start_ms, end_ms) VALUES
        ('s', '2024-12-25', NULL, NULL), ('s', '2024-12-24', 32400000, 50400000)`;
      const oneTime = prisma.$executeRaw`INSERT INTO special_hours (store_id, date, start_ms, end_ms)
        VALUES ('s', '2024-12-26', 32400000, NULL)`;
      await expect(oneTime).rejects.toThrow(/special_hours_times_check/);
      const rows = await prisma.$queryRaw<{ day: number; start_ms: number | null }[]>`
        SELECT (date - date '1970-01-01') AS day, start_ms FROM special_hours ORDER BY date`;
      expect(rows).toEqual([
        { day: 20081, start_ms: 32400000 },
        { day: 20082, start_ms: null },
      ]);
      await prisma.store.delete({ where: { id: 's' } });
      expect(await prisma.specialHours.count()).toBe(0);
    } finally {
      await close();
    }
  });
});

describe('database URLs', () => {
  it.each([
    ['not a url', /DATABASE_URL is not a URL/],
    ['mysql://root@127.0.0.1/x', /must start with postgresql:\/\//],
    ['postgresql://postgres@127.0.0.1:5432/', /names no database/],
  ])('reject %j with a clear message', (text, message) => {
    expect(() => parseDatabaseUrl(text)).toThrow(message);
  });

  it('ensureDatabase leaves an existing database alone', async () => {
    expect(
      await ensureDatabase(
        process.env.DATABASE_URL?.replace(/\/[^/]*$/, '/postgres') ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      ),
    ).toBe(false);
  });
});
