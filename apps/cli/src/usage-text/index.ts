import { GENERATE_USAGE } from './generate';
import { INGEST_USAGE } from './ingest';
import { REPORT_USAGE } from './report';
import { START_USAGE } from './start';

export { OVERVIEW } from './overview';

/** Each command's own help, shown by `store-monitor <command> --help` and `store-monitor help <command>`. */
export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  report: REPORT_USAGE,
  generate: GENERATE_USAGE,
  ingest: INGEST_USAGE,
  start: START_USAGE,
};
