import { join } from 'node:path';
import { type Reject, readHours, readPolls, readTimeZones } from '../src';
import { SHARED_DATA } from './support/temp-csv';

const file = (name: string): string => join(SHARED_DATA, name);

function noRejects(): { rejects: Reject[]; onReject: (r: Reject) => void } {
  const rejects: Reject[] = [];
  return { rejects, onReject: (r) => rejects.push(r) };
}

const pollCount = (series: Map<string, { at: Float64Array }>): number =>
  [...series.values()].reduce((n, s) => n + s.at.length, 0);
const activeCount = (series: Map<string, { active: Uint8Array }>): number =>
  [...series.values()].reduce((n, s) => n + s.active.filter(Boolean).length, 0);

describe('the real sample files in ../shared/data', () => {
  it.each([
    // The loop-2023 README says 5,031 polls; the file holds 5,032 data lines (awk and wc agree).
    ['loop-2023/store_status_head.csv', 5032, 3966, 5032],
    ['loop-2024/store_status_sample.csv', 1000, 849, 754],
    ['loop-2024/store_status_bom_sample.csv', 364, 359, 306],
  ])('%s: %d polls of %d stores, %d active, no rejects', async (name, polls, stores, active) => {
    const { rejects, onReject } = noRejects();
    const { series, read, rejected } = await readPolls(file(name), { onReject });
    expect(rejects).toEqual([]);
    expect({ read, rejected, polls: pollCount(series), stores: series.size, active: activeCount(series) }).toEqual({
      read: polls,
      rejected: 0,
      polls,
      stores,
      active,
    });
  });

  it('reads the first and last polls of the 2023 head exactly', async () => {
    const { series } = await readPolls(file('loop-2023/store_status_head.csv'));
    expect(series.get('8419537941919820732')?.at[0]).toBe(Date.UTC(2023, 0, 22, 12, 9, 39) + 388884 / 1000);
    const last = series.get('7914250985745791595');
    expect(last?.at[last.at.length - 1]).toBe(Date.UTC(2023, 0, 19, 10, 29, 49) + 942863 / 1000);
  });

  it('reads the BOM sample like the plain one (its ids have no mark in them)', async () => {
    const { series } = await readPolls(file('loop-2024/store_status_bom_sample.csv'));
    expect(series.get('b5d0a65d-6d54-47aa-95e9-9312f0353326')?.at[0]).toBe(
      Date.UTC(2024, 9, 3, 23, 33, 20) + 412748 / 1000,
    );
  });

  it.each([
    ['loop-2023/menu_hours.csv', 86_198, 11_116, 'day'],
    ['loop-2024/menu_hours.csv', 35_457, 4_466, 'dayOfWeek'],
  ])('%s: %d rows of %d stores (header %s), no rejects', async (name, rows, stores) => {
    const { rejects, onReject } = noRejects();
    const { hours, read, rejected } = await readHours(file(name), { onReject });
    expect(rejects).toEqual([]);
    const all = [...hours.values()].flat();
    expect({ read, rejected, rows: all.length, stores: hours.size }).toEqual({ read: rows, rejected: 0, rows, stores });
    expect(all.every((r) => r.day >= 0 && r.day <= 6 && r.startMs >= 0 && r.endMs <= 86_400_000)).toBe(true);
  });

  it('keeps a real schedule as written', async () => {
    const { hours } = await readHours(file('loop-2023/menu_hours.csv'));
    expect(hours.get('1481966498820158979')?.slice(0, 2)).toEqual([
      { storeId: '1481966498820158979', day: 4, startMs: 0, endMs: 600_000 },
      { storeId: '1481966498820158979', day: 2, startMs: 0, endMs: 600_000 },
    ]);
  });

  it.each([
    ['loop-2023/timezones.csv', 13_559],
    ['loop-2024/timezones.csv', 4_559],
  ])('%s: %d stores, no rejects', async (name, rows) => {
    const { rejects, onReject } = noRejects();
    const { timeZones, read, rejected } = await readTimeZones(file(name), { onReject });
    expect(rejects).toEqual([]);
    expect({ read, rejected, stores: timeZones.size }).toEqual({ read: rows, rejected: 0, stores: rows });
  });

  it('reads real zone names as written', async () => {
    const { timeZones } = await readTimeZones(file('loop-2023/timezones.csv'));
    expect(timeZones.get('8139926242460185114')).toBe('Asia/Beirut');
    expect(new Set(timeZones.values())).toEqual(
      new Set([
        'America/Boise',
        'America/Chicago',
        'America/Denver',
        'America/Detroit',
        'America/Edmonton',
        'America/Indiana/Indianapolis',
        'America/Los_Angeles',
        'America/New_York',
        'America/Phoenix',
        'Asia/Beirut',
        'Pacific/Honolulu',
      ]),
    );
  });
});
