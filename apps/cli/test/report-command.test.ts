import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir, runCli } from './run-cli';

const HEADER =
  'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week';

// The contract's second worked example, plus store 2 (no hours: 24x7 in Chicago) whose poll sets now.
const EXAMPLE = {
  'store_status.csv': [
    'store_id,status,timestamp_utc',
    '1,active,2024-01-08 13:50:00 UTC',
    '1,inactive,2024-01-08 14:50:00.000000 UTC',
    '2,ACTIVE,2024-01-08T17:00:00Z',
  ].join('\n'),
  'menu_hours.csv': 'store_id,day,start_time_local,end_time_local\n1,0,09:00:00,17:00:00\n',
  'timezones.csv': 'store_id,timezone_str\n1,America/New_York\n',
};

describe('store-monitor report', () => {
  it('writes the worked example with the nearest policy', () => {
    const result = runCli(['report', '--data', fixtureDir(EXAMPLE)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${HEADER}\n1,0.00,0.00,0.00,60.00,3.00,8.00\n2,60.00,24.00,168.00,0.00,0.00,0.00\n`);
    expect(result.stderr).toContain('stores: 2, polls read: 3, rows rejected: 0, now: 2024-01-08T17:00:00.000Z');
  });

  it('writes the worked example with the forward policy to --out', () => {
    const dir = fixtureDir(EXAMPLE);
    const out = join(dir, 'report.csv');
    const result = runCli(['report', '--data', dir, '--policy', 'forward', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(
      `${HEADER}\n1,0.00,0.83,5.83,60.00,2.17,2.17\n2,60.00,24.00,168.00,0.00,0.00,0.00\n`,
    );
  });

  it('takes the files one by one and honours --as-of', () => {
    const dir = fixtureDir(EXAMPLE);
    const result = runCli(['report', '--polls', join(dir, 'store_status.csv'), '--as-of', '2024-01-08T14:00:00Z']);
    expect(result.status).toBe(0);
    // No hours or zones given: store 1 is 24x7 in Chicago; only its 13:50 poll is at or before now.
    expect(result.stdout).toBe(`${HEADER}\n1,60.00,24.00,168.00,0.00,0.00,0.00\n`);
  });

  it('rejects bad rows with file and line, keeps the good ones and lists them with --rejects', () => {
    const dir = fixtureDir({
      ...EXAMPLE,
      'store_status.csv': `${EXAMPLE['store_status.csv']}\n3,sleeping,2024-01-08 16:00:00 UTC\n4,active,yesterday\n`,
      'timezones.csv': 'store_id,timezone_str\n1,America/New_York\n2,Mars/Olympus\n',
    });
    const rejectsFile = join(dir, 'rejects.csv');
    const result = runCli(['report', '--data', dir, '--rejects', rejectsFile]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${HEADER}\n1,0.00,0.00,0.00,60.00,3.00,8.00\n2,60.00,24.00,168.00,0.00,0.00,0.00\n`);
    expect(result.stderr).toContain('rows rejected: 3');
    expect(result.stderr).toContain('store_status.csv:5:');
    const lines = readFileSync(rejectsFile, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('file,line,reason,raw');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 2)[0])).toEqual(['5', '6', '3']);
  });

  it('exits 2 with a clear message when the polls file is missing', () => {
    const result = runCli(['report', '--data', fixtureDir({})]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/store_status\.csv/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 when a required column is missing', () => {
    const result = runCli([
      'report',
      '--data',
      fixtureDir({ 'store_status.csv': 'store_id,state,timestamp_utc\n1,active,2024-01-08 13:50:00 UTC\n' }),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/status/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['--out', 'report.csv'],
    ['--rejects', 'rejects.csv'],
  ])('exits 2 naming the path when %s cannot be written', (option, name) => {
    const target = join(fixtureDir({}), 'missing-folder', name);
    const result = runCli(['report', '--data', fixtureDir(EXAMPLE), option, target]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`store-monitor: cannot write ${target}: no such directory\n`);
  });

  it.each([
    [
      ['report', '--policy', 'sometimes'],
      'store-monitor report: --policy must be one of nearest, forward, got "sometimes"',
    ],
    [
      ['report', '--as-of', 'tomorrow'],
      'store-monitor report: --as-of must be an instant such as 2024-01-10T12:00:00Z, got "tomorrow"',
    ],
    [['report', '--frobnicate'], 'store-monitor report: unknown option --frobnicate'],
    [
      ['report', '--data', 'a', '--polls', 'b'],
      'store-monitor report: give either --data DIR or --polls/--hours/--timezones/--special-hours, not both',
    ],
  ])('exits 2 on bad arguments with one line and a hint, not the usage: %j', (args, message) => {
    expect(runCli(args)).toEqual({
      status: 2,
      stdout: '',
      stderr: `${message}\nrun "store-monitor report --help" for usage\n`,
    });
  });
});

describe('store-monitor report --as-of outside the data', () => {
  // EXAMPLE's polls run from 2024-01-08 13:50 to 17:00 UTC.
  const BOUNDS =
    'it must be from the first poll (2024-01-08T13:50:00Z) to 1d after the latest poll (2024-01-08T17:00:00Z)';
  const refused = (message: string) => ({
    status: 2,
    stdout: '',
    stderr: `store-monitor report: ${message}\nrun "store-monitor report --help" for usage\n`,
  });

  it('refuses an as_of more than the margin after the latest poll, naming both bounds', () => {
    expect(runCli(['report', '--data', fixtureDir(EXAMPLE), '--as-of', '2024-01-09T17:00:01Z'])).toEqual(
      refused(`as_of 2024-01-09T17:00:01Z is more than 1d after the latest poll: ${BOUNDS}`),
    );
  });

  it('refuses an as_of before the first poll, naming both bounds', () => {
    expect(runCli(['report', '--data', fixtureDir(EXAMPLE), '--as-of', '2024-01-08 13:49:59 UTC'])).toEqual(
      refused(`as_of 2024-01-08T13:49:59Z is before the first poll: ${BOUNDS}`),
    );
  });

  it('takes another margin from --as-of-margin', () => {
    const dir = fixtureDir(EXAMPLE);
    expect(runCli(['report', '--data', dir, '--as-of', '2024-01-08T19:00:00Z', '--as-of-margin', '90m'])).toEqual(
      refused(
        'as_of 2024-01-08T19:00:00Z is more than 1h30m after the latest poll: it must be from the first poll ' +
          '(2024-01-08T13:50:00Z) to 1h30m after the latest poll (2024-01-08T17:00:00Z)',
      ),
    );
    const wider = runCli(['report', '--data', dir, '--as-of', '2024-01-10T17:00:00Z', '--as-of-margin', '2d']);
    expect(wider.status).toBe(0);
    expect(wider.stdout).toBe(`${HEADER}\n1,0.00,0.00,0.00,0.00,0.00,8.00\n2,60.00,24.00,168.00,0.00,0.00,0.00\n`);
  });

  it.each(['1.5h', '90', 'soon', '-1d', '1h1h'])('exits 2 on a bad --as-of-margin %j', (margin) => {
    expect(runCli(['report', '--as-of-margin', margin])).toEqual(
      refused(`--as-of-margin must be a duration such as 45s, 90m, 36h, 1d or 2h30m, got "${margin}"`),
    );
  });

  // Each expected CSV is what the engine gives for that now, as the command gave before the check.
  it.each([
    ['exactly the first poll', '2024-01-08T13:50:00Z', `${HEADER}\n1,0.00,0.00,8.00,0.00,0.00,0.00\n`],
    ['inside the data', '2024-01-08T16:00:00Z', `${HEADER}\n1,0.00,0.00,0.00,60.00,2.00,8.00\n`],
    [
      'exactly the margin after the latest poll',
      '2024-01-09T17:00:00Z',
      `${HEADER}\n1,0.00,0.00,0.00,0.00,5.00,8.00\n2,60.00,24.00,168.00,0.00,0.00,0.00\n`,
    ],
  ])('still reports an as_of at %s, as before', (_, asOf, csv) => {
    const result = runCli(['report', '--data', fixtureDir(EXAMPLE), '--as-of', asOf]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(csv);
  });
});
