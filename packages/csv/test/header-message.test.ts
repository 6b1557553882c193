import { InputError, readPolls } from '../src';
import { TempDir } from './support/temp-csv';

describe('a header without the required columns', () => {
  const dir = new TempDir();
  afterAll(() => dir.cleanup());

  it('is described briefly however long it is', async () => {
    const names = Array.from({ length: 30 }, (_, i) => (i === 0 ? 'z'.repeat(500) : `col${i}`));
    const path = dir.file('polls.csv', `${names.join(',')}\n1,2,3\n`);
    const error = (await readPolls(path).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `polls file ${path}: missing columns "store_id", "status", "timestamp_utc" (header has: ` +
        `"${'z'.repeat(40)}…", "col1", "col2", "col3", "col4", "col5", "col6", "col7", "col8", "col9", "col10", "col11", and 18 more)`,
    );
  });
});
