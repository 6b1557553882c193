import type { HoursRow } from '@store-monitor/engine';
import { END_OF_DAY_MS, parseClockTime, parseClockTimeBytes } from './clock-time';
import { findColumns } from './columns';
import { readCsv, type CsvSource } from './csv-file';
import type { ReadOptions } from './read-options';
import { badValue, emptyField } from './reasons';
import { isBareIdBytes, storeIdProblem } from './store-id';
import { StoreIdTable } from './store-id-table';
import type { RowSink } from './row-sink';
import { parseWeekday } from './weekday';

export interface HoursRead {
  /** Each store's rows in file order, as written: the engine applies overnight and whole-day rules. */
  hours: Map<string, HoursRow[]>;
  read: number;
  rejected: number;
}

/** Reads a business-hours file (store_id, day or dayOfWeek, start_time_local, end_time_local). */
export async function readHours(source: CsvSource, opts: ReadOptions = {}): Promise<HoursRead> {
  const sink = new HoursSink();
  const counts = await readCsv(source, 'business hours', sink, opts);
  return { hours: sink.hoursByStore(), ...counts };
}

class HoursSink implements RowSink {
  private readonly stores = new StoreIdTable();
  /** Each store's rows, by its index in `stores`. */
  private readonly rows: HoursRow[][] = [];
  private columns: number[] = [];
  private dayName = 'day';

  header(names: readonly string[]): string | null {
    const match = findColumns(names, [['store_id'], ['day', 'dayOfWeek'], ['start_time_local'], ['end_time_local']]);
    if (match.problem !== undefined) return match.problem;
    this.columns = match.indexes;
    this.dayName = names[match.indexes[1]];
    return null;
  }

  row(fields: readonly string[]): string | null {
    const [storeText, dayText, startText, endText] = this.columns.map((c) => fields[c].trim());
    if (storeText === '') return emptyField('store_id');
    const idProblem = storeIdProblem(storeText);
    if (idProblem !== null) return idProblem;
    const day = parseWeekday(dayText);
    if (day === null) {
      return dayText === '' ? emptyField(this.dayName) : badValue(this.dayName, dayText, 'is not a weekday number 0-6');
    }
    const startMs = parseClockTime(startText);
    if (startMs === null) return clockProblem('start_time_local', startText);
    if (startMs === END_OF_DAY_MS) return badValue('start_time_local', startText, 'is allowed only as an end time');
    const endMs = parseClockTime(endText);
    if (endMs === null) return clockProblem('end_time_local', endText);
    this.add(this.stores.indexOf(storeText), day, startMs, endMs);
    return null;
  }

  /** The common, valid shape from the file's bytes; anything else goes to `row`, which gives the reason. */
  lineBytes(bytes: Uint8Array, bounds: Int32Array): boolean {
    // Indexed, not destructured: until the optimiser runs, destructuring steps an iterator per line.
    const columns = this.columns;
    const storeCol = columns[0];
    const dayCol = columns[1];
    const startCol = columns[2];
    const endCol = columns[3];
    // A day is one digit 0-6 here; other spellings (`03`, spaces) are for `row`.
    const day = bounds[dayCol + 1] - 1 - bounds[dayCol] === 1 ? bytes[bounds[dayCol]] - 48 : -1;
    const startMs = parseClockTimeBytes(bytes, bounds[startCol], bounds[startCol + 1] - 1);
    const endMs = parseClockTimeBytes(bytes, bounds[endCol], bounds[endCol + 1] - 1);
    if (day < 0 || day > 6 || startMs === null || startMs === END_OF_DAY_MS || endMs === null) return false;
    const idStart = bounds[storeCol];
    const idEnd = bounds[storeCol + 1] - 1;
    if (!isBareIdBytes(bytes, idStart, idEnd)) return false;
    const store = this.stores.indexInBytes(bytes, idStart, idEnd);
    if (store < 0) return false;
    this.add(store, day, startMs, endMs);
    return true;
  }

  /** Every store's rows in file order, stores in order of first appearance. */
  hoursByStore(): Map<string, HoursRow[]> {
    return new Map(this.rows.map((rows, store) => [this.stores.ids[store], rows]));
  }

  private add(store: number, day: number, startMs: number, endMs: number): void {
    const row: HoursRow = { storeId: this.stores.ids[store], day, startMs, endMs };
    if (store === this.rows.length) this.rows.push([row]);
    else this.rows[store].push(row);
  }
}

function clockProblem(column: string, text: string): string {
  return text === '' ? emptyField(column) : badValue(column, text, 'is not a valid clock time');
}
