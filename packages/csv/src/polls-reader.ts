import type { PollSeries } from '@store-monitor/engine';
import { findColumns } from './columns';
import { readCsvFile } from './csv-file';
import { PollBuffer } from './poll-buffer';
import { parseStatus } from './poll-status';
import type { ReadOptions } from './read-options';
import { badValue, emptyField } from './reasons';
import type { RowSink } from './row-sink';
import { parseTimestamp } from './timestamp';

export interface PollsRead {
  /** Each store's polls in file order; not sorted or de-duplicated (the engine does that). */
  series: Map<string, PollSeries>;
  read: number;
  rejected: number;
}

/** Reads a polls file (store_id, status, timestamp_utc). */
export async function readPolls(path: string, opts: ReadOptions = {}): Promise<PollsRead> {
  const sink = new PollsSink();
  const counts = await readCsvFile(path, 'polls', sink, opts);
  return { series: sink.polls.toSeries(), ...counts };
}

class PollsSink implements RowSink {
  readonly polls = new PollBuffer();
  private storeCol = -1;
  private statusCol = -1;
  private timestampCol = -1;

  header(names: readonly string[]): string | null {
    const match = findColumns(names, [['store_id'], ['status'], ['timestamp_utc']]);
    if (match.problem !== undefined) return match.problem;
    [this.storeCol, this.statusCol, this.timestampCol] = match.indexes;
    return null;
  }

  row(fields: readonly string[]): string | null {
    const storeId = fields[this.storeCol].trim();
    if (storeId === '') return emptyField('store_id');
    const statusText = fields[this.statusCol].trim();
    const active = parseStatus(statusText);
    if (active === null) {
      return statusText === '' ? emptyField('status') : badValue('status', statusText, 'is not active or inactive');
    }
    const timestampText = fields[this.timestampCol].trim();
    const at = parseTimestamp(timestampText);
    if (at === null) {
      return timestampText === ''
        ? emptyField('timestamp_utc')
        : badValue('timestamp_utc', timestampText, 'is not a valid timestamp');
    }
    this.polls.add(storeId, at, active);
    return null;
  }
}
