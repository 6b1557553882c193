import type { SpecialHoursRow } from '@store-monitor/engine';
import { END_OF_DAY_MS, parseClockTime } from './clock-time';
import { findColumns } from './columns';
import { readCsv, type CsvSource } from './csv-file';
import { parseLocalDate } from './local-date';
import { ownString } from './own-string';
import type { ReadOptions } from './read-options';
import { badValue, emptyField } from './reasons';
import type { RowSink } from './row-sink';
import { storeIdProblem } from './store-id';

export interface SpecialHoursRead {
  /** Each store's rows in file order, as written: the engine applies the replacing and closing rules. */
  specialHours: Map<string, SpecialHoursRow[]>;
  read: number;
  rejected: number;
}

/**
 * Reads a special-days file (store_id, date, start_time_local, end_time_local). Both times empty is
 * a closed day (startMs and endMs null); one of them empty is a reject, as the contract says.
 * No in-place fast path as the polls and hours readers have: the file holds a few rows per store
 * and year, so papaparse's cost does not show.
 */
export async function readSpecialHours(source: CsvSource, opts: ReadOptions = {}): Promise<SpecialHoursRead> {
  const sink = new SpecialHoursSink();
  const counts = await readCsv(source, 'special hours', sink, opts);
  return { specialHours: sink.specialHours, ...counts };
}

class SpecialHoursSink implements RowSink {
  readonly specialHours = new Map<string, SpecialHoursRow[]>();
  private columns: number[] = [];

  header(names: readonly string[]): string | null {
    const match = findColumns(names, [['store_id'], ['date'], ['start_time_local'], ['end_time_local']]);
    if (match.problem !== undefined) return match.problem;
    this.columns = match.indexes;
    return null;
  }

  row(fields: readonly string[]): string | null {
    const [storeText, dateText, startText, endText] = this.columns.map((c) => fields[c].trim());
    if (storeText === '') return emptyField('store_id');
    const idProblem = storeIdProblem(storeText);
    if (idProblem !== null) return idProblem;
    if (dateText === '') return emptyField('date');
    const date = parseLocalDate(dateText);
    if (date === null) return badValue('date', dateText, 'is not a real date written YYYY-MM-DD');
    if (startText === '' && endText === '') {
      this.add({ storeId: storeText, date, startMs: null, endMs: null });
      return null;
    }
    // One time alone could be a typo for a closed day or for an open one: neither is guessed.
    if (startText === '') return `${emptyField('start_time_local')} (end_time_local is not; both empty means closed)`;
    if (endText === '') return `${emptyField('end_time_local')} (start_time_local is not; both empty means closed)`;
    const startMs = parseClockTime(startText);
    if (startMs === null) return badValue('start_time_local', startText, 'is not a valid clock time');
    if (startMs === END_OF_DAY_MS) return badValue('start_time_local', startText, 'is allowed only as an end time');
    const endMs = parseClockTime(endText);
    if (endMs === null) return badValue('end_time_local', endText, 'is not a valid clock time');
    this.add({ storeId: storeText, date, startMs, endMs });
    return null;
  }

  private add(row: SpecialHoursRow): void {
    const rows = this.specialHours.get(row.storeId);
    // Reuse the stored id: the field is cut from a chunk that must not be kept alive.
    row.storeId = rows === undefined ? ownString(row.storeId) : rows[0].storeId;
    if (rows === undefined) this.specialHours.set(row.storeId, [row]);
    else rows.push(row);
  }
}
