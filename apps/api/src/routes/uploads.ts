import { ingestHours, ingestPolls, ingestSpecialHours, ingestTimeZones } from '@store-monitor/ingest';
import {
  HOURS_CSV_EXAMPLE,
  HOURS_EXAMPLES,
  HOURS_FIELDS,
  POLL_FIELDS,
  POLLS_CSV_EXAMPLE,
  POLLS_EXAMPLES,
  SPECIAL_HOURS_CSV_EXAMPLE,
  SPECIAL_HOURS_EXAMPLES,
  SPECIAL_HOURS_FIELDS,
  TIME_ZONE_FIELDS,
  TIME_ZONES_CSV_EXAMPLE,
  TIME_ZONES_EXAMPLES,
} from '../schemas/uploads';
import type { UploadKind } from '../uploads/upload-kind';
import { uploadRoutes } from '../uploads/upload-route';

const POLLS_UPLOAD: UploadKind = {
  route: '/polls',
  arrayKey: 'polls',
  readerKind: 'polls',
  fields: POLL_FIELDS,
  exampleCsv: POLLS_CSV_EXAMPLE,
  ingest: ingestPolls,
};

const HOURS_UPLOAD: UploadKind = {
  route: '/business_hours',
  arrayKey: 'business_hours',
  readerKind: 'business hours',
  fields: HOURS_FIELDS,
  exampleCsv: HOURS_CSV_EXAMPLE,
  ingest: ingestHours,
};

const TIME_ZONES_UPLOAD: UploadKind = {
  route: '/timezones',
  arrayKey: 'timezones',
  readerKind: 'time zones',
  fields: TIME_ZONE_FIELDS,
  exampleCsv: TIME_ZONES_CSV_EXAMPLE,
  ingest: ingestTimeZones,
};

const SPECIAL_HOURS_UPLOAD: UploadKind = {
  route: '/special_hours',
  arrayKey: 'special_hours',
  readerKind: 'special hours',
  fields: SPECIAL_HOURS_FIELDS,
  exampleCsv: SPECIAL_HOURS_CSV_EXAMPLE,
  ingest: ingestSpecialHours,
};

/** POST /polls: a polls CSV or `{ "polls": [...] }`. */
export const pollsRoutes = uploadRoutes(POLLS_UPLOAD, POLLS_EXAMPLES);

/** POST /business_hours: a business-hours CSV or `{ "business_hours": [...] }`. */
export const businessHoursRoutes = uploadRoutes(HOURS_UPLOAD, HOURS_EXAMPLES);

/** POST /timezones: a time-zone CSV or `{ "timezones": [...] }`. */
export const timeZonesRoutes = uploadRoutes(TIME_ZONES_UPLOAD, TIME_ZONES_EXAMPLES);

/** POST /special_hours: a special-days CSV or `{ "special_hours": [...] }`. */
export const specialHoursRoutes = uploadRoutes(SPECIAL_HOURS_UPLOAD, SPECIAL_HOURS_EXAMPLES);
