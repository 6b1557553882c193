import { InputError, type Reject, readPolls } from '../src';
import { TempDir, collecting } from './support/temp-csv';

const HEADER = 'store_id,status,timestamp_utc';

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

/** Builds a large file line by line, remembering the physical line of every row it adds. */
class FileBuilder {
  readonly lines: string[] = [HEADER];
  readonly expected = new Map<string, number[]>();
  readonly rejects: Array<Omit<Reject, 'file'>> = [];
  rows = 0;

  good(id: string, second: number, quoted = false): void {
    const at = Date.UTC(2023, 0, 22, 0, 0, second % 60) + 1_000_000 * Math.floor(second / 60);
    const ts = new Date(at).toISOString().replace('T', ' ').replace('Z', ' UTC');
    const field = quoted ? `"${id.replace(/"/g, '""')}"` : id;
    this.add(`${field},active,${ts}`);
    const list = this.expected.get(id) ?? [];
    list.push(at);
    this.expected.set(id, list);
  }

  bad(raw: string, reason: string): void {
    this.rejects.push({ line: this.nextLine(), reason, raw });
    this.add(raw);
  }

  blank(): void {
    this.lines.push('');
  }

  private add(text: string): void {
    this.lines.push(text);
    this.rows++;
  }

  private nextLine(): number {
    return this.lines.reduce((n, l) => n + 1 + (l.match(/\n/g)?.length ?? 0), 0) + 1;
  }
}

describe('chunk boundaries', () => {
  it('reads multi-byte ids, multi-line quoted ids and rejects spread over many chunks', async () => {
    const b = new FileBuilder();
    for (let i = 0; i < 40_000; i++) {
      if (i % 997 === 0) b.good(`id ${i % 50}\nwith "line" break é🙂`, i, true);
      else if (i % 1013 === 0)
        b.bad(`x${i},unknown,2023-01-22 00:00:00 UTC`, 'status: "unknown" is not active or inactive');
      else if (i % 3001 === 0) b.blank();
      else b.good(`störe-é-🙂-${i % 700}`, i);
    }
    const path = dir.file('polls.csv', b.lines.join('\n'));
    const { rejects, onReject } = collecting();
    const { series, read, rejected } = await readPolls(path, { onReject });

    expect({ read, rejected }).toEqual({ read: b.rows, rejected: b.rejects.length });
    expect(rejects).toEqual(b.rejects.map((r) => ({ file: path, ...r })));
    expect(new Map([...series].map(([id, s]) => [id, [...s.at]]))).toEqual(b.expected);
  });

  it('keeps reading after an unterminated quote that would swallow megabytes of rows', async () => {
    const b = new FileBuilder();
    b.good('first', 1);
    b.bad('2,"active,2023-01-22 00:00:00 UTC', 'a quoted field is never closed');
    for (let i = 0; i < 60_000; i++) b.good(`s${i % 100}`, i);
    b.good('quoted, at last', 5, true);
    const path = dir.file('polls.csv', `${b.lines.join('\r\n')}\r\n`);
    const { rejects, onReject } = collecting();
    const { series, read, rejected } = await readPolls(path, { onReject });

    expect(rejects).toEqual(b.rejects.map((r) => ({ file: path, ...r })));
    expect({ read, rejected }).toEqual({ read: 60_003, rejected: 1 });
    expect(new Map([...series].map(([id, s]) => [id, [...s.at]]))).toEqual(b.expected);
  });

  it('fails with InputError on a line longer than a megabyte (not LF or CRLF text)', async () => {
    const path = dir.file('polls.csv', `${HEADER}\r${'1,active,2023-01-22T13:00:00Z\r'.repeat(50_000)}`);
    const error = await readPolls(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `polls file ${path}: line 1 is longer than 1048576 characters; expected CSV text with LF or CRLF line ends`,
    );
  });
});

describe('an overlong data line', () => {
  const dir = new TempDir();
  afterAll(() => dir.cleanup());

  it('is one rejected row: the rows after it are read', async () => {
    const long = `1,active,${'x'.repeat(3_000_000)}`;
    const path = dir.file(
      'polls.csv',
      `${HEADER}\n2,active,2023-01-22T13:00:00Z\n${long}\n3,inactive,2023-01-22T14:00:00Z\n`,
    );
    const { rejects, onReject } = collecting();
    const { series, read, rejected } = await readPolls(path, { onReject });
    expect({ read, rejected, stores: [...series.keys()] }).toEqual({ read: 3, rejected: 1, stores: ['2', '3'] });
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ file: path, line: 3, reason: 'is longer than 1048576 characters' });
    expect(rejects[0].raw).toBe(`${long.slice(0, 200)}…`);
  });

  it('at the end of a file without a final line break is still one rejected row', async () => {
    const path = dir.file('tail.csv', `${HEADER}\n2,active,2023-01-22T13:00:00Z\n${'y'.repeat(2_500_000)}`);
    const { rejects, onReject } = collecting();
    const { read, rejected } = await readPolls(path, { onReject });
    expect({ read, rejected, line: rejects[0]?.line }).toEqual({ read: 2, rejected: 1, line: 3 });
  });
});
