import { ingestPolls } from '@store-monitor/ingest';
import { POLL_FIELDS, POLLS_CSV_EXAMPLE, POLLS_EXAMPLES } from '../schemas/uploads';
import { uploadRoutes } from '../uploads/upload-route';
import type { UploadKind } from '../uploads/upload-kind';

export const POLLS_UPLOAD: UploadKind = {
  route: '/polls',
  arrayKey: 'polls',
  readerKind: 'polls',
  fields: POLL_FIELDS,
  exampleCsv: POLLS_CSV_EXAMPLE,
  ingest: ingestPolls,
};

/** POST /polls: a polls CSV or `{ "polls": [...] }`. */
export const pollsRoutes = uploadRoutes(POLLS_UPLOAD, POLLS_EXAMPLES);
