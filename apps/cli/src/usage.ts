export const USAGE = `store-monitor: uptime and downtime of stores inside their business hours

Usage:
  store-monitor report [--data DIR | --polls F [--hours F] [--timezones F] | --db]
                       [--as-of ISO] [--policy nearest|forward] [--out FILE] [--rejects FILE]
  store-monitor generate --out DIR [--stores N] [--days D] [--seed S] [--end ISO]
                       [--hours-from F] [--timezones-from F]
  store-monitor ingest (--data DIR | --polls F | --hours F | --timezones F ...) [--rejects FILE]
  store-monitor start [--workers N]

report    reads store_status.csv, menu_hours.csv and timezones.csv (from --data DIR, default: the
          bundled sample data) and writes the report CSV to --out or standard output. A summary
          goes to standard error. Rejected rows are listed there and, with --rejects, written as CSV.
          With --db it reads what "ingest" loaded into PostgreSQL (DATABASE_URL) instead.
generate  writes a deterministic, realistic data set in the same three files.
ingest    loads the files into PostgreSQL (DATABASE_URL), each file in one transaction; loading a
          file again adds nothing. Rejected rows are listed as in report.
start     runs the product here: migrates the database, loads the sample data when it holds no
          polls, then runs the API and N workers (default 1) until Ctrl-C, and prints their URLs.

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments or unreadable input.
`;
