import type { HoursRow, SpecialHoursRow } from '@store-monitor/engine';
import type { ClientBase } from 'pg';
import { hoursSql, specialHoursSql, type StoreSelection } from './report-query';

/** The weekly hours and special days of a report's stores, each keyed by store id. */
export interface StoreSchedules {
  hours: Map<string, HoursRow[]>;
  specialHours: Map<string, SpecialHoursRow[]>;
}

/**
 * Every schedule row of the stores in `stores` (every store when absent; one store for a timeline). Special days are read
 * whole, not only those of the week: whether an old poll was inside business hours decides the
 * nearest policy's evidence before the window, and that poll may be on any date.
 */
export async function loadSchedules(client: ClientBase, stores: StoreSelection | undefined): Promise<StoreSchedules> {
  return { hours: await loadHours(client, stores), specialHours: await loadSpecialHours(client, stores) };
}

async function loadHours(client: ClientBase, stores: StoreSelection | undefined): Promise<Map<string, HoursRow[]>> {
  const { rows } = await client.query<{ store_id: string; day: number; start_ms: number; end_ms: number }>(
    hoursSql(stores),
  );
  const hours = new Map<string, HoursRow[]>();
  for (const r of rows) add(hours, { storeId: r.store_id, day: r.day, startMs: r.start_ms, endMs: r.end_ms });
  return hours;
}

async function loadSpecialHours(
  client: ClientBase,
  stores: StoreSelection | undefined,
): Promise<Map<string, SpecialHoursRow[]>> {
  const { rows } = await client.query<{
    store_id: string;
    day: number;
    start_ms: number | null;
    end_ms: number | null;
  }>(specialHoursSql(stores));
  const special = new Map<string, SpecialHoursRow[]>();
  for (const r of rows) add(special, { storeId: r.store_id, date: r.day, startMs: r.start_ms, endMs: r.end_ms });
  return special;
}

function add<Row extends { storeId: string }>(byStore: Map<string, Row[]>, row: Row): void {
  const list = byStore.get(row.storeId);
  if (list) list.push(row);
  else byStore.set(row.storeId, [row]);
}
