import { DURATION_UNITS } from '@store-monitor/engine';

const UNIT_MS = new Map(DURATION_UNITS);
const PART = /(\d{1,9})([wdhms])/gy;

/**
 * A duration setting such as `1d`, `36h`, `2h30m` or `45s` (units w, d, h, m, s, each at most once,
 * largest first), in milliseconds; undefined when the text is anything else. Strict on purpose: `1.5h`
 * or `90` could mean more than one thing, so they are refused and the message shows the forms.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let lastUnit = -1;
  let end = 0;
  for (let match = PART.exec(trimmed); match !== null; match = PART.exec(trimmed)) {
    const unit = DURATION_UNITS.findIndex(([name]) => name === match![2]);
    if (unit <= lastUnit) return undefined; // repeated or out of order: `1m2h`, `1h1h`
    lastUnit = unit;
    total += Number(match[1]) * (UNIT_MS.get(match[2]) as number);
    end = PART.lastIndex;
  }
  return end === trimmed.length ? total : undefined;
}

/** Shown beside a refused duration. */
export const DURATION_FORMS = 'a duration such as 45s, 90m, 36h, 1d or 2h30m';
