import { deal, type Weighted } from './deck';
import { rngFor, STREAM } from './random';

/**
 * Zones with DST in both hemispheres, half- and quarter-hour offsets (St_Johns, Adelaide, Lord_Howe
 * with its half-hour DST, Kolkata, Kathmandu) and none (Phoenix, Kolkata), weighted toward the US
 * like the real data. `null` is a store without a zone row, which uses the default zone.
 */
export const ZONE_WEIGHTS: Weighted<string | null> = [
  ['America/New_York', 28],
  ['America/Chicago', 11],
  ['America/Los_Angeles', 15],
  ['America/Denver', 4],
  ['America/Phoenix', 4],
  ['America/St_Johns', 2],
  ['Europe/Berlin', 3],
  ['Europe/London', 3],
  ['Australia/Sydney', 3],
  ['Australia/Lord_Howe', 2],
  ['Australia/Adelaide', 2],
  ['Pacific/Auckland', 2],
  ['America/Santiago', 2],
  ['Asia/Kolkata', 2],
  ['Asia/Kathmandu', 2],
  ['Asia/Beirut', 2],
  [null, 5],
];

export const ZONES: readonly string[] = ZONE_WEIGHTS.flatMap(([zone]) => (zone === null ? [] : [zone]));

/** One zone (or `null`: no row) per store, in store order. */
export function assignZones(count: number, seed: number): (string | null)[] {
  return deal(ZONE_WEIGHTS, count, rngFor(seed, STREAM.zones));
}

/** One row of a time-zone file. */
export interface ZoneLine {
  storeId: string;
  timeZone: string;
}

/** Time-zone rows for these stores in store order; stores dealt `null` get none. */
export function makeZoneLines(storeIds: readonly string[], seed: number): ZoneLine[] {
  const zones = assignZones(storeIds.length, seed);
  return storeIds.flatMap((storeId, i) => {
    const timeZone = zones[i];
    return timeZone === null ? [] : [{ storeId, timeZone }];
  });
}
