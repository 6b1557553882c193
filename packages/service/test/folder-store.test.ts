import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatReportRow, REPORT_HEADER, reportHeader, type ReportRow } from '@store-monitor/engine';
import {
  FolderReportStore,
  PartMissingError,
  partsDir,
  ReportMissingError,
  ReportUnreadableError,
  writeFileAtomically,
} from '../src';
import { decodeReportCsv } from '../src/report-store/report-csv';

let dir: string;
let store: FolderReportStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-monitor-report-file-'));
  store = new FolderReportStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the report file', () => {
  it("is the header and the chunks' text in order, ending in a newline", async () => {
    const file = await store.writeReport('r1', ['a,1\n', '', 'b,2\nc,3\n']);
    expect(file).toEqual({ filePath: join(dir, 'r1.csv'), rowCount: 3 });
    expect(readFileSync(file.filePath, 'utf8')).toBe(`${REPORT_HEADER}\na,1\nb,2\nc,3\n`);
    expect(readdirSync(dir)).toEqual(['r1.csv']);
  });

  it('is the header alone when there are no rows', async () => {
    const file = await store.writeReport('r2', []);
    expect(readFileSync(file.filePath, 'utf8')).toBe(`${REPORT_HEADER}\n`);
    expect(file.rowCount).toBe(0);
  });

  it('has the ten columns of a report with a max gap when asked, and the seven otherwise', async () => {
    const withUnknown = await store.writeReport('r2u', ['a,1\n'], { withUnknown: true });
    const without = await store.writeReport('r2s', ['a,1\n'], { withUnknown: false });
    expect(readFileSync(withUnknown.filePath, 'utf8')).toBe(
      'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,' +
        'downtime_last_week,unknown_last_hour,unknown_last_day,unknown_last_week\na,1\n',
    );
    expect(readFileSync(without.filePath, 'utf8')).toBe(`${REPORT_HEADER}\na,1\n`);
  });

  it('never shows half a file: a write that fails leaves what was there and no temporary file', async () => {
    const path = join(dir, 'r3.csv');
    writeFileSync(path, 'the previous report\n');
    function* failingPieces() {
      yield 'half of a report\n';
      throw new Error('disk full');
    }
    await expect(writeFileAtomically(path, failingPieces())).rejects.toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('the previous report\n');
    expect(readdirSync(dir)).toEqual(['r3.csv']);
  });
});

describe('reading a report back', () => {
  const ids = ['plain', 'with,comma', 'with "quotes"', 'two\nlines', '=1+2', "'quoted", '-12', '@sum'];

  it('gives every row as written, ids raw and durations as numbers', async () => {
    const lines = ids.map((id, i) => formatReportRow(row(id, i)));
    await store.writeReport('r4', [`${lines.join('\n')}\n`]);
    expect(await store.readRows('r4')).toEqual(ids.map((id, i) => row(id, i)));
    const csv = await store.readCsv('r4');
    expect(Buffer.concat(await csv.toArray()).toString('utf8')).toBe(`${REPORT_HEADER}\n${lines.join('\n')}\n`);
  });

  it('gives the unknown columns of a report with a max gap, as numbers', async () => {
    const rows = ids.map((id, i) => withUnknown(row(id, i), i));
    await store.writeReport('r4u', [rows.map((r) => `${formatReportRow(r)}\n`).join('')], { withUnknown: true });
    const read = await store.readRows('r4u');
    expect(read).toEqual(rows);
    expect(read[3]).toEqual({
      store_id: 'two\nlines',
      uptime_last_hour: 0.03,
      uptime_last_day: 0.03,
      uptime_last_week: 0.03,
      downtime_last_hour: 0.21,
      downtime_last_day: 0.09,
      downtime_last_week: 0.06,
      unknown_last_hour: 0.15,
      unknown_last_day: 7.5,
      unknown_last_week: 16.8,
    });
  });

  it('refuses rows whose columns are not those of the header', () => {
    const seven = `a,${['1.00', '2.00', '3.00', '4.00', '5.00', '6.00'].join(',')}`;
    const ten = `${seven},7.00,8.00,9.00`;
    expect(decodeReportCsv(`${reportHeader(true)}\n${ten}\n${seven}\n`)).toBe('row 3 is malformed');
    expect(decodeReportCsv(`${reportHeader(false)}\n${seven}\n${ten}\n`)).toBe('row 3 is malformed');
    expect(decodeReportCsv(`${reportHeader(true)},more\n${ten}\n`)).toBe('its header is not the report header');
    expect(decodeReportCsv(reportHeader(true))).toBe('its header is not the report header');
    expect(decodeReportCsv(`${reportHeader(true)}\n`)).toEqual([]);
  });

  it('says which report is missing, and which row of a damaged one is malformed', async () => {
    await expect(store.readRows('gone')).rejects.toThrow(new ReportMissingError('gone'));
    await expect(store.readCsv('gone')).rejects.toThrow(
      'report gone is complete but its file is missing from the reports directory',
    );
    writeFileSync(
      join(dir, 'r5.csv'),
      `${REPORT_HEADER}\na,1.00,2.00,3.00,4.00,5.00,6.00\nb,1.00,,3.00,4.00,5.00,6.00\n`,
    );
    await expect(store.readRows('r5')).rejects.toThrow(
      'report r5 is complete but its file cannot be read: row 3 is malformed',
    );
    writeFileSync(join(dir, 'r6.csv'), 'store,uptime\n');
    await expect(store.readRows('r6')).rejects.toThrow(
      new ReportUnreadableError('r6', 'its header is not the report header'),
    );
  });

  it('decodes what formatReportRow writes, for any id and durations, with or without unknown columns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1, unit: 'binary' }), fc.nat(1_000_000)), { maxLength: 20 }),
        fc.boolean(),
        (specs, unknown) => {
          const rows = specs.map(([id, n]) => (unknown ? withUnknown(row(id, n), n) : row(id, n)));
          const text = `${reportHeader(unknown)}\n${rows.map((r) => `${formatReportRow(r)}\n`).join('')}`;
          expect(decodeReportCsv(text)).toEqual(rows);
        },
      ),
    );
  });
});

describe('part files', () => {
  it("hold each chunk's lines until removed, and a missing one is named", async () => {
    await store.writePart('r7', 0, ['a,1', 'b,2']);
    await store.writePart('r7', 1, []);
    expect([await store.readPart('r7', 0), await store.readPart('r7', 1)]).toEqual(['a,1\nb,2\n', '']);
    expect(readdirSync(partsDir(dir, 'r7')).sort()).toEqual(['0.csv', '1.csv']);
    await expect(store.readPart('r7', 2)).rejects.toThrow(
      new PartMissingError('r7', 2, join(partsDir(dir, 'r7'), '2.csv')),
    );
    await store.removeParts('r7');
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes a failed report's file, and a missing one is no error", async () => {
    await store.writeReport('r8', []);
    await store.removeReport('r8');
    await store.removeReport('r8');
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** The row of a report with a max gap: the unknown columns too, with two decimals. */
function withUnknown(base: ReportRow, n: number): ReportRow {
  return {
    ...base,
    unknown_last_hour: ((n * 5) % 6001) / 100,
    unknown_last_day: ((n * 250) % 2401) / 100,
    unknown_last_week: (n * 560) / 100,
  };
}

/** Durations with two decimals, as the engine rounds them. */
function row(id: string, n: number): ReportRow {
  return {
    store_id: id,
    uptime_last_hour: (n % 6001) / 100,
    uptime_last_day: (n % 2401) / 100,
    uptime_last_week: n / 100,
    downtime_last_hour: ((n * 7) % 6001) / 100,
    downtime_last_day: ((n * 3) % 2401) / 100,
    downtime_last_week: (n * 2) / 100,
  };
}
