/** One required column: the header names that are accepted for it (e.g. `day` or `dayOfWeek`). */
export type ColumnSpec = readonly string[];

export type ColumnMatch = { indexes: number[]; problem?: undefined } | { indexes?: undefined; problem: string };

/**
 * Finds each required column in the header by exact name, in any order; extra columns are fine.
 * A column that is missing, or given twice (or under two of its names), is a problem with the
 * whole file, described in words that list what the header does contain.
 */
export function findColumns(header: readonly string[], specs: readonly ColumnSpec[]): ColumnMatch {
  const missing: string[] = [];
  const doubled: string[] = [];
  const indexes = specs.map((names) => {
    const found = header.flatMap((name, i) => (names.includes(name) ? [i] : []));
    if (found.length === 0) missing.push(describe(names));
    if (found.length > 1) doubled.push(describe(names));
    return found[0];
  });
  if (missing.length === 0 && doubled.length === 0) return { indexes };

  const problems: string[] = [];
  if (missing.length > 0) problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (doubled.length > 0) problems.push(`more than one column for ${doubled.join(', ')}`);
  return { problem: `${problems.join('; ')} (header has: ${describeHeader(header)})` };
}

function describe(names: ColumnSpec): string {
  return names.map((n) => JSON.stringify(n)).join(' or ');
}

const SHOWN_COLUMNS = 12;
const SHOWN_NAME_CHARS = 40;

/** The header's names for a message; a binary file's "header" must not flood the terminal. */
function describeHeader(header: readonly string[]): string {
  const shown = header.slice(0, SHOWN_COLUMNS).map((name) => {
    const cut = name.length > SHOWN_NAME_CHARS ? `${name.slice(0, SHOWN_NAME_CHARS)}…` : name;
    return JSON.stringify(cut);
  });
  if (header.length > SHOWN_COLUMNS) shown.push(`and ${header.length - SHOWN_COLUMNS} more`);
  return shown.join(', ');
}
