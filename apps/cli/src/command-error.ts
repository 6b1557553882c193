/**
 * A failure the caller can fix that is neither a mistake in the call (UsageError) nor in an input
 * file (InputError), such as a store the data does not hold: one line naming the command, exit code 2.
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
