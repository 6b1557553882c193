/**
 * A report id as the API accepts it: a canonical uuid, nothing else (no `urn:uuid:` prefix, no
 * braces). It is both a database key and a file name, so this check is what keeps any path
 * separator, dot or quote out of both.
 */
export const REPORT_ID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const REPORT_ID = new RegExp(REPORT_ID_PATTERN);

/** The id in the form PostgreSQL returns it (lower case), or null when it is not a uuid. */
export function parseReportId(value: unknown): string | null {
  return typeof value === 'string' && REPORT_ID.test(value) ? value.toLowerCase() : null;
}
