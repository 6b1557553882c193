import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMaxGap, readHours, readPolls, readSpecialHours, readTimeZones } from '@store-monitor/csv';
import {
  assembleStores,
  buildReport,
  formatReportRow,
  reportHeader,
  type Policy,
  type ReportRow,
} from '@store-monitor/engine';
import { FILE_NAMES } from '@store-monitor/generator';
import { runReport, useDatasetWorker } from './support/dataset-worker';

/**
 * Both extensions end to end through the services: the data goes in through the upload routes
 * (special days through POST /special_hours), a real worker builds each report triggered with
 * max_gap, and get_report gives back what the engine computes from the same files, byte for byte.
 */
// A third of the stores with special days; the generator also leaves some stores silent for hours.
const { app, dataDir } = useDatasetWorker(
  { stores: 60, days: 9, seed: 12, specialDaysPercent: 33 },
  { REPORT_CHUNK_STORES: '13' },
);

/** What the engine makes of the generated files (as `store-monitor report --data` reads them). */
async function expectedCsv(
  policy: Policy,
  asOf: number | undefined,
  maxGap: string | undefined,
  specialDays = true,
): Promise<string> {
  const path = (name: string) => join(dataDir, name);
  const [polls, hours, timeZones, special] = await Promise.all([
    readPolls(path(FILE_NAMES.polls)),
    readHours(path(FILE_NAMES.hours)),
    readTimeZones(path(FILE_NAMES.timeZones)),
    readSpecialHours(path(FILE_NAMES.specialHours)),
  ]);
  const stores = assembleStores({
    polls: polls.series,
    hours: hours.hours,
    timeZones: timeZones.timeZones,
    specialHours: specialDays ? special.specialHours : undefined,
  });
  const maxGapMs = maxGap === undefined ? undefined : parseMaxGap(maxGap);
  const report = buildReport(stores, { policy, asOf, maxGapMs });
  return `${[reportHeader(maxGapMs !== undefined), ...report.rows.map(formatReportRow)].join('\n')}\n`;
}

describe('a report with special days and max_gap, through the API and a worker', () => {
  it('loaded every special day the generator wrote', async () => {
    const lines = readFileSync(join(dataDir, FILE_NAMES.specialHours), 'utf8').trim().split('\n').length - 1;
    expect(lines).toBeGreaterThan(20);
    const { rows } = await app.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM special_hours');
    expect(rows[0].n).toBe(lines);
  });

  it.each<[Policy, string | undefined, string | undefined]>([
    ['nearest', '2h', undefined],
    ['forward', 'PT90M', '2024-04-05T12:00:00Z'],
    ['nearest', undefined, undefined],
  ])(
    'policy %s, max_gap %s, as_of %s: the CSV and the JSON rows are the engine report',
    async (policy, maxGap, asOf) => {
      const id = await runReport(app, { policy, ...(maxGap && { max_gap: maxGap }), ...(asOf && { as_of: asOf }) });
      const expected = await expectedCsv(policy, asOf === undefined ? undefined : Date.parse(asOf), maxGap);
      const csv = await app.inject({ url: `/get_report?report_id=${id}` });
      expect(csv.body).toBe(expected);

      const json = (await app.inject({ url: `/get_report?report_id=${id}&format=json` })).json();
      const rows = json.rows as ReportRow[];
      expect(rows.length).toBe(expected.split('\n').length - 2);
      expect(`${[reportHeader(maxGap !== undefined), ...rows.map(formatReportRow)].join('\n')}\n`).toBe(expected);
      if (maxGap === undefined) {
        // The special days matter on this data: without them the report would differ.
        expect(await expectedCsv(policy, undefined, undefined, false)).not.toBe(expected);
        expect(Object.keys(json)).toEqual(['status', 'now', 'rows']);
        expect(Object.keys(rows[0])).toHaveLength(7);
        return;
      }
      expect(json.max_gap).toBe(maxGap === '2h' ? '2h' : '1h30m');
      // The gap matters on this data: some business time is unknown.
      expect(rows.some((row) => (row.unknown_last_week ?? 0) > 0)).toBe(true);
      const listed = (await app.inject({ url: `/reports/${id}` })).json();
      expect(listed.max_gap).toBe(json.max_gap);
    },
  );
});
