import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reject } from '../../src';

/** A scratch directory under the OS temp dir, removed by `cleanup()`. */
export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'csv-test-'));

  /** Writes `text` (a string is UTF-8; a Buffer is written byte for byte) and returns its path. */
  file(name: string, text: string | Buffer): string {
    const path = join(this.path, name);
    writeFileSync(path, text);
    return path;
  }

  cleanup(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Options that collect rejects into the returned array. */
export function collecting(): { rejects: Reject[]; onReject: (r: Reject) => void } {
  const rejects: Reject[] = [];
  return { rejects, onReject: (r) => rejects.push(r) };
}

/** Root of the shared sample data, beside the repository. */
export const SHARED_DATA = join(__dirname, '../../../../../shared/data');

/** A store's polls as readPolls hands them over: typed arrays, status as 1/0. */
export function polls(at: number[], active: boolean[]): { at: Float64Array; active: Uint8Array } {
  return { at: Float64Array.from(at), active: Uint8Array.from(active, Number) };
}
