export const INGEST_USAGE = `store-monitor ingest: load the report's files into PostgreSQL (DATABASE_URL)

Usage:
  store-monitor ingest (--data DIR | --polls F | --hours F | --timezones F ...) [--rejects FILE]

Options:
  --data DIR        load store_status.csv, menu_hours.csv and timezones.csv from DIR; only the polls
                    file must exist
  --polls F         a polls file; may be given more than once
  --hours F         a business-hours file; may be given more than once
  --timezones F     a time-zone file; may be given more than once
  --rejects FILE    write every rejected input row to FILE as CSV (default: the first 5 are listed
                    on standard error, as always)
  -h, --help        show this help

Each file loads in one transaction; loading a file again adds nothing. Time zones and business
hours load before polls. "store-monitor report --db" then reports on what was loaded.

Example:
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/store_monitor store-monitor ingest --data data

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments, unreadable input or an unusable database.
`;
