/**
 * End to end: the built `store-monitor report` command against the slow reference sampler of the
 * contract (packages/engine/test/support/reference-sampler.ts), on seeded random stores around the
 * 2024 DST transitions, written in odd but valid CSV formats with a few bad rows mixed in.
 *
 * Every poll, hours edge and `now` is on a whole minute, so the reference is exact; the command's
 * rounded values should then equal the reference's rounded values exactly, except at exact rounding
 * ties (e.g. 90 s = 0.025 h), where either neighbour is acceptable. The assertion allows 0.01.
 */
import type { Policy } from '@store-monitor/engine';
import { sampleStore, type Sampled } from '../../../packages/engine/test/support/reference-sampler';
import { fixtureDir, runCli } from './run-cli';
import { buildScenario, storeInput, type Scenario, type Variant } from './support/sampler-fixtures';

const HEADER =
  'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week';
const COLUMNS = HEADER.split(',').slice(1);
const MIN = 60_000;
const HOUR = 60 * MIN;
const TOLERANCE = 0.01 + 1e-9; // the 1e-9 only absorbs binary representation of two-decimal numbers

const VARIANTS: Variant[] = [
  {
    name: 'A: EU spring forward (2024-03-31), dayOfWeek, CRLF hours',
    seed: 20240331,
    nowIso: '2024-03-31T12:00:00Z',
    stores: 25,
    dayHeader: 'dayOfWeek',
    pollsColumns: ['store_id', 'status', 'timestamp_utc'],
    hoursColumns: ['end_time_local', 'dayOfWeek', 'comment', 'store_id', 'start_time_local'],
    zonesColumns: ['timezone_str', 'store_id'],
    crlf: 'hours',
    noFinalNewline: 'timezones',
  },
  {
    name: 'B: Australian fall back (2024-04-07), day, CRLF polls with store_id last',
    seed: 20240407,
    nowIso: '2024-04-07T06:00:00Z',
    stores: 25,
    dayHeader: 'day',
    pollsColumns: ['timestamp_utc', 'source', 'status', 'store_id'],
    hoursColumns: ['store_id', 'day', 'start_time_local', 'end_time_local'],
    zonesColumns: ['store_id', 'region', 'timezone_str'],
    crlf: 'polls',
    noFinalNewline: 'hours',
    alsoBom: ['hours'],
  },
  {
    name: 'C: US fall back (2024-11-03), dayOfWeek, CRLF time zones',
    seed: 20241103,
    nowIso: '2024-11-03T12:00:00Z',
    stores: 25,
    dayHeader: 'dayOfWeek',
    pollsColumns: ['status', 'store_id', 'timestamp_utc', 'extra'],
    hoursColumns: ['dayOfWeek', 'start_time_local', 'end_time_local', 'store_id', 'remark'],
    zonesColumns: ['timezone_str', 'store_id'],
    crlf: 'timezones',
    noFinalNewline: 'polls',
    alsoBom: ['timezones'],
  },
];

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The reference's six values in the report's units: minutes for the hour, hours for day and week. */
function referenceValues(s: Sampled): number[] {
  return [
    s.uptimeHourMs / MIN,
    s.uptimeDayMs / HOUR,
    s.uptimeWeekMs / HOUR,
    s.downtimeHourMs / MIN,
    s.downtimeDayMs / HOUR,
    s.downtimeWeekMs / HOUR,
  ];
}

function describeStore(scenario: Scenario, storeId: string, policy: Policy): string {
  const store = scenario.stores.find((s) => s.id === storeId);
  const lines = scenario.linesOf.get(storeId);
  if (!store || !lines) return `  (no generated store ${storeId})`;
  const input = storeInput(store);
  return [
    `  scenario: ${scenario.variant.name}; policy: ${policy}; now: ${scenario.variant.nowIso}`,
    `  zone: ${store.zone ?? '(no row: America/Chicago)'}`,
    `  hours rows as written (${scenario.variant.hoursColumns.join(',')}):`,
    ...(lines.hours.length ? lines.hours.map((l) => `    ${JSON.stringify(l)}`) : ['    (none: open 24x7)']),
    `  polls as written, in file order (${scenario.variant.pollsColumns.join(',')}):`,
    ...lines.polls.map((l) => `    ${JSON.stringify(l)}`),
    `  reference input: ${JSON.stringify({
      timeZone: input.timeZone,
      hours: input.hours.map((h) => [h.day, h.startMs / MIN, h.endMs / MIN]),
      polls: store.polls.map((p) => [new Date(p.at).toISOString(), p.active ? 'active' : 'inactive']),
    })}`,
  ].join('\n');
}

let storesCompared = 0;
let valuesCompared = 0;
let exactAgreements = 0;

describe('store-monitor report agrees with the reference sampler on odd but valid files', () => {
  afterAll(() => {
    console.log(
      `compared ${storesCompared} store rows, ${valuesCompared} values (${exactAgreements} equal after rounding)`,
    );
  });

  it('builds data that has the odd cases in it', () => {
    const scenarios = VARIANTS.map(buildScenario);
    const text = scenarios.map((s) => Object.values(s.files).join('\n')).join('\n');
    for (const needle of [
      '\uFEFF',
      '\r\n',
      '24:00',
      '23:59:59',
      '23:59,',
      '00.000000 UTC',
      ':00 UTC',
      ':00Z',
      '+05:30',
      '-03:30',
      'INACTIVE',
      'Active',
      '"9007199254740993"',
      'Mars/Olympus',
      'sleeping',
      '2024-02-30',
      '"a, b"',
    ]) {
      if (!text.includes(needle)) throw new Error(`no ${JSON.stringify(needle)} in the files`);
    }
    const stores = scenarios.flatMap((s) => s.stores);
    const hours = stores.flatMap((s) => s.hours);
    expect(stores.some((s) => s.hours.length === 0)).toBe(true); // 24x7
    expect(stores.some((s) => s.zone === undefined)).toBe(true); // America/Chicago
    expect(hours.some((h) => h.refEndMin < h.startMin)).toBe(true); // overnight
    expect(hours.some((h) => h.refEndMin === h.startMin)).toBe(true); // whole day
    expect(stores.some((s) => new Set(s.polls.map((p) => p.at)).size < s.polls.length)).toBe(true); // duplicates
    expect(scenarios.every((sc) => sc.stores.some((s) => s.polls.some((p) => p.at > sc.now)))).toBe(true); // after now
    expect(scenarios.every((sc) => sc.stores.some((s) => s.polls.some((p) => p.at === sc.now)))).toBe(true); // at now
  });

  describe.each(VARIANTS.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    const scenario = buildScenario(variant);
    const dir = fixtureDir(scenario.files);

    it.each<Policy>(['nearest', 'forward'])('--policy %s', (policy) => {
      const result = runCli(['report', '--data', dir, '--as-of', variant.nowIso, '--policy', policy]);
      if (result.status !== 0) throw new Error(`exit code ${result.status} in ${dir}\n${result.stderr}`);

      // The bad rows are rejected, each on its own, and counted.
      const rejected = /rows rejected: (\d+)/.exec(result.stderr);
      if (!rejected || Number(rejected[1]) !== scenario.badRows) {
        throw new Error(
          `expected "rows rejected: ${scenario.badRows}" (data in ${dir}), stderr was:\n${result.stderr}`,
        );
      }
      expect(result.stderr).toContain(`now: ${new Date(scenario.now).toISOString()}`);

      const [header, ...lines] = result.stdout.trimEnd().split('\n');
      expect(header).toBe(HEADER);
      const cli = new Map<string, string[]>();
      for (const line of lines) {
        const [id, ...values] = line.split(',');
        cli.set(id, values);
      }

      // Every store with a (good) poll at or before now, and no other, in byte order.
      const reference = new Map<string, Sampled>();
      for (const store of scenario.stores) {
        const sampled = sampleStore(storeInput(store), scenario.now, policy);
        if (sampled) reference.set(store.id, sampled);
      }
      const expectedIds = scenario.stores
        .filter((s) => s.polls.some((p) => p.at <= scenario.now))
        .map((s) => s.id)
        .sort(byteOrder);
      expect([...reference.keys()].sort(byteOrder)).toEqual(expectedIds); // the reference agrees on who is in
      expect(lines.map((l) => l.split(',')[0])).toEqual(expectedIds);

      const failures: string[] = [];
      for (const id of expectedIds) {
        const values = cli.get(id)!;
        const want = referenceValues(reference.get(id)!);
        const diffs: string[] = [];
        COLUMNS.forEach((column, i) => {
          const text = values[i] ?? '';
          const got = Number(text);
          valuesCompared++;
          if (text === (Math.round(want[i] * 100) / 100).toFixed(2)) exactAgreements++;
          if (!/^\d+\.\d{2}$/.test(text) || !(Math.abs(got - want[i]) <= TOLERANCE)) {
            diffs.push(`    ${column}: command ${JSON.stringify(text)}, reference ${want[i]}`);
          }
        });
        storesCompared++;
        if (diffs.length > 0) failures.push([`store ${id}:`, ...diffs, describeStore(scenario, id, policy)].join('\n'));
      }
      if (failures.length > 0) {
        throw new Error(
          `${failures.length} of ${expectedIds.length} stores differ from the reference (files kept in ${dir}):\n\n` +
            failures.slice(0, 5).join('\n\n') +
            (failures.length > 5 ? `\n\n... and ${failures.length - 5} more` : ''),
        );
      }
    });
  });
});
