import type { UploadField } from '../uploads/upload-kind';
import type { UploadExamples } from '../uploads/upload-schema';

/** A poll's fields, as the polls reader's header names them. */
export const POLL_FIELDS: readonly UploadField[] = [
  { column: 'store_id', names: ['store_id'], description: 'The store, an opaque string.' },
  { column: 'status', names: ['status'], description: 'active or inactive, any case.' },
  { column: 'timestamp_utc', names: ['timestamp_utc'], description: 'Like 2023-01-22 12:09:39.388884 UTC, or ISO 8601 with Z or an offset.' },
];

export const POLLS_CSV_EXAMPLE = 'store_id,status,timestamp_utc\n1481966498820158979,active,2023-01-22 12:09:39.388884 UTC\n1481966498820158979,open,2023-01-22 13:09:39 UTC\n';

export const POLLS_EXAMPLES: UploadExamples = {
  summary: 'Add polls (CSV with store_id,status,timestamp_utc, or JSON); repeating a body adds nothing',
  description: 'The polls are added to those stored; a poll at an instant already stored replaces its status.',
  json: {
    polls: [
      { store_id: '8139926242460185114', status: 'active', timestamp_utc: '2023-01-22 12:09:39.388884 UTC' },
      { store_id: '8139926242460185114', status: 'inactive' },
    ],
  },
  csvReject: { line: 3, reason: 'status: "open" is not active or inactive', raw: '1481966498820158979,open,2023-01-22 13:09:39 UTC' },
  jsonReject: { index: 1, reason: 'polls[1]: timestamp_utc is missing', raw: '{"store_id":"8139926242460185114","status":"inactive"}' },
};
