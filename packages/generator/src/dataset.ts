import type { GenerateOptions } from './options';
import { makeStoreSpecs, type StoreSpec } from './poll-profile';
import { readHoursFile, readZonesFile } from './real-files';
import { makeHoursLines, type HoursLine } from './schedules';
import { makeSpecialLines, type SpecialLine } from './special-days';
import { makeStoreIds } from './store-ids';
import { makeZoneLines, type ZoneLine } from './zones';

/** Everything the four files are written from; the polls themselves are made while writing. */
export interface Dataset {
  /** Header of the weekday column: `day` (2023 export) or `dayOfWeek` (2024 export). */
  dayColumn: string;
  stores: StoreSpec[];
  hours: HoursLine[];
  timeZones: ZoneLine[];
  specialDays: SpecialLine[];
}

/** Generated files use the newer export's header. */
const GENERATED_DAY_COLUMN = 'dayOfWeek';

/** Stores, schedules and zones all made up from the seed. */
export function syntheticDataset(options: GenerateOptions): Dataset {
  const ids = makeStoreIds(options.stores, options.seed);
  const timeZones = makeZoneLines(ids, options.seed);
  return {
    dayColumn: GENERATED_DAY_COLUMN,
    stores: makeStoreSpecs(ids, options),
    hours: makeHoursLines(ids, options.seed),
    timeZones,
    specialDays: makeSpecialLines(ids, timeZones, options),
  };
}

/**
 * The stores of real hours and/or zone files, their rows copied in file order; a file not given
 * is generated for those stores. Stores are the ids of the hours file then the zone file in order
 * of first appearance, the first `options.stores` of them.
 */
export async function realDataset(options: GenerateOptions): Promise<Dataset> {
  const hours = options.hoursFrom === undefined ? undefined : await readHoursFile(options.hoursFrom);
  const zones = options.timezonesFrom === undefined ? undefined : await readZonesFile(options.timezonesFrom);
  const ids = firstAppearance([...(hours?.rows ?? []), ...(zones ?? [])]).slice(0, options.stores);
  const chosen = new Set(ids);
  const timeZones = zones ? zones.filter((row) => chosen.has(row.storeId)) : makeZoneLines(ids, options.seed);
  return {
    dayColumn: hours?.dayColumn ?? GENERATED_DAY_COLUMN,
    stores: makeStoreSpecs(ids, options),
    hours: hours ? hours.rows.filter((row) => chosen.has(row.storeId)) : makeHoursLines(ids, options.seed),
    timeZones,
    // Special days are always generated: the real exports have none.
    specialDays: makeSpecialLines(ids, timeZones, options),
  };
}

/** Real files when any is named, otherwise everything generated. */
export function buildDataset(options: GenerateOptions): Promise<Dataset> {
  const fromFiles = options.hoursFrom !== undefined || options.timezonesFrom !== undefined;
  return fromFiles ? realDataset(options) : Promise.resolve(syntheticDataset(options));
}

function firstAppearance(rows: readonly { storeId: string }[]): string[] {
  return [...new Set(rows.map((row) => row.storeId))];
}
