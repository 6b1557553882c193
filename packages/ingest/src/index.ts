export { ingestPolls } from './ingest-polls';
export { ingestHours } from './ingest-hours';
export { ingestTimeZones } from './ingest-time-zones';
export { ingestSpecialHours } from './ingest-special-hours';
export type { IngestSummary, SourceOptions } from './ingest-summary';
