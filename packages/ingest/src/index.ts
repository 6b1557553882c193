export { ingestPolls } from './ingest-polls';
export { ingestHours } from './ingest-hours';
export { ingestTimeZones } from './ingest-time-zones';
export type { IngestSummary, SourceOptions } from './ingest-summary';
