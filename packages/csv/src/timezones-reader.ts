import { isValidTimeZone } from '@store-monitor/engine';
import { findColumns } from './columns';
import { readCsv, type CsvSource } from './csv-file';
import type { ReadOptions } from './read-options';
import { badValue, emptyField } from './reasons';
import { isBareIdBytes, storeIdProblem } from './store-id';
import { StoreIdTable } from './store-id-table';
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
  private storeCol = -1;
  private zoneCol = -1;
  // Store ids and zone names, each kept once whichever path read it (the bytes path looks them up
  // in place); a file names a handful of zones thousands of times, each judged once by its index.
  private readonly storeIds = new StoreIdTable();
  private readonly zoneNames = new StoreIdTable();
  private readonly zoneValid: boolean[] = [];

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
    const zone = this.zoneNames.indexOf(zoneText);
    if (!this.isKnownZone(zone)) return badValue('timezone_str', zoneText, 'is not a known time zone');
    this.timeZones.set(this.storeIds.ids[this.storeIds.indexOf(storeId)], this.zoneNames.ids[zone]);
    return null;
  }

  /**
   * The usual row from the file's bytes: a bare ASCII id and a known zone. Anything else (spaces to
   * trim, an unknown zone, an id beyond ASCII) goes to `row`, which accepts or rejects it.
   */
  lineBytes(bytes: Uint8Array, bounds: Int32Array): boolean {
    const idStart = bounds[this.storeCol];
    const idEnd = bounds[this.storeCol + 1] - 1;
    const zoneStart = bounds[this.zoneCol];
    const zoneEnd = bounds[this.zoneCol + 1] - 1;
    if (!isBareIdBytes(bytes, idStart, idEnd) || !isBareIdBytes(bytes, zoneStart, zoneEnd)) return false;
    const zone = this.zoneNames.indexInBytes(bytes, zoneStart, zoneEnd);
    if (zone < 0 || !this.isKnownZone(zone)) return false;
    const store = this.storeIds.indexInBytes(bytes, idStart, idEnd);
    if (store < 0) return false;
    this.timeZones.set(this.storeIds.ids[store], this.zoneNames.ids[zone]);
    return true;
  }

  private isKnownZone(zone: number): boolean {
    this.zoneValid[zone] ??= isValidTimeZone(this.zoneNames.ids[zone]);
    return this.zoneValid[zone];
  }
}
