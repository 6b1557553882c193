// The benchmark's third polls file: the time-ordered one with a stray row every thousand or so of
// the kinds real exports hold (quoted ids, a quote never closed, CRLF, spaces, bad values, rows
// too wide or too short), seeded. Most of its chunks hold a quote char, so they take the readers'
// text path; the case guards against that path going quadratic, as it once did (60 times slower).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { seededRandom } from './shuffled-polls';

export const MESSY_SEED = 15;
/** About one stray row per this many rows. */
const EVERY = 1000;

const STRAY_ROWS = [
  '"quoted,id",active,2023-01-20 10:00:00 UTC',
  '"never closed,active,2023-01-20 10:00:00 UTC',
  'st\u00f6re-\u00e9,active,2023-01-20 10:00:00 UTC',
  ' 17 ,inactive,2023-01-20 10:00:00 UTC',
  '18,Active,2023-01-20 10:00:00 UTC',
  '19,active,2023-02-30 10:00:00 UTC',
  '20,active,2023-01-20T10:00:00+05:30',
  '21,active,2023-01-20 10:00:00 UTC,extra',
  '22,active',
  '',
  '23,inactive,2023-01-20 10:00:00 UTC\r',
];

/** Makes `messyPath` from `orderedPath` unless it exists (deterministic). */
export function ensureMessyPolls(orderedPath: string, messyPath: string): void {
  if (existsSync(messyPath)) return;
  process.stderr.write(`making the messy polls file (seed ${MESSY_SEED}; once, cached) ...\n`);
  const lines = readFileSync(orderedPath, 'utf8').split('\n');
  const random = seededRandom(MESSY_SEED);
  const out: string[] = [lines[0]];
  for (let i = 1; i < lines.length; i++) {
    out.push(lines[i]);
    if (random() * EVERY < 1) out.push(STRAY_ROWS[Math.floor(random() * STRAY_ROWS.length)]);
  }
  const partial = `${messyPath}.partial`;
  writeFileSync(partial, out.join('\n'));
  renameSync(partial, messyPath);
}
