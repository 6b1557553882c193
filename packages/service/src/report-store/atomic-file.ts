import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes `path` so that a reader, even after a crash, sees either no file or the whole of it: a
 * temporary file beside it (rename is atomic only within one file system), flushed, renamed into
 * place, then the folder flushed so the rename itself is durable. The temporary name is new for
 * every call, so two writers of the same path never write into each other's file.
 */
export async function writeFileAtomically(
  path: string,
  pieces: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const dir = dirname(path);
  const temporary = join(dir, `.${randomUUID()}.tmp`);
  try {
    await writeAndSync(temporary, pieces);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

async function writeAndSync(path: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const file = await open(path, 'wx');
  try {
    for await (const piece of pieces) await file.write(piece);
    // Flushed before the rename: after a crash the final name must never point at missing data.
    await file.sync();
  } finally {
    await file.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
