/** The part of a summary's reject count that were polls dated in the future, when any were. */
export function futureNote(count: number | undefined): string {
  if (!count) return '';
  return ` (${count} ${count === 1 ? 'poll' : 'polls'} dated in the future)`;
}
