/** A file the command was asked to write cannot be written: exit code 2, with the path and why. */
export class OutputError extends Error {
  override readonly name = 'OutputError';

  constructor(path: string, cause: unknown) {
    super(`cannot write ${path}: ${describe(cause)}`);
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such directory',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

function describe(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return (code !== undefined && REASONS[code]) || (cause instanceof Error ? cause.message : String(cause));
}
