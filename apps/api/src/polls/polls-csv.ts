import type { PollInput } from '../schemas/polls';

export const POLLS_HEADER = 'store_id,status,timestamp_utc';

/** A JSON body as the equivalent polls CSV, and the line each poll starts on (for its rejects). */
export interface PollsCsv {
  text: string;
  firstLines: number[];
}

/**
 * Every field is quoted (quotes doubled), so a comma, quote or line break in a value stays inside
 * its field and the CSV reader sees exactly the values sent. A missing or null field becomes an
 * empty one, which the reader rejects like an empty CSV field.
 */
export function pollsToCsv(polls: readonly PollInput[]): PollsCsv {
  const lines = [POLLS_HEADER];
  const firstLines: number[] = [];
  let line = 2;
  for (const poll of polls) {
    const fields = [poll.store_id, poll.status, poll.timestamp_utc].map(quote);
    const text = fields.join(',');
    firstLines.push(line);
    lines.push(text);
    // A quoted line break makes the row span several lines, and shifts every later row.
    line += 1 + countLineBreaks(text);
  }
  return { text: `${lines.join('\n')}\n`, firstLines };
}

/** The poll (0-based) whose row starts at or before `line`; firstLines is ascending. */
export function pollIndexOfLine(firstLines: readonly number[], line: number): number {
  let low = 0;
  let high = firstLines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (firstLines[mid] <= line) low = mid;
    else high = mid - 1;
  }
  return low;
}

function quote(value: string | null | undefined): string {
  return `"${(value ?? '').replace(/"/g, '""')}"`;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
