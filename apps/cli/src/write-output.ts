import { once } from 'node:events';
// The module alone: the service's index loads the database client, which a file report never needs.
import { writeFileAtomically } from '@store-monitor/service/atomic-file';
import { OutputError } from './output-error';

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
