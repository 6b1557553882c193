export const OVERVIEW = `store-monitor: uptime and downtime of stores inside their business hours

Usage:
  store-monitor report [--data DIR | --polls F ... | --db] [--as-of INSTANT] [options]
  store-monitor generate --out DIR [--stores N] [--days D] [--seed S] [options]
  store-monitor ingest (--data DIR | --polls F | --hours F | --timezones F ...) [--rejects FILE]
  store-monitor start [--workers N]
  store-monitor <command> --help       a command's options, defaults and an example
  store-monitor --version

Commands:
  report    the report CSV from the files (default: the bundled sample data) or, with --db, from
            PostgreSQL; CSV to standard output or --out, a summary to standard error
  generate  a deterministic, realistic data set in the same three files
  ingest    loads the files into PostgreSQL (DATABASE_URL); loading a file again adds nothing
  start     runs the product here: the API and its workers, until Ctrl-C

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments or unreadable input.
`;
