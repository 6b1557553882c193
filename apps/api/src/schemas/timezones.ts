import type { UploadField } from '../uploads/upload-kind';
import type { UploadExamples } from '../uploads/upload-schema';

/** A time-zone row's fields, as the time-zone reader's header names them. */
export const TIME_ZONE_FIELDS: readonly UploadField[] = [
  { column: 'store_id', names: ['store_id'], description: 'The store, an opaque string.' },
  { column: 'timezone_str', names: ['timezone_str'], description: 'An IANA time zone, like America/Chicago.' },
];

export const TIME_ZONES_CSV_EXAMPLE = 'store_id,timezone_str\n1481966498820158979,America/Chicago\n1481966498820158979,Mars/Base\n';

export const TIME_ZONES_EXAMPLES: UploadExamples = {
  summary: 'Set stores\' time zones (CSV with store_id,timezone_str, or JSON)',
  description: 'A store\'s zone replaces the one stored; the last row for a store wins. A store with no zone is in America/Chicago.',
  json: { timezones: [{ store_id: '8139926242460185114', timezone_str: 'America/Chicago' }, { store_id: '8139926242460185114' }] },
  csvReject: { line: 3, reason: 'timezone_str: "Mars/Base" is not a known time zone', raw: '1481966498820158979,Mars/Base' },
  jsonReject: { index: 1, reason: 'timezones[1]: timezone_str is missing', raw: '{"store_id":"8139926242460185114"}' },
};
