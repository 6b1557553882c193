import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpError } from '../http-error';

/** Every upload's private folder is `<tempDir>/store-monitor-api-<pid>-XXXXXX`. */
const PREFIX = 'store-monitor-api-';
const OWN_FOLDER = /^store-monitor-api-(\d+)-[A-Za-z0-9]{6}$/;
/** Folders of versions that did not name their process: anything this old is left over. */
const UNNAMED_FOLDER = /^store-monitor-api-(?:upload|polls)-[A-Za-z0-9]{6}$/;

/** A new private folder for one upload's spool files; a full disk is a 507, not a 500. */
export async function makeSpoolDir(tempDir: string): Promise<string> {
  try {
    return await mkdtemp(join(tempDir, `${PREFIX}${process.pid}-`));
  } catch (error) {
    throw spoolFailure(error, tempDir);
  }
}

/** Retried: a spool stream closing as the folder goes can leave it not yet empty for a moment (ENOTEMPTY). */
export async function removeSpoolDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
}

/**
 * Removes the spool folders of API processes that are gone (killed mid-upload, so their finally
 * never ran): a folder names its process, and one whose process no longer exists is left over.
 * Folders of live processes (another API on this machine) are theirs and stay.
 */
export async function removeStaleSpoolDirs(tempDir: string): Promise<string[]> {
  const names = await readdir(tempDir).catch(() => [] as string[]);
  const stale = names.filter((name) => name.startsWith(PREFIX) && isStale(name));
  await Promise.all(stale.map((name) => removeSpoolDir(join(tempDir, name)).catch(() => undefined)));
  return stale;
}

function isStale(name: string): boolean {
  if (UNNAMED_FOLDER.test(name)) return true;
  const pid = OWN_FOLDER.exec(name)?.[1];
  return pid !== undefined && !isAlive(Number(pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why a spool write failed, for the client: no room is 507 with the reason; anything else stays a 500. */
const NO_ROOM: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file would be larger than this process may write',
};

export function spoolFailure(error: unknown, where: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !(code in NO_ROOM)) return error;
  return new HttpError(
    507,
    `the upload could not be stored in ${where} to be loaded: ${NO_ROOM[code]} (${code}); nothing of it was loaded`,
  );
}
