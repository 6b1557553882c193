export const GENERATE_USAGE = `store-monitor generate: a deterministic, realistic data set in the report's three files

Usage:
  store-monitor generate --out DIR [--stores N] [--days D] [--seed S] [--end INSTANT]
                         [--hours-from F] [--timezones-from F]

Options:
  --out DIR             the folder to write store_status.csv, menu_hours.csv and timezones.csv into
                        (required; made when missing)
  --stores N            how many stores, 1 to 10000000 (default: 200)
  --days D              how many days of polls, 1 to 366 (default: 8)
  --seed S              the random seed, 0 to 4294967295; the same options give the same bytes
                        (default: 1)
  --end INSTANT         when the polls end (default: 2024-04-07T00:30:00Z)
  --hours-from F        reuse the business hours of a real menu_hours.csv and poll those stores
  --timezones-from F    reuse the zones of a real timezones.csv
  -h, --help            show this help

Example:
  store-monitor generate --out /tmp/big --stores 10000 --days 8

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments or a folder that cannot be written.
`;
