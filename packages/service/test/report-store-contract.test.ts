import { formatReportRow, REPORT_HEADER, reportHeader, type ReportRow } from '@store-monitor/engine';
import { S3Server } from '@store-monitor/test-support';
import { PartMissingError, ReportMissingError, ReportUnreadableError } from '../src';
import { BUCKET, folderStore, s3Store, type StoreUnderTest } from './support/stores';

/**
 * What every ReportStore promises, checked through the interface alone, against the folder and
 * against a real S3-compatible server (s3rver) started here.
 */
let server: S3Server;
beforeAll(async () => {
  server = await S3Server.start([BUCKET]);
});
afterAll(() => server?.stop());

const backends: [string, () => StoreUnderTest][] = [
  ['the folder', folderStore],
  ['an S3 bucket', () => s3Store(server)],
];

describe.each(backends)('a report store in %s', (_name, make) => {
  let subject: StoreUnderTest;
  beforeEach(() => {
    subject = make();
  });
  afterEach(() => subject.dispose());

  const csv = async (id: string) => Buffer.concat(await (await subject.store.readCsv(id)).toArray()).toString('utf8');

  it("keeps the header and the chunks' text in order, ending in a newline, and says where", async () => {
    const stored = await subject.store.writeReport('r1', ['a,1\n', '', 'b,2\nc,3\n']);
    expect(stored).toEqual({ filePath: subject.locationOf('r1'), rowCount: 3 });
    expect(await csv('r1')).toBe(`${REPORT_HEADER}\na,1\nb,2\nc,3\n`);
  });

  it('keeps the header alone when there are no rows, from an async source too', async () => {
    async function* none() {}
    expect(await subject.store.writeReport('r2', none())).toEqual({ filePath: subject.locationOf('r2'), rowCount: 0 });
    expect(await csv('r2')).toBe(`${REPORT_HEADER}\n`);
  });

  it('has the ten columns of a report with a max gap when asked', async () => {
    await subject.store.writeReport('r3', ['a,1\n'], { withUnknown: true });
    expect(await csv('r3')).toBe(`${reportHeader(true)}\na,1\n`);
  });

  it('gives the rows back as written, ids raw and durations as numbers, bytes unchanged', async () => {
    const ids = ['plain', 'with,comma', 'with "quotes"', 'two\nlines', '=1+2', 'ünïcødé ✓'];
    const lines = ids.map((id, i) => `${formatReportRow(row(id, i))}\n`).join('');
    await subject.store.writeReport('r4', [lines]);
    expect(await subject.store.readRows('r4')).toEqual(ids.map((id, i) => row(id, i)));
    expect(await csv('r4')).toBe(`${REPORT_HEADER}\n${lines}`);
  });

  it('names a missing report, and the malformed row of a damaged one', async () => {
    await expect(subject.store.readRows('gone')).rejects.toBeInstanceOf(ReportMissingError);
    await expect(subject.store.readCsv('gone')).rejects.toBeInstanceOf(ReportMissingError);
    await subject.store.writeReport('r5', ['a,1.00,2.00,3.00,4.00,5.00,6.00\nb,1.00,,3.00,4.00,5.00,6.00\n']);
    await expect(subject.store.readRows('r5')).rejects.toThrow(new ReportUnreadableError('r5', 'row 3 is malformed'));
  });

  it('replaces a report written again, whole', async () => {
    await subject.store.writeReport('r6', ['old,1\nold,2\n']);
    await subject.store.writeReport('r6', ['new,1\n']);
    expect(await csv('r6')).toBe(`${REPORT_HEADER}\nnew,1\n`);
  });

  it("removes a failed report's file, and a missing one is no error", async () => {
    await subject.store.writeReport('r7', []);
    await subject.store.removeReport('r7');
    await subject.store.removeReport('r7');
    await expect(subject.store.readCsv('r7')).rejects.toBeInstanceOf(ReportMissingError);
  });

  it("holds each chunk's lines until removed, replaces a part whole, and names a missing one", async () => {
    await subject.store.writePart('r8', 0, ['a,1', 'b,2']);
    await subject.store.writePart('r8', 1, []);
    await subject.store.writePart('r8', 2, ['x,9']);
    await subject.store.writePart('r8', 2, ['c,3']);
    await subject.store.writePart('other', 0, ['z,0']);
    expect(await Promise.all([0, 1, 2].map((i) => subject.store.readPart('r8', i)))).toEqual([
      'a,1\nb,2\n',
      '',
      'c,3\n',
    ]);
    await expect(subject.store.readPart('r8', 3)).rejects.toThrow(
      new PartMissingError('r8', 3, subject.partLocationOf('r8', 3)),
    );
    await subject.store.removeParts('r8');
    await subject.store.removeParts('r8');
    await expect(subject.store.readPart('r8', 0)).rejects.toBeInstanceOf(PartMissingError);
    expect(await subject.store.readPart('other', 0)).toBe('z,0\n');
  });

  it("passes on, as thrown, an error of the rows' source, and then has no report", async () => {
    const broken = new Error('chunk 2 cannot be read');
    async function* rows() {
      yield 'a,1\n';
      throw broken;
    }
    await expect(subject.store.writeReport('r9', rows())).rejects.toBe(broken);
    await expect(subject.store.readCsv('r9')).rejects.toBeInstanceOf(ReportMissingError);
  });
});

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
