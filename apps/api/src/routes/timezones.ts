import { ingestTimeZones } from '@store-monitor/ingest';
import { TIME_ZONE_FIELDS, TIME_ZONES_CSV_EXAMPLE, TIME_ZONES_EXAMPLES } from '../schemas/uploads';
import { uploadRoutes } from '../uploads/upload-route';
import type { UploadKind } from '../uploads/upload-kind';

export const TIME_ZONES_UPLOAD: UploadKind = {
  route: '/timezones',
  arrayKey: 'timezones',
  readerKind: 'time zones',
  fields: TIME_ZONE_FIELDS,
  exampleCsv: TIME_ZONES_CSV_EXAMPLE,
  ingest: ingestTimeZones,
};

/** POST /timezones: a time-zone CSV or `{ "timezones": [...] }`. */
export const timeZonesRoutes = uploadRoutes(TIME_ZONES_UPLOAD, TIME_ZONES_EXAMPLES);
