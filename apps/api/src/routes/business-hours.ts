import { ingestHours } from '@store-monitor/ingest';
import { HOURS_CSV_EXAMPLE, HOURS_EXAMPLES, HOURS_FIELDS } from '../schemas/uploads';
import { uploadRoutes } from '../uploads/upload-route';
import type { UploadKind } from '../uploads/upload-kind';

export const HOURS_UPLOAD: UploadKind = {
  route: '/business_hours',
  arrayKey: 'business_hours',
  readerKind: 'business hours',
  fields: HOURS_FIELDS,
  exampleCsv: HOURS_CSV_EXAMPLE,
  ingest: ingestHours,
};

/** POST /business_hours: a business-hours CSV or `{ "business_hours": [...] }`. */
export const businessHoursRoutes = uploadRoutes(HOURS_UPLOAD, HOURS_EXAMPLES);
