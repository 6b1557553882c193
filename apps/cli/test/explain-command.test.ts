/**
 * store-monitor explain: the contract's examples segment by segment, from files and from the
 * database (the same text from both); its totals and row are the `report` row of that store on
 * generated data with special days, both policies, with and without a max gap; bad calls exit 2.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase } from '@store-monitor/db';
import { testDatabaseUrl } from '@store-monitor/test-support';
import { OPTIONS } from '../src/commands/explain';
import { COMMAND_USAGE } from '../src/usage-text';
import { fixtureDir, runCli } from './run-cli';

const database = testDatabaseUrl();
const env = { DATABASE_URL: database.url };

/** The contract's Monday example: store 1 in New York; store 2's poll makes now 17:00 UTC. */
const MONDAY = fixtureDir({
  'store_status.csv': [
    'store_id,status,timestamp_utc',
    '1,active,2024-01-08 13:50:00 UTC',
    '1,inactive,2024-01-08 14:50:00 UTC',
    '2,active,2024-01-08 17:00:00 UTC',
    '',
  ].join('\n'),
  'menu_hours.csv': 'store_id,day,start_time_local,end_time_local\n1,0,09:00,17:00\n',
  'timezones.csv': 'store_id,timezone_str\n1,America/New_York\n',
});

/** The contract's unknown-time example: store s open 24x7 in Chicago (no zone row). */
const UNKNOWN = fixtureDir({
  'store_status.csv': 'store_id,status,timestamp_utc\ns,active,2024-01-10T08:00:00Z\ns,inactive,2024-01-10T11:30:00Z\n',
});
const UNKNOWN_NOW = '2024-01-10T12:00:00Z';

const SEGMENT_HEADER = ['local date', 'local start-end', 'utc start', 'utc end', 'status', 'from poll (utc)', 'length'];

/** The segment table's rows, each cut into its cells (columns stand two or more spaces apart). */
function segmentRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('local date'));
  expect(lines[start].split(/ {2,}/)).toEqual(SEGMENT_HEADER);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end).map((line) => line.split(/ {2,}/));
}

/** The last two lines: the CSV header and the row, as `report` writes them. */
const rowLines = (stdout: string): string[] => stdout.trimEnd().split('\n').slice(-2);

function explain(args: string[], extraEnv: Record<string, string> = {}) {
  const result = runCli(['explain', ...args], extraEnv);
  if (result.status !== 0) throw new Error(`explain ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  await migrateDatabase(database.url);
  // Both examples in one database: --as-of gives each its own now there.
  for (const dir of [MONDAY, UNKNOWN]) expect(runCli(['ingest', '--data', dir], env).status).toBe(0);
}, 120_000);
afterAll(() => database.drop());

describe("store-monitor explain: the contract's examples", () => {
  const nearestRows = [
    [
      '2024-01-01',
      '12:00:00-17:00:00 -05:00',
      '2024-01-01T17:00:00Z',
      '2024-01-01T22:00:00Z',
      'down',
      '2024-01-08T14:50:00Z',
      '5:00:00',
    ],
    [
      '2024-01-08',
      '09:00:00-12:00:00 -05:00',
      '2024-01-08T14:00:00Z',
      '2024-01-08T17:00:00Z',
      'down',
      '2024-01-08T14:50:00Z',
      '3:00:00',
    ],
  ];
  const forwardRows = [
    [
      '2024-01-01',
      '12:00:00-17:00:00 -05:00',
      '2024-01-01T17:00:00Z',
      '2024-01-01T22:00:00Z',
      'up',
      '2024-01-08T13:50:00Z',
      '5:00:00',
    ],
    [
      '2024-01-08',
      '09:00:00-09:50:00 -05:00',
      '2024-01-08T14:00:00Z',
      '2024-01-08T14:50:00Z',
      'up',
      '2024-01-08T13:50:00Z',
      '0:50:00',
    ],
    [
      '2024-01-08',
      '09:50:00-12:00:00 -05:00',
      '2024-01-08T14:50:00Z',
      '2024-01-08T17:00:00Z',
      'down',
      '2024-01-08T14:50:00Z',
      '2:10:00',
    ],
  ];

  it.each([
    ['nearest', nearestRows, '1,0.00,0.00,0.00,60.00,3.00,8.00'],
    ['forward', forwardRows, '1,0.00,0.83,5.83,60.00,2.17,2.17'],
  ])('store 1, %s: its segments, and the row the contract gives', (policy, rows, row) => {
    const stdout = explain(['--data', MONDAY, '--store', '1', '--policy', policy]);
    expect(segmentRows(stdout)).toEqual(rows);
    expect(rowLines(stdout)).toEqual([
      'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week',
      row,
    ]);
    expect(stdout).toContain(`store 1 (America/New_York), policy ${policy}`);
    expect(stdout).toContain('now 2024-01-08T17:00:00Z (2024-01-08 12:00:00 -05:00)');
  });

  it('store s, nearest, max gap 1h: unknown, up, unknown, down, and the three unknown totals', () => {
    const stdout = explain(['--data', UNKNOWN, '--store', 's', '--max-gap', '1h', '--as-of', UNKNOWN_NOW]);
    expect(segmentRows(stdout)).toEqual([
      [
        '2024-01-03',
        '06:00:00-01:00:00 +7d -06:00',
        '2024-01-03T12:00:00Z',
        '2024-01-10T07:00:00Z',
        'unknown',
        '-',
        '163:00:00',
      ],
      [
        '2024-01-10',
        '01:00:00-03:00:00 -06:00',
        '2024-01-10T07:00:00Z',
        '2024-01-10T09:00:00Z',
        'up',
        '2024-01-10T08:00:00Z',
        '2:00:00',
      ],
      [
        '2024-01-10',
        '03:00:00-04:30:00 -06:00',
        '2024-01-10T09:00:00Z',
        '2024-01-10T10:30:00Z',
        'unknown',
        '-',
        '1:30:00',
      ],
      [
        '2024-01-10',
        '04:30:00-06:00:00 -06:00',
        '2024-01-10T10:30:00Z',
        '2024-01-10T12:00:00Z',
        'down',
        '2024-01-10T11:30:00Z',
        '1:30:00',
      ],
    ]);
    expect(stdout).toContain(
      [
        'totals (the report row)  last hour (min)  last day (h)  last week (h)',
        'uptime                   0.00             2.00          2.00',
        'downtime                 60.00            1.50          1.50',
        'unknown                  0.00             20.50         164.50',
      ].join('\n'),
    );
    expect(rowLines(stdout)[1]).toBe('s,0.00,2.00,2.00,60.00,1.50,1.50,0.00,20.50,164.50');
  });

  it.each([
    [['--store', '1', '--policy', 'nearest', '--as-of', '2024-01-08T17:00:00Z'], MONDAY],
    [['--store', '1', '--policy', 'forward', '--as-of', '2024-01-08T17:00:00Z', '--max-gap', '30m'], MONDAY],
    [['--store', 's', '--max-gap', '1h', '--as-of', UNKNOWN_NOW], UNKNOWN],
    [['--store', 's', '--policy', 'forward', '--as-of', UNKNOWN_NOW], UNKNOWN],
  ])('--db prints what the files give: %j', (args, dir) => {
    expect(explain(['--db', ...args], env)).toBe(explain(['--data', dir, ...args]));
  });
});

describe('store-monitor explain --svg', () => {
  it('writes the picture of the timeline it prints, the same bytes from the files and the database', () => {
    const out = fixtureDir({});
    const args = ['--store', '1', '--policy', 'forward', '--as-of', '2024-01-08T17:00:00Z'];
    const fromFiles = runCli(['explain', '--data', MONDAY, ...args, '--svg', join(out, 'files.svg')]);
    expect(fromFiles.status).toBe(0);
    expect(fromFiles.stderr).toBe(`picture: ${join(out, 'files.svg')}\n`);
    expect(runCli(['explain', '--db', ...args, '--svg', join(out, 'db.svg')], env).status).toBe(0);
    const svg = readFileSync(join(out, 'files.svg'), 'utf8');
    expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('America/New_York');
    expect(readFileSync(join(out, 'db.svg'), 'utf8')).toBe(svg);
  });

  it('cannot write into a missing folder: one line, exit 2', () => {
    const result = runCli(['explain', '--data', MONDAY, '--store', '1', '--svg', '/nonexistent/dir/x.svg']);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('/nonexistent/dir/x.svg');
  });
});

describe('store-monitor explain: totals are the report row', () => {
  let dir: string;

  beforeAll(() => {
    dir = fixtureDir({});
    const generate = [
      'generate',
      '--out',
      dir,
      '--stores',
      '12',
      '--days',
      '9',
      '--seed',
      '13',
      '--special-days',
      '50',
    ];
    expect(runCli(generate).status).toBe(0);
    expect(readFileSync(join(dir, 'special_hours.csv'), 'utf8').split('\n').length).toBeGreaterThan(2);
    expect(runCli(['ingest', '--data', dir], env).status).toBe(0);
  }, 60_000);

  const cases: Array<[string, string | undefined, string]> = [
    ['nearest', undefined, '--data'],
    ['forward', undefined, '--data'],
    ['nearest', '2h', '--data'],
    ['forward', '90m', '--data'],
    ['nearest', undefined, '--db'],
    ['forward', '2h', '--db'],
  ];

  it.each(cases)('%s, max gap %p, %s: every third store', (policy, maxGap, source) => {
    const options = ['--policy', policy, ...(maxGap ? ['--max-gap', maxGap] : [])];
    const from = source === '--db' ? ['--db'] : ['--data', dir];
    const report = runCli(['report', ...from, ...options], env);
    expect(report.status).toBe(0);
    const [header, ...rows] = report.stdout.trimEnd().split('\n');
    // The database also holds the examples' stores.
    const generated = rows.filter((row) => !['1', '2', 's'].includes(row.split(',')[0]));
    expect(generated).toHaveLength(12);
    for (const row of generated.filter((_, i) => i % 3 === 0)) {
      const stdout = explain([...from, '--store', row.split(',')[0], ...options], env);
      expect(rowLines(stdout)).toEqual([header, row]);
      // The totals table holds the row's numbers, status by status (up, down, unknown), window by window.
      const totals = stdout.split('\n').filter((line) => /^(uptime|downtime|unknown) /.test(line));
      expect(totals.flatMap((line) => line.split(/ +/).slice(1))).toEqual(row.split(',').slice(1));
    }
  });
});

describe('store-monitor explain: bad calls', () => {
  it.each([
    [
      ['--data', MONDAY, '--store', 'nope'],
      'store-monitor explain: store "nope" has no poll at or before 2024-01-08T17:00:00Z',
    ],
    [
      ['--data', MONDAY, '--store', '2', '--as-of', '2024-01-08T14:00:00Z'],
      'store-monitor explain: store "2" has no poll at or before 2024-01-08T14:00:00Z',
    ],
    [
      ['--db', '--store', 'nope', '--as-of', UNKNOWN_NOW],
      'store-monitor explain: store "nope" has no poll at or before 2024-01-10T12:00:00Z',
    ],
  ])('%j: one line, exit 2', (args, line) => {
    expect(runCli(['explain', ...args], env)).toEqual({ status: 2, stdout: '', stderr: `${line}\n` });
  });

  it.each([
    [['--data', MONDAY], '--store ID is required'],
    [['--store'], '--store needs a value'],
    [
      ['--data', MONDAY, '--store', '1', '--policy', 'sometimes'],
      '--policy must be one of nearest, forward, got "sometimes"',
    ],
    [['--data', MONDAY, '--store', '1', '--max-gap', 'soon'], '--max-gap must be'],
    [['--data', MONDAY, '--store', '1', '--as-of', 'yesterday'], '--as-of must be an instant'],
    [['--data', MONDAY, '--store', '1', '--as-of', '2020-01-01T00:00:00Z'], 'is before the first poll'],
    [['--db', '--data', MONDAY, '--store', '1'], '--db reads the database: it takes no input files'],
    [['--store', '1', '--out', 'x'], 'unknown option --out'],
  ])('%j: the problem in one line, the usage hint, exit 2', (args, problem) => {
    const result = runCli(['explain', ...args], env);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const [line, hint, ...rest] = result.stderr.split('\n');
    expect(line.startsWith('store-monitor explain: ')).toBe(true);
    expect(line).toContain(problem);
    expect([hint, ...rest]).toEqual(['run "store-monitor explain --help" for usage', '']);
  });

  it('an unusable database is one line too', () => {
    const result = runCli(['explain', '--db', '--store', '1'], {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^store-monitor: cannot use the database at .*nothing answers at that address.*\n$/);
  });

  it('has help that lists every option', () => {
    expect(runCli(['explain', '--help'])).toEqual({ status: 0, stdout: COMMAND_USAGE.explain, stderr: '' });
    expect(runCli(['help', 'explain']).stdout).toBe(COMMAND_USAGE.explain);
    for (const option of Object.keys(OPTIONS)) expect(COMMAND_USAGE.explain).toMatch(new RegExp(`\\n  --${option} `));
  });
});
