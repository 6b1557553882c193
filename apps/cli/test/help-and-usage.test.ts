import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_GENERATE_OPTIONS } from '@store-monitor/generator';
import { DEFAULT_AS_OF_MARGIN } from '../src/as-of-options';
import { OPTIONS as GENERATE_OPTIONS } from '../src/commands/generate';
import { OPTIONS as INGEST_OPTIONS } from '../src/commands/ingest';
import { OPTIONS as START_OPTIONS } from '../src/commands/start';
import { OPTIONS as REPORT_OPTIONS } from '../src/commands/report';
import { COMMAND_USAGE, OVERVIEW } from '../src/usage-text';
import { runCli } from './run-cli';

const VERSION = (JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string }).version;
const COMMANDS = ['report', 'generate', 'ingest', 'start'];

describe('store-monitor help', () => {
  it.each([[['--help']], [['-h']], [['help']], [['help', '--help']]])(
    '%j prints the overview to standard output and exits 0',
    (args) => {
      expect(runCli(args)).toEqual({ status: 0, stdout: OVERVIEW, stderr: '' });
    },
  );

  it('prints the overview to standard error and exits 2 when no command is given', () => {
    expect(runCli([])).toEqual({ status: 2, stdout: '', stderr: OVERVIEW });
  });

  it.each(
    COMMANDS.flatMap((name) => [
      [name, '--help'],
      [name, '-h'],
      ['help', name],
    ]),
  )("%s %s prints that command's own help and exits 0", (first, second) => {
    const name = first === 'help' ? second : first;
    expect(runCli([first, second])).toEqual({ status: 0, stdout: COMMAND_USAGE[name], stderr: '' });
  });

  it('answers --help before the options are parsed, wherever it stands', () => {
    expect(runCli(['report', '--policy', 'sometimes', '--help'])).toEqual({
      status: 0,
      stdout: COMMAND_USAGE.report,
      stderr: '',
    });
    // start would migrate a database and run services: --help must not reach it.
    expect(runCli(['start', '--workers', '2', '-h'], { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' })).toEqual(
      {
        status: 0,
        stdout: COMMAND_USAGE.start,
        stderr: '',
      },
    );
  });

  it.each(COMMANDS)('%s help shows a synopsis, every option with its default and an example', (name) => {
    const text = COMMAND_USAGE[name];
    expect(text.startsWith(`store-monitor ${name}: `)).toBe(true);
    expect(text).toContain(`Usage:\n  store-monitor ${name}`);
    expect(text).toContain('\nOptions:\n');
    expect(text).toContain(`\nExample:\n  `);
    expect(text).toContain('  -h, --help ');
  });

  it.each([
    ['report', REPORT_OPTIONS],
    ['generate', GENERATE_OPTIONS],
    ['ingest', INGEST_OPTIONS],
    ['start', START_OPTIONS],
  ])('%s help explains every option the command takes', (name, options) => {
    for (const option of Object.keys(options)) expect(COMMAND_USAGE[name]).toMatch(new RegExp(`\\n  --${option} `));
  });

  it('states the defaults the commands use', () => {
    const { stores, days, seed, end } = DEFAULT_GENERATE_OPTIONS;
    for (const [option, value] of Object.entries({
      stores,
      days,
      seed,
      end: new Date(end).toISOString().replace('.000Z', 'Z'),
    })) {
      expect(COMMAND_USAGE.generate).toMatch(new RegExp(`\\n  --${option} (?:(?!\\n  -)[^])*\\(default: ${value}\\)`));
    }
    expect(COMMAND_USAGE.report).toContain(`(default: ${DEFAULT_AS_OF_MARGIN})`);
  });

  it.each([[['--version']], [['-v']]])('%j prints the version from package.json and exits 0', (args) => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(runCli(args)).toEqual({ status: 0, stdout: `store-monitor ${VERSION}\n`, stderr: '' });
  });
});

describe('store-monitor usage errors', () => {
  const hint = (command: string) => `run "store-monitor${command ? ` ${command}` : ''} --help" for usage\n`;

  it.each([
    [['report', '--foo'], 'store-monitor report: unknown option --foo\n', 'report'],
    [['report', '--help=yes'], 'store-monitor report: unknown option --help\n', 'report'],
    [['report', '-x'], 'store-monitor report: unknown option -x\n', 'report'],
    [['report', '--out'], 'store-monitor report: --out needs a value\n', 'report'],
    [['report', '--out', '--db'], 'store-monitor report: --out needs a value\n', 'report'],
    [['report', '--as-of='], 'store-monitor report: --as-of needs a value\n', 'report'],
    [['report', '--db=yes'], 'store-monitor report: --db takes no value\n', 'report'],
    [['report', 'stray'], 'store-monitor report: unexpected argument "stray"\n', 'report'],
    [['report', '--', '--help'], 'store-monitor report: unexpected argument "--help"\n', 'report'],
    [
      ['report', '--policy', 'sometimes'],
      'store-monitor report: --policy must be one of nearest, forward, got "sometimes"\n',
      'report',
    ],
    [
      ['report', '--max-gap', '0s'],
      'store-monitor report: --max-gap must be a positive duration such as 90m, 2h, 1h30m or PT2H, got "0s"\n',
      'report',
    ],
    [['report', '--special-hours'], 'store-monitor report: --special-hours needs a value\n', 'report'],
    [['generate', '--stores', '2'], 'store-monitor generate: generate needs --out DIR\n', 'generate'],
    [['ingest', '--polls'], 'store-monitor ingest: --polls needs a value\n', 'ingest'],
    [['ingest', '--nope', 'x'], 'store-monitor ingest: unknown option --nope\n', 'ingest'],
    [['start', '--foo'], 'store-monitor start: unknown option --foo\n', 'start'],
    [
      ['start', '--workers', 'many'],
      'store-monitor start: --workers must be a whole number from 0 to 64, got "many"\n',
      'start',
    ],
    [['explode'], 'store-monitor: unknown command "explode"\n', ''],
    [['--frobnicate'], 'store-monitor: unknown option --frobnicate\n', ''],
    [['help', 'explode'], 'store-monitor help: unknown command "explode"\n', ''],
    [['help', 'report', 'now'], 'store-monitor help: unexpected argument "now"\n', ''],
  ])('%j: one line in our words, one hint, exit 2', (args, message, command) => {
    expect(runCli(args)).toEqual({ status: 2, stdout: '', stderr: `${message}${hint(command)}` });
  });
});
