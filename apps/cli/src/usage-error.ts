/** A mistake in how the command was called: one line and a hint where the help is, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
