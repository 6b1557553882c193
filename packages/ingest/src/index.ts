export { ingestPolls, type IngestOptions } from './ingest-polls';
export { ingestHours } from './ingest-hours';
export { ingestTimeZones } from './ingest-time-zones';
export type { IngestKind, IngestSummary, SourceOptions } from './ingest-summary';
