import type { HoursRow } from '@store-monitor/engine';
import { END_OF_DAY_MS, parseClockTime, parseClockTimeIn } from './clock-time';
import { findColumns } from './columns';
import { isBareField, splitInPlace } from './field-bounds';
import { readCsv, type CsvSource } from './csv-file';
import { ownString } from './own-string';
import type { ReadOptions } from './read-options';
import { badValue, emptyField } from './reasons';
import { isStorableIdIn, storeIdProblem } from './store-id';
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
  return { hours: sink.hours, ...counts };
}

class HoursSink implements RowSink {
  readonly hours = new Map<string, HoursRow[]>();
  private columns: number[] = [];
  private dayName = 'day';
  private bounds = new Int32Array(0);

  header(names: readonly string[]): string | null {
    const match = findColumns(names, [['store_id'], ['day', 'dayOfWeek'], ['start_time_local'], ['end_time_local']]);
    if (match.problem !== undefined) return match.problem;
    this.columns = match.indexes;
    this.dayName = names[match.indexes[1]];
    this.bounds = new Int32Array(names.length + 1);
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
    this.add(storeText, day, startMs, endMs);
    return null;
  }

  /** The common, valid shape in place; anything else goes to `row`, which gives the reason. */
  line(text: string, start: number, end: number): boolean {
    const bounds = this.bounds;
    if (!splitInPlace(text, start, end, bounds)) return false;
    const [storeCol, dayCol, startCol, endCol] = this.columns;
    const from = (column: number): number => bounds[column];
    const to = (column: number): number => bounds[column + 1] - 1;
    // A day is one digit 0-6 here; other spellings (`03`, spaces) are for `row`.
    const day = to(dayCol) - from(dayCol) === 1 ? text.charCodeAt(from(dayCol)) - 48 : -1;
    const startMs = parseClockTimeIn(text, from(startCol), to(startCol));
    const endMs = parseClockTimeIn(text, from(endCol), to(endCol));
    if (day < 0 || day > 6 || startMs === null || startMs === END_OF_DAY_MS || endMs === null) return false;
    if (!isBareField(text, from(storeCol), to(storeCol)) || !isStorableIdIn(text, from(storeCol), to(storeCol)))
      return false;
    this.add(text.substring(from(storeCol), to(storeCol)), day, startMs, endMs);
    return true;
  }

  private add(storeText: string, day: number, startMs: number, endMs: number): void {
    const rows = this.hours.get(storeText);
    // Reuse the stored id: the field is cut from a chunk that must not be kept alive.
    const storeId = rows === undefined ? ownString(storeText) : rows[0].storeId;
    const row: HoursRow = { storeId, day, startMs, endMs };
    if (rows === undefined) this.hours.set(storeId, [row]);
    else rows.push(row);
  }
}

function clockProblem(column: string, text: string): string {
  return text === '' ? emptyField(column) : badValue(column, text, 'is not a valid clock time');
}
