import type { Reject } from './rejects';

export interface ReadOptions {
  /** Called once per rejected row, in file order. */
  onReject?: (reject: Reject) => void;
  /** Called after each chunk of the file is read. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Awaited after each chunk when it returns a promise: backpressure for a consumer that writes
   * rows on (to a database, say) and must not let them pile up in memory.
   */
  afterChunk?: () => Promise<void> | undefined;
  /** Polls only: the current time in ms (default: Date.now() when the read starts). */
  now?: number;
  /** Polls only: a poll later than `now` plus this is rejected as in the future (default 1 hour). */
  futureAllowanceMs?: number;
  /**
   * readPolls only: read the export's plain lines, and sort each store's polls, in the compiled
   * module (default true). False does both in TypeScript, to the same result (the tests compare).
   */
  compiledScan?: boolean;
}

export interface ReadCounts {
  /** Data rows seen: every non-blank row after the header, used or rejected. */
  read: number;
  rejected: number;
}
