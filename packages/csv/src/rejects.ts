/** One data row that could not be used. The rest of the file is still read. */
export interface Reject {
  /** The path of the file, as given by the caller. */
  file: string;
  /** 1-based physical line number where the row starts (the header is line 1). */
  line: number;
  /** Names the column and the problem, e.g. `status: "open" is not active or inactive`. */
  reason: string;
  /** The row's original text (its lines, without the final line break). */
  raw: string;
}

/**
 * Counts every reject and keeps up to `keep` of them for a rejects file; a file full of bad rows
 * must not turn into millions of kept objects unless the caller asks for that.
 */
export class RejectCollector {
  readonly kept: Reject[] = [];
  count = 0;

  constructor(private readonly keep = Number.POSITIVE_INFINITY) {}

  /** Bound to the instance so it can be passed directly as `onReject`. */
  readonly add = (reject: Reject): void => {
    this.count++;
    if (this.kept.length < this.keep) this.kept.push(reject);
  };
}
