import type { UploadField } from '../uploads/upload-kind';
import type { UploadExamples } from '../uploads/upload-schema';

/** A business-hours row's fields, as the hours reader's header names them (`day` or `dayOfWeek`). */
export const HOURS_FIELDS: readonly UploadField[] = [
  { column: 'store_id', names: ['store_id'], description: 'The store, an opaque string.' },
  { column: 'day', names: ['day', 'dayOfWeek'], integer: true, description: 'The weekday, 0 (Monday) to 6 (Sunday).' },
  { column: 'start_time_local', names: ['start_time_local'], description: 'Local opening time, like 09:00 or 09:00:00.' },
  { column: 'end_time_local', names: ['end_time_local'], description: 'Local closing time, like 17:00; 24:00 is the end of the day, and an end before the start runs past midnight.' },
];

export const HOURS_CSV_EXAMPLE = 'store_id,dayOfWeek,start_time_local,end_time_local\n1481966498820158979,0,09:00:00,17:00:00\n1481966498820158979,9,09:00:00,17:00:00\n';

export const HOURS_EXAMPLES: UploadExamples = {
  summary: 'Set business hours (CSV with store_id,dayOfWeek,start_time_local,end_time_local, or JSON)',
  description:
    'Each store in the body gets exactly the rows the body gives it (they replace its stored hours); other stores keep theirs. ' +
    'A store with no hours at all is open all week.',
  json: {
    business_hours: [
      { store_id: '8139926242460185114', dayOfWeek: 0, start_time_local: '09:00:00', end_time_local: '17:00:00' },
      { store_id: '8139926242460185114', dayOfWeek: 1, start_time_local: '09:00:00' },
    ],
  },
  csvReject: { line: 3, reason: 'dayOfWeek: "9" is not a weekday number 0-6', raw: '1481966498820158979,9,09:00:00,17:00:00' },
  jsonReject: {
    index: 1,
    reason: 'business_hours[1]: end_time_local is missing',
    raw: '{"store_id":"8139926242460185114","dayOfWeek":1,"start_time_local":"09:00:00"}',
  },
};
