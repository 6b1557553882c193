/**
 * A problem with an input file as a whole (cannot be read, no header, a required column missing).
 * The command reports the message and exits with code 2, so the message must stand on its own:
 * it always names the file.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    message: string,
    /** The path of the file, as given by the caller. */
    readonly file: string,
  ) {
    super(message);
  }
}
