export const START_USAGE = `store-monitor start: run the product on this machine until Ctrl-C

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
