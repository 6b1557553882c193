import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPolls, ingestTimeZones } from '@store-monitor/ingest';
import { useTestDatabase } from '@store-monitor/test-support';
import { windowPollsSql } from '../src/report-query';
import { inTimeOrder, storesFromCopy, type StoreChunk } from '../src/store-polls-stream';

const { db } = useTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'store-polls-stream-'));
const us = (iso: string): number => Date.parse(iso) * 1000;
const FROM = us('2024-01-03T00:00:00Z');
const NOW = us('2024-01-10T00:00:00Z');

/**
 * "b" has four polls before the window (two are read: the evidence the query allows here), two in
 * it (one a microsecond after its start) and one after now; "a" has polls in the window only and
 * no zone; "c" has none by now, so it is left out, as the report leaves it out.
 */
const POLLS = [
  'store_id,status,timestamp_utc',
  'b,active,2024-01-01T10:00:00Z',
  'b,inactive,2024-01-02T10:00:00Z',
  'b,active,2024-01-10T00:00:00Z',
  'b,inactive,2024-01-02T23:59:59.999999Z',
  'b,active,2024-01-02T22:00:00Z',
  'b,inactive,2024-01-03T00:00:00.000001Z',
  'b,active,2024-01-10T00:00:00.000001Z',
  'a,inactive,2024-01-05T08:00:00Z',
  'a,active,2024-01-04T08:00:00Z',
  'c,active,2024-01-11T00:00:00Z',
];

beforeAll(async () => {
  writeFileSync(join(dir, 'zones.csv'), 'store_id,timezone_str\nb,Europe/Paris\n');
  writeFileSync(join(dir, 'polls.csv'), `${POLLS.join('\n')}\n`);
  await ingestTimeZones(db, join(dir, 'zones.csv'));
  await ingestPolls(db, join(dir, 'polls.csv'));
}, 60_000);

async function readStores(before: number): Promise<StoreChunk[]> {
  const client = await db.pool.connect();
  try {
    const stores: StoreChunk[] = [];
    for await (const store of storesFromCopy(client, windowPollsSql(FROM, NOW, before))) stores.push(store);
    return stores;
  } finally {
    client.release();
  }
}

describe('storesFromCopy on the window query', () => {
  it('yields each store once, in id order, with its evidence and window polls in time order', async () => {
    expect(await readStores(2)).toEqual([
      {
        storeId: 'a',
        timeZone: undefined,
        micros: Float64Array.from([us('2024-01-04T08:00:00Z'), us('2024-01-05T08:00:00Z')]),
        active: Uint8Array.from([1, 0]),
      },
      {
        storeId: 'b',
        timeZone: 'Europe/Paris',
        micros: Float64Array.from([
          us('2024-01-02T22:00:00Z'),
          us('2024-01-02T23:59:59Z') + 999_999,
          us('2024-01-03T00:00:00Z') + 1,
          us('2024-01-10T00:00:00Z'),
        ]),
        active: Uint8Array.from([1, 0, 0, 1]),
      },
    ]);
  });

  it('reads no evidence before the window when asked for none', async () => {
    const stores = await readStores(0);
    expect(stores.map((s) => [s.storeId, Array.from(s.micros), Array.from(s.active)])).toEqual([
      ['a', [us('2024-01-04T08:00:00Z'), us('2024-01-05T08:00:00Z')], [1, 0]],
      ['b', [us('2024-01-03T00:00:00Z') + 1, us('2024-01-10T00:00:00Z')], [0, 1]],
    ]);
  });
});

describe('inTimeOrder', () => {
  const chunk = (micros: number[], active: number[]): StoreChunk => ({
    storeId: 's',
    timeZone: undefined,
    micros: Float64Array.from(micros),
    active: Uint8Array.from(active),
  });
  const plain = ({ micros, active }: StoreChunk) => [Array.from(micros), Array.from(active)];

  it('reverses the evidence that came newest first, keeping each status with its instant', () => {
    expect(plain(inTimeOrder(chunk([30, 20, 10, 40, 50], [1, 0, 0, 1, 0])))).toEqual([
      [10, 20, 30, 40, 50],
      [0, 0, 1, 1, 0],
    ]);
  });

  it('sorts any other disorder', () => {
    expect(plain(inTimeOrder(chunk([30, 10, 50, 20, 40], [1, 0, 0, 1, 1])))).toEqual([
      [10, 20, 30, 40, 50],
      [0, 1, 1, 1, 0],
    ]);
  });

  it('leaves polls already in order, and a store with one poll, as they are', () => {
    expect(plain(inTimeOrder(chunk([10, 20, 30], [0, 1, 0])))).toEqual([
      [10, 20, 30],
      [0, 1, 0],
    ]);
    expect(plain(inTimeOrder(chunk([10], [1])))).toEqual([[10], [1]]);
  });
});
