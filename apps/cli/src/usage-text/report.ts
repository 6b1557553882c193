export const REPORT_USAGE = `store-monitor report: uptime and downtime per store inside business hours, as CSV

Usage:
  store-monitor report [--data DIR | --polls F [--hours F] [--timezones F] | --db]
                       [--as-of INSTANT] [--as-of-margin DURATION] [--policy nearest|forward]
                       [--out FILE] [--rejects FILE]

Options:
  --data DIR               read store_status.csv, menu_hours.csv and timezones.csv from DIR; only the
                           polls file must exist (default: the bundled sample data)
  --polls F                the polls file, named on its own
  --hours F                the business-hours file, with --polls (default: none, open 24x7)
  --timezones F            the time-zone file, with --polls (default: none, America/Chicago)
  --db                     read what "store-monitor ingest" loaded into PostgreSQL (DATABASE_URL)
  --as-of INSTANT          the report's now, such as 2024-04-06T12:00:00Z or 2024-04-06 12:00:00 UTC;
                           from the first poll to --as-of-margin after the latest (default: the latest poll)
  --as-of-margin DURATION  how far past the latest poll --as-of may be, such as 36h or 2h30m (default: 1d)
  --policy POLICY          how status is estimated between polls: nearest or forward (default: nearest)
  --out FILE               write the CSV to FILE, atomically (default: standard output)
  --rejects FILE           write every rejected input row to FILE as CSV (default: the first 5 are
                           listed on standard error, as always)
  -h, --help               show this help

A summary line (stores, polls read, rows rejected, now, policy, seconds) goes to standard error.

Example:
  store-monitor report --data data --as-of 2024-04-06T12:00:00Z --out report.csv

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments (an --as-of outside the data too),
unreadable input or an unusable database.
`;
