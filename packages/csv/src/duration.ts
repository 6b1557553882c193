import { DURATION_UNITS } from '@store-monitor/engine';

const UNIT_MS = new Map(DURATION_UNITS);
const PART = /(\d{1,9})([wdhms])/gy;

/**
 * ISO 8601 durations of fixed length: `PnW` alone, or `PnD` and/or `T` with `nH`, `nM`, `nS` in that
 * order. Upper case only, as the standard writes them (`pt2h` is refused, so `m` never has to be
 * guessed between minutes and months); whole numbers only; years and months are refused because
 * their length depends on the date.
 */
const ISO = /^P(?:(\d{1,9})W|(?:(\d{1,9})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})S)?)?)$/;
const ISO_UNITS = ['w', 'd', 'h', 'm', 's'] as const;

/**
 * A duration setting such as `1d`, `36h`, `2h30m` or `45s` (units w, d, h, m, s, each at most once,
 * largest first), or ISO 8601 such as `PT2H`, `PT1H30M` or `P1D`, in milliseconds; undefined when the
 * text is anything else. Strict on purpose: `1.5h` or `90` could mean more than one thing, so they are
 * refused and the message shows the forms.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return trimmed.charCodeAt(0) === 80 /* P */ ? parseIsoDuration(trimmed) : parseShortDuration(trimmed);
}

function parseShortDuration(text: string): number | undefined {
  PART.lastIndex = 0;
  let total = 0;
  let lastUnit = -1;
  let end = 0;
  for (let match = PART.exec(text); match !== null; match = PART.exec(text)) {
    const unit = DURATION_UNITS.findIndex(([name]) => name === match![2]);
    if (unit <= lastUnit) return undefined; // repeated or out of order: `1m2h`, `1h1h`
    lastUnit = unit;
    total += Number(match[1]) * (UNIT_MS.get(match[2]) as number);
    end = PART.lastIndex;
  }
  return end === text.length ? total : undefined;
}

function parseIsoDuration(text: string): number | undefined {
  const match = ISO.exec(text);
  if (match === null) return undefined;
  const counts = match.slice(1);
  // `P` and `PT` match the pattern with no number at all; `P1DT` has a T with nothing after it.
  if (counts.every((c) => c === undefined)) return undefined;
  if (text.endsWith('T')) return undefined;
  return counts.reduce((total, count, i) => total + Number(count ?? 0) * (UNIT_MS.get(ISO_UNITS[i]) as number), 0);
}

/** Shown beside a refused duration. */
export const DURATION_FORMS = 'a duration such as 45s, 90m, 36h, 1d or 2h30m';

/**
 * The `max_gap` of the report: a duration longer than zero (a zero gap would make every instant but
 * the polls' own unknown, which no one means), or undefined when the text is not one.
 */
export function parseMaxGap(text: string): number | undefined {
  const ms = parseDuration(text);
  return ms !== undefined && ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** Shown beside a refused max gap. */
export const MAX_GAP_FORMS = 'a positive duration such as 90m, 2h, 1h30m or PT2H';
