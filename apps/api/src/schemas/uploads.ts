import type { UploadField } from '../uploads/upload-kind';
import type { UploadExamples } from '../uploads/upload-schema';

/**
 * What the three upload routes document: each kind's fields (as its CSV reader's header names
 * them), an example CSV and the OpenAPI examples of its bodies and rejects.
 */

// --- POST /polls

/** A poll's fields, as the polls reader's header names them. */
export const POLL_FIELDS: readonly UploadField[] = [
  { column: 'store_id', names: ['store_id'], description: 'The store, an opaque string.' },
  { column: 'status', names: ['status'], description: 'active or inactive, any case.' },
  {
    column: 'timestamp_utc',
    names: ['timestamp_utc'],
    description: 'Like 2023-01-22 12:09:39.388884 UTC, or ISO 8601 with Z or an offset.',
  },
];

export const POLLS_CSV_EXAMPLE =
  'store_id,status,timestamp_utc\n1481966498820158979,active,2023-01-22 12:09:39.388884 UTC\n' +
  '1481966498820158979,open,2023-01-22 13:09:39 UTC\n';

export const POLLS_EXAMPLES: UploadExamples = {
  summary: 'Add polls (CSV with store_id,status,timestamp_utc, or JSON); repeating a body adds nothing',
  description: 'The polls are added to those stored; a poll at an instant already stored replaces its status.',
  json: {
    polls: [
      { store_id: '8139926242460185114', status: 'active', timestamp_utc: '2023-01-22 12:09:39.388884 UTC' },
      { store_id: '8139926242460185114', status: 'inactive' },
    ],
  },
  csvReject: {
    line: 3,
    reason: 'status: "open" is not active or inactive',
    raw: '1481966498820158979,open,2023-01-22 13:09:39 UTC',
  },
  jsonReject: {
    index: 1,
    reason: 'polls[1]: timestamp_utc is missing',
    raw: '{"store_id":"8139926242460185114","status":"inactive"}',
  },
};

// --- POST /business_hours

/** A business-hours row's fields, as the hours reader's header names them (`day` or `dayOfWeek`). */
export const HOURS_FIELDS: readonly UploadField[] = [
  { column: 'store_id', names: ['store_id'], description: 'The store, an opaque string.' },
  { column: 'day', names: ['day', 'dayOfWeek'], integer: true, description: 'The weekday, 0 (Monday) to 6 (Sunday).' },
  {
    column: 'start_time_local',
    names: ['start_time_local'],
    description: 'Local opening time, like 09:00 or 09:00:00.',
  },
  {
    column: 'end_time_local',
    names: ['end_time_local'],
    description:
      'Local closing time, like 17:00; 24:00 is the end of the day, and an end before the start runs past midnight.',
  },
];

export const HOURS_CSV_EXAMPLE =
  'store_id,dayOfWeek,start_time_local,end_time_local\n1481966498820158979,0,09:00:00,17:00:00\n' +
  '1481966498820158979,9,09:00:00,17:00:00\n';

export const HOURS_EXAMPLES: UploadExamples = {
  summary: 'Set business hours (CSV with store_id,dayOfWeek,start_time_local,end_time_local, or JSON)',
  description:
    'Each store in the body gets exactly the rows the body gives it (they replace its stored hours); other ' +
    'stores keep theirs. ' +
    'A store with no hours at all is open all week.',
  json: {
    business_hours: [
      { store_id: '8139926242460185114', dayOfWeek: 0, start_time_local: '09:00:00', end_time_local: '17:00:00' },
      { store_id: '8139926242460185114', dayOfWeek: 1, start_time_local: '09:00:00' },
    ],
  },
  csvReject: {
    line: 3,
    reason: 'dayOfWeek: "9" is not a weekday number 0-6',
    raw: '1481966498820158979,9,09:00:00,17:00:00',
  },
  jsonReject: {
    index: 1,
    reason: 'business_hours[1]: end_time_local is missing',
    raw: '{"store_id":"8139926242460185114","dayOfWeek":1,"start_time_local":"09:00:00"}',
  },
};

// --- POST /timezones

/** A time-zone row's fields, as the time-zone reader's header names them. */
export const TIME_ZONE_FIELDS: readonly UploadField[] = [
  { column: 'store_id', names: ['store_id'], description: 'The store, an opaque string.' },
  { column: 'timezone_str', names: ['timezone_str'], description: 'An IANA time zone, like America/Chicago.' },
];

export const TIME_ZONES_CSV_EXAMPLE =
  'store_id,timezone_str\n1481966498820158979,America/Chicago\n1481966498820158979,Mars/Base\n';

export const TIME_ZONES_EXAMPLES: UploadExamples = {
  summary: "Set stores' time zones (CSV with store_id,timezone_str, or JSON)",
  description:
    "A store's zone replaces the one stored; the last row for a store wins. A store with no zone is in " +
    'America/Chicago.',
  json: {
    timezones: [
      { store_id: '8139926242460185114', timezone_str: 'America/Chicago' },
      { store_id: '8139926242460185114' },
    ],
  },
  csvReject: {
    line: 3,
    reason: 'timezone_str: "Mars/Base" is not a known time zone',
    raw: '1481966498820158979,Mars/Base',
  },
  jsonReject: { index: 1, reason: 'timezones[1]: timezone_str is missing', raw: '{"store_id":"8139926242460185114"}' },
};

// --- POST /special_hours

/** A special day's fields, as the special-hours reader's header names them. */
export const SPECIAL_HOURS_FIELDS: readonly UploadField[] = [
  { column: 'store_id', names: ['store_id'], description: 'The store, an opaque string.' },
  {
    column: 'date',
    names: ['date'],
    description: "The local calendar date, YYYY-MM-DD, in the store's time zone.",
  },
  {
    column: 'start_time_local',
    names: ['start_time_local'],
    mayBeEmpty: true,
    description: 'Local opening time on that date, like 09:00; empty (or null, or left out) with the end: closed.',
  },
  {
    column: 'end_time_local',
    names: ['end_time_local'],
    mayBeEmpty: true,
    description:
      'Local closing time, like 17:00; 24:00 is the end of the day, and an end before the start runs past ' +
      'midnight. Empty (or null, or left out) with the start: closed that date.',
  },
];

export const SPECIAL_HOURS_CSV_EXAMPLE =
  'store_id,date,start_time_local,end_time_local\n1481966498820158979,2024-12-25,,\n' +
  '1481966498820158979,2024-02-30,12:00,14:00\n';

export const SPECIAL_HOURS_EXAMPLES: UploadExamples = {
  summary:
    'Set special days: holidays and one-off hours (CSV with store_id,date,start_time_local,end_time_local, or JSON)',
  description:
    "A store's rows for a date replace its weekly hours for that local date (both times empty: closed all " +
    'that date); a newer upload replaces the rows of the dates it names, for the stores it names, and leaves ' +
    'other dates and stores alone.',
  json: {
    special_hours: [
      { store_id: '8139926242460185114', date: '2024-12-24', start_time_local: '09:00', end_time_local: '13:00' },
      { store_id: '8139926242460185114', date: '2024-12-25', start_time_local: '09:00', end_time_local: null },
    ],
  },
  csvReject: {
    line: 3,
    reason: 'date: "2024-02-30" is not a real date written YYYY-MM-DD',
    raw: '1481966498820158979,2024-02-30,12:00,14:00',
  },
  jsonReject: {
    index: 1,
    reason: 'special_hours[1]: end_time_local: is empty (start_time_local is not; both empty means closed)',
    raw: '{"store_id":"8139926242460185114","date":"2024-12-25","start_time_local":"09:00","end_time_local":null}',
  },
};
