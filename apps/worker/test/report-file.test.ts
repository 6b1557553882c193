import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_HEADER } from '@store-monitor/engine';
import { writeFileAtomically, writeReportFile } from '../src/report-file';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'store-monitor-report-file-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the report file', () => {
  it('is the header and the chunks\' text in order, ending in a newline', async () => {
    const file = await writeReportFile(dir, 'r1', ['a,1\n', '', 'b,2\nc,3\n']);
    expect(file).toEqual({ filePath: join(dir, 'r1.csv'), rowCount: 3 });
    expect(readFileSync(file.filePath, 'utf8')).toBe(`${REPORT_HEADER}\na,1\nb,2\nc,3\n`);
    expect(readdirSync(dir)).toEqual(['r1.csv']);
  });

  it('is the header alone when there are no rows', async () => {
    const file = await writeReportFile(dir, 'r2', []);
    expect(readFileSync(file.filePath, 'utf8')).toBe(`${REPORT_HEADER}\n`);
    expect(file.rowCount).toBe(0);
  });

  it('never shows half a file: a write that fails leaves what was there and no temporary file', async () => {
    const path = join(dir, 'r3.csv');
    writeFileSync(path, 'the previous report\n');
    function* failingPieces() {
      yield 'half of a report\n';
      throw new Error('disk full');
    }
    await expect(writeFileAtomically(dir, path, failingPieces())).rejects.toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('the previous report\n');
    expect(readdirSync(dir)).toEqual(['r3.csv']);
  });
});
