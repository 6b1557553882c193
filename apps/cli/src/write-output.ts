import { once } from 'node:events';
// The module alone: the service's index loads the database client, which a file report never needs.
import { writeFileAtomically } from '@store-monitor/service/atomic-file';

/**
 * Writes text to a file atomically (a reader, even after a crash, never sees half a report) or,
 * without a path, to standard output.
 */
export async function writeOutput(text: string, path: string | undefined): Promise<void> {
  if (path === undefined) {
    if (!process.stdout.write(text)) await once(process.stdout, 'drain');
    return;
  }
  try {
    await writeFileAtomically(path, [text]);
  } catch (error) {
    throw new OutputError(path, error);
  }
}

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
