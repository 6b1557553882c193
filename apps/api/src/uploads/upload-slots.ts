import { HttpError } from '../http-error';

/** Seconds a refused upload is told to wait: a 40 MB upload loads in a few seconds. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * How many uploads one API process loads at once. Each holds a database connection, a spool file
 * and a little memory; more at once would only queue them on the same two cores and the same disk,
 * so an upload beyond the limit is refused at once (503 with Retry-After) rather than read.
 */
export class UploadSlots {
  private busy = 0;

  constructor(readonly limit: number) {}

  /** A release function, or a 503 naming the limit when every slot is taken. */
  take(): () => void {
    if (this.busy >= this.limit) throw saturated(this.limit);
    this.busy++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy--;
    };
  }
}

function saturated(limit: number): HttpError {
  const uploads = limit === 1 ? '1 upload' : `${limit} uploads`;
  return new HttpError(
    503,
    `the API is already loading ${uploads}, its limit (UPLOAD_CONCURRENCY=${limit}); try again in ${RETRY_AFTER_SECONDS} seconds`,
  );
}

// One set of slots per app (its config object), shared by the three upload routes.
const slotsOfApp = new WeakMap<object, UploadSlots>();

export function uploadSlotsOf(config: object, limit: number): UploadSlots {
  let slots = slotsOfApp.get(config);
  if (slots === undefined) {
    slots = new UploadSlots(limit);
    slotsOfApp.set(config, slots);
  }
  return slots;
}
