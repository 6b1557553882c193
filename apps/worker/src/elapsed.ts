/** Milliseconds since `started` (a performance.now() reading), for log lines. */
export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
