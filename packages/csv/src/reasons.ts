/** Wording of reject reasons: always `column: problem`, with the offending value quoted as JSON. */

export function emptyField(column: string): string {
  return `${column}: is empty`;
}

export function badValue(column: string, value: string, problem: string): string {
  return `${column}: ${JSON.stringify(value)} ${problem}`;
}
