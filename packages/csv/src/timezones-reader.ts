import { isValidTimeZone } from '@store-monitor/engine';
import { findColumns } from './columns';
import { readCsv, type CsvSource } from './csv-file';
import { ownString } from './own-string';
import type { ReadOptions } from './read-options';
import { badValue, emptyField } from './reasons';
import { storeIdProblem } from './store-id';
import type { RowSink } from './row-sink';

export interface TimeZonesRead {
  /** Store id → IANA zone name, as written in the file; a later row for a store replaces an earlier one. */
  timeZones: Map<string, string>;
  read: number;
  rejected: number;
}

/** Reads a time-zone file (store_id, timezone_str). */
export async function readTimeZones(source: CsvSource, opts: ReadOptions = {}): Promise<TimeZonesRead> {
  const sink = new TimeZonesSink();
  const counts = await readCsv(source, 'time zones', sink, opts);
  return { timeZones: sink.timeZones, ...counts };
}

class TimeZonesSink implements RowSink {
  readonly timeZones = new Map<string, string>();
  /** Zone text → its own copy if valid, null if not: a file names a handful of zones thousands of times. */
  private readonly zones = new Map<string, string | null>();
  private storeCol = -1;
  private zoneCol = -1;

  header(names: readonly string[]): string | null {
    const match = findColumns(names, [['store_id'], ['timezone_str']]);
    if (match.problem !== undefined) return match.problem;
    [this.storeCol, this.zoneCol] = match.indexes;
    return null;
  }

  row(fields: readonly string[]): string | null {
    const storeId = fields[this.storeCol].trim();
    if (storeId === '') return emptyField('store_id');
    const idProblem = storeIdProblem(storeId);
    if (idProblem !== null) return idProblem;
    const zoneText = fields[this.zoneCol].trim();
    if (zoneText === '') return emptyField('timezone_str');
    const zone = this.knownZone(zoneText);
    if (zone === null) return badValue('timezone_str', zoneText, 'is not a known time zone');
    // Map.set keeps an existing key, so only a new store needs its own copy of the id.
    this.timeZones.set(this.timeZones.has(storeId) ? storeId : ownString(storeId), zone);
    return null;
  }

  private knownZone(text: string): string | null {
    let zone = this.zones.get(text);
    if (zone === undefined) {
      const own = ownString(text);
      zone = isValidTimeZone(own) ? own : null;
      this.zones.set(own, zone);
    }
    return zone;
  }
}
