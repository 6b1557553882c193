// Every help text the command prints: the overview and each command's own.

export const OVERVIEW = `store-monitor: uptime and downtime of stores inside their business hours

Usage:
  store-monitor report [--data DIR | --polls F ... | --db] [--as-of INSTANT] [options]
  store-monitor generate --out DIR [--stores N] [--days D] [--seed S] [options]
  store-monitor ingest (--data DIR | --polls F | --hours F | --timezones F | --special-hours F ...)
                       [--rejects FILE]
  store-monitor explain --store ID [--data DIR | --polls F ... | --db] [--as-of INSTANT] [options]
  store-monitor start [--workers N]
  store-monitor <command> --help       a command's options, defaults and an example
  store-monitor --version

Commands:
  report    the report CSV from the files (default: the bundled sample data) or, with --db, from
            PostgreSQL; CSV to standard output or --out, a summary to standard error
  generate  a deterministic, realistic data set in the same files, special days included
  ingest    loads the files into PostgreSQL (DATABASE_URL); loading a file again adds nothing
  explain   one store's week: each stretch of business time up, down or unknown, the poll it comes
            from, and the totals of its report row; --svg draws it
  start     runs the product here: the API and its workers, until Ctrl-C

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments or unreadable input.
`;

const REPORT_USAGE = `store-monitor report: uptime and downtime per store inside business hours, as CSV

Usage:
  store-monitor report [--data DIR | --polls F [--hours F] [--timezones F] [--special-hours F] | --db]
                       [--as-of INSTANT] [--as-of-margin DURATION] [--policy nearest|forward]
                       [--max-gap DURATION] [--out FILE] [--rejects FILE]

Options:
  --data DIR               read store_status.csv, menu_hours.csv, timezones.csv and special_hours.csv
                           from DIR; only the polls file must exist (default: the bundled sample data)
  --polls F                the polls file, named on its own
  --hours F                the business-hours file, with --polls (default: none, open 24x7)
  --timezones F            the time-zone file, with --polls (default: none, America/Chicago)
  --special-hours F        the special-days file, with --polls: a store's rows for a local date
                           (YYYY-MM-DD) replace its weekly hours that date; both times empty means
                           closed (default: none, the weekly hours every day)
  --db                     read what "store-monitor ingest" loaded into PostgreSQL (DATABASE_URL)
  --as-of INSTANT          the report's now, such as 2024-04-06T12:00:00Z or 2024-04-06 12:00:00 UTC;
                           from the first poll to --as-of-margin after the latest (default: the latest poll)
  --as-of-margin DURATION  how far past the latest poll --as-of may be, such as 36h or 2h30m (default: 1d)
  --policy POLICY          how status is estimated between polls: nearest or forward (default: nearest)
  --max-gap DURATION       business time farther than this from the polls it rests on is unknown, not up
                           or down, and three columns unknown_last_hour, unknown_last_day and
                           unknown_last_week follow the seven; such as 90m, 2h, 1h30m or PT2H
                           (default: none, every instant is up or down)
  --out FILE               write the CSV to FILE, atomically (default: standard output)
  --rejects FILE           write every rejected input row to FILE as CSV (default: the first 5 are
                           listed on standard error, as always)
  -h, --help               show this help

A summary line (stores, polls read, special days read, rows rejected, now, policy, max gap,
seconds) goes to standard error.

Example:
  store-monitor report --data data --as-of 2024-04-06T12:00:00Z --out report.csv
  store-monitor report --polls polls.csv --hours hours.csv --special-hours holidays.csv --max-gap 2h

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments (an --as-of outside the data too),
unreadable input or an unusable database.
`;

const GENERATE_USAGE = `store-monitor generate: a deterministic, realistic data set in the report's four files

Usage:
  store-monitor generate --out DIR [--stores N] [--days D] [--seed S] [--end INSTANT]
                         [--special-days PERCENT] [--hours-from F] [--timezones-from F]

Options:
  --out DIR             the folder to write store_status.csv, menu_hours.csv, timezones.csv and
                        special_hours.csv into (required; made when missing)
  --stores N            how many stores, 1 to 10000000 (default: 200)
  --days D              how many days of polls, 1 to 366 (default: 8)
  --seed S              the random seed, 0 to 4294967295; the same options give the same bytes
                        (default: 1)
  --end INSTANT         when the polls end (default: 2024-04-07T00:30:00Z)
  --special-days PERCENT
                        the share of stores, 0 to 100, given special days in special_hours.csv:
                        holidays closed or short, an evening open past midnight (default: 10)
  --hours-from F        reuse the business hours of a real menu_hours.csv and poll those stores
  --timezones-from F    reuse the zones of a real timezones.csv
  -h, --help            show this help

Example:
  store-monitor generate --out /tmp/big --stores 10000 --days 8

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments or a folder that cannot be written.
`;

const INGEST_USAGE = `store-monitor ingest: load the report's files into PostgreSQL (DATABASE_URL)

Usage:
  store-monitor ingest (--data DIR | --polls F | --hours F | --timezones F | --special-hours F ...)
                       [--rejects FILE]

Options:
  --data DIR          load store_status.csv, menu_hours.csv, timezones.csv and special_hours.csv
                      from DIR; only the polls file must exist
  --polls F           a polls file; may be given more than once
  --hours F           a business-hours file; may be given more than once
  --timezones F       a time-zone file; may be given more than once
  --special-hours F   a special-days file; may be given more than once
  --rejects FILE      write every rejected input row to FILE as CSV (default: the first 5 are listed
                      on standard error, as always)
  -h, --help          show this help

Each file loads in one transaction; loading a file again adds nothing. A newer special-days file
replaces a store's rows for the dates it names. Time zones, business hours and special days load
before polls. "store-monitor report --db" then reports on what was loaded.

Example:
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/store_monitor store-monitor ingest --data data

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments, unreadable input or an unusable database.
`;

const EXPLAIN_USAGE = `store-monitor explain: why one store's report row is what it is

Usage:
  store-monitor explain --store ID [--data DIR | --polls F [--hours F] [--timezones F]
                        [--special-hours F] | --db] [--as-of INSTANT] [--policy nearest|forward]
                        [--max-gap DURATION] [--svg FILE]

Options:
  --store ID               the store to explain, its id exactly as in the data (required)
  --data DIR               read store_status.csv, menu_hours.csv, timezones.csv and special_hours.csv
                           from DIR, as report does (default: the bundled sample data)
  --polls F                the polls file, named on its own
  --hours F                the business-hours file, with --polls (default: none, open 24x7)
  --timezones F            the time-zone file, with --polls (default: none, America/Chicago)
  --special-hours F        the special-days file, with --polls (default: none)
  --db                     read what "store-monitor ingest" loaded into PostgreSQL (DATABASE_URL):
                           only this store's polls, hours and special days
  --as-of INSTANT          the report's now, such as 2024-04-06T12:00:00Z (default: the latest poll of
                           any store, as in the report); from the first poll to 1d after the latest
  --policy POLICY          how status is estimated between polls: nearest or forward (default: nearest)
  --max-gap DURATION       business time farther than this from the polls it rests on is unknown, such
                           as 90m, 2h or PT2H (default: none)
  --svg FILE               also draw the timeline as an SVG picture into FILE: one row per local day
  -h, --help               show this help

It prints a table of the week window's business time in segments: the local date, local start and
end in the store's zone (with its UTC offset), start and end in UTC, the status (up, down or
unknown), the poll that status comes from and the length; then the totals per window, which are the
store's row of "store-monitor report" with the same options, and that row as the report writes it.

Example:
  store-monitor explain --data data --store 42 --policy forward --max-gap 2h --svg store-42.svg
  store-monitor explain --db --store 42 --as-of 2024-04-06T12:00:00Z

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments (an --as-of outside the data too), a store
with no poll at or before now, unreadable input or an unusable database.
`;

const START_USAGE = `store-monitor start: run the product on this machine until Ctrl-C

Usage:
  store-monitor start [--workers N]

Options:
  --workers N   how many report workers to run, 0 to 64 (default: 1)
  -h, --help    show this help

It migrates the database (DATABASE_URL), loads the sample data when the database holds no polls,
then runs the API (HOST, PORT) and the workers (REDIS_URL) and prints their addresses.

Example:
  PORT=8081 store-monitor start --workers 2

Exit codes: 0 stopped cleanly, 1 a service failed, 2 bad arguments, a busy port or an unusable database.
`;

/** Each command's own help, shown by `store-monitor <command> --help` and `store-monitor help <command>`. */
export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  report: REPORT_USAGE,
  generate: GENERATE_USAGE,
  ingest: INGEST_USAGE,
  explain: EXPLAIN_USAGE,
  start: START_USAGE,
};
