import fc from 'fast-check';
import { runCli } from '../../cli/test/run-cli';
import { expectedMaxGapMs, maxGapText } from '../../../packages/csv/test/support/max-gap-texts';
import { runReport, useDatasetWorker } from './support/dataset-worker';

/**
 * A max_gap the API takes gives the report `store-monitor report --max-gap` gives for the same text
 * on the same files, byte for byte: odd spellings (spaces, ISO, every unit), one second, and the
 * largest value there is. The texts are drawn from the fuzz generator, seeded, among the valid ones.
 */
const { app, dataDir } = useDatasetWorker({ stores: 40, days: 8, seed: 16, specialDaysPercent: 30 });

async function reportCsv(body: object): Promise<string> {
  const id = await runReport(app, body);
  return (await app.inject({ url: `/get_report?report_id=${id}` })).body;
}

function cliReport(args: string[]): string {
  const result = runCli(['report', '--data', dataDir, ...args]);
  expect([result.status, result.stderr.includes('rows rejected: 0,')]).toEqual([0, true]);
  return result.stdout;
}

const drawn = fc
  .sample(
    maxGapText.filter((text) => expectedMaxGapMs(text) !== undefined && !/[\r\n]/.test(text)),
    { numRuns: 4, seed: 16 },
  )
  .map((text): [string] => [text]);

describe('a valid max_gap gives the report store-monitor report --max-gap gives', () => {
  it.each<[string]>([[' 2h '], ['PT90M'], ['1w1d1h1m1s'], ['1s'], ['9999999w'], ...drawn])(
    'max_gap %j',
    async (text) => {
      const csv = await reportCsv({ max_gap: text, policy: 'forward' });
      expect(csv).toBe(cliReport(['--max-gap', text, '--policy', 'forward']));
      expect(csv.split('\n')[0]).toMatch(/,unknown_last_hour,unknown_last_day,unknown_last_week$/);
      // A one-second gap leaves most business time unknown: the column is computed, not zero.
      if (text === '1s')
        expect(
          csv
            .split('\n')
            .slice(1, -1)
            .some((row) => !row.endsWith(',0.00,0.00,0.00')),
        ).toBe(true);
    },
    90_000,
  );

  it('the largest max_gap leaves nothing unknown: the seven columns are those of the report without one', async () => {
    const huge = cliReport(['--max-gap', '9999999w']).trim().split('\n');
    const plain = cliReport([]).trim().split('\n');
    expect(huge.map((line) => line.split(',').slice(0, 7).join(','))).toEqual(plain);
    expect(huge.slice(1).every((line) => line.endsWith(',0.00,0.00,0.00'))).toBe(true);
  });
});
