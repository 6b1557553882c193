/** Expected report rows from the reference sampler: units, rounding and byte order per the contract. */
import type { Policy, ReportRow, StoreInput } from '../../src/types';
import { H, MIN } from './fixtures';
import { sampleStore } from './reference-sampler';

/**
 * The values `ms / unit` may round to at 2 decimals, in hundredths, by exact integer arithmetic
 * (ms is a whole number). The contract names no tie rule, so an exact tie (x.xx5) allows both
 * neighbours; anything else has one right answer.
 */
export function roundedHundredths(ms: number, unitMs: number): number[] {
  const num = ms * 100; // exact: ms < 2^40
  const q = Math.floor(num / unitMs);
  const twiceRest = 2 * (num - q * unitMs);
  if (twiceRest < unitMs) return [q];
  if (twiceRest > unitMs) return [q + 1];
  return [q, q + 1];
}

/** Plain byte order of the UTF-8 encoding (not JS's UTF-16 code-unit order). */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

type Column = Exclude<keyof ReportRow, 'store_id'>;

export interface ExpectedRow {
  store_id: string;
  /** Allowed hundredths per column (one value, or two on an exact tie); the unknown ones only with a max gap. */
  cells: Partial<Record<Column, number[]>>;
}

export function expectedRows(stores: StoreInput[], now: number, policy: Policy, maxGapMs?: number): ExpectedRow[] {
  const rows: ExpectedRow[] = [];
  for (const store of stores) {
    const s = sampleStore(store, now, policy, maxGapMs);
    if (!s) continue;
    const cells: ExpectedRow['cells'] = {
      uptime_last_hour: roundedHundredths(s.uptimeHourMs, MIN),
      uptime_last_day: roundedHundredths(s.uptimeDayMs, H),
      uptime_last_week: roundedHundredths(s.uptimeWeekMs, H),
      downtime_last_hour: roundedHundredths(s.downtimeHourMs, MIN),
      downtime_last_day: roundedHundredths(s.downtimeDayMs, H),
      downtime_last_week: roundedHundredths(s.downtimeWeekMs, H),
    };
    if (maxGapMs !== undefined) {
      cells.unknown_last_hour = roundedHundredths(s.unknownHourMs as number, MIN);
      cells.unknown_last_day = roundedHundredths(s.unknownDayMs as number, H);
      cells.unknown_last_week = roundedHundredths(s.unknownWeekMs as number, H);
    }
    rows.push({ store_id: store.storeId, cells });
  }
  return rows.sort((a, b) => byteOrder(a.store_id, b.store_id));
}

/** Throws a readable message unless the engine's row matches one allowed value per column. */
export function checkRow(actual: ReportRow, want: ExpectedRow): void {
  if (actual.store_id !== want.store_id) {
    throw new Error(
      `row order: expected store ${JSON.stringify(want.store_id)}, got ${JSON.stringify(actual.store_id)}`,
    );
  }
  const columns = Object.keys(actual).filter((k) => k !== 'store_id');
  if (columns.join() !== Object.keys(want.cells).join()) {
    throw new Error(`store ${want.store_id}: columns ${columns.join()}, expected ${Object.keys(want.cells).join()}`);
  }
  for (const [column, allowed] of Object.entries(want.cells) as [Column, number[]][]) {
    const got = actual[column] as number;
    // A 2-decimal value v must be the double nearest to hundredths/100, i.e. what k / 100 gives.
    if (!allowed.some((k) => Math.abs(got - k / 100) < 1e-9)) {
      throw new Error(
        `store ${want.store_id} ${column}: expected ${allowed.map((k) => k / 100).join(' or ')}, got ${got}`,
      );
    }
  }
}
