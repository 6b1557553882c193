import {
  buildReport,
  compareStoreIds,
  computeStore,
  formatReportRow,
  toReportRow,
  REPORT_HEADER,
  type StoreInput,
} from '../src';

const M = 60_000;
const H = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);
const at = (iso: string, active: boolean) => ({ iso, active });

function store(
  storeId: string,
  polls: { iso: string; active: boolean }[],
  hours: StoreInput['hours'] = [],
): StoreInput {
  return { storeId, hours, polls: { at: polls.map((p) => utc(p.iso)), active: polls.map((p) => p.active) } };
}

describe('polls', () => {
  const now = utc('2024-01-10T12:00:00Z');

  it('keeps the later row of two polls at the same instant', () => {
    const s = store('s', [at('2024-01-10T11:30:00Z', true), at('2024-01-10T11:30:00Z', false)]);
    expect(computeStore(s, now, 'forward')!.downtimeHourMs).toBe(60 * M);
  });

  it('sorts polls given out of order', () => {
    const s = store('s', [at('2024-01-10T11:30:00Z', false), at('2024-01-10T11:00:00Z', true)]);
    expect(computeStore(s, now, 'forward')!.uptimeHourMs).toBe(30 * M);
  });

  it('ignores polls after now, and gives no row to a store polled only after now', () => {
    const s = store('s', [at('2024-01-10T11:00:00Z', true), at('2024-01-10T11:45:00Z', false)]);
    expect(computeStore(s, utc('2024-01-10T11:40:00Z'), 'nearest')!.uptimeHourMs).toBe(60 * M);
    expect(computeStore(s, utc('2024-01-10T10:59:00Z'), 'nearest')).toBeNull();
  });

  it('uses all polls as evidence when none falls inside business hours', () => {
    // Open Wednesdays 09:00-10:00 Chicago (15:00-16:00Z); the only poll, inactive, is at 12:00Z.
    const hours = [{ storeId: 's', day: 2, startMs: 9 * H, endMs: 10 * H }];
    const d = computeStore(
      store('s', [at('2024-01-10T12:00:00Z', false)], hours),
      utc('2024-01-10T17:00:00Z'),
      'nearest',
    )!;
    expect(d.downtimeDayMs).toBe(H);
    expect(d.uptimeDayMs).toBe(0);
  });
});

describe('report rows', () => {
  it('rounds to 2 decimals in minutes and hours and always writes two decimals', () => {
    const row = toReportRow({
      storeId: 'x',
      uptimeHourMs: 20 * M + 500, // 20.00833 min
      uptimeDayMs: 5 * H + 50 * M, // 5.8333 h
      uptimeWeekMs: 0,
      downtimeHourMs: 39 * M + 59_500, // 39.99167 min
      downtimeDayMs: 18_000, // 0.005 h: half rounds up
      downtimeWeekMs: 1234 * H,
    });
    expect(row).toEqual({
      store_id: 'x',
      uptime_last_hour: 20.01,
      uptime_last_day: 5.83,
      uptime_last_week: 0,
      downtime_last_hour: 39.99,
      downtime_last_day: 0.01,
      downtime_last_week: 1234,
    });
    expect(formatReportRow(row)).toBe('x,20.01,5.83,0.00,39.99,0.01,1234.00');
    expect(REPORT_HEADER).toBe(
      'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week',
    );
  });

  it('quotes a store id that holds a comma or quote', () => {
    const row = toReportRow({
      storeId: 'a,"b"',
      uptimeHourMs: 0,
      uptimeDayMs: 0,
      uptimeWeekMs: 0,
      downtimeHourMs: 0,
      downtimeDayMs: 0,
      downtimeWeekMs: 0,
    });
    expect(formatReportRow(row)).toBe('"a,""b""",0.00,0.00,0.00,0.00,0.00,0.00');
  });

  it('sorts by plain byte order and gives rows only to stores polled by now', () => {
    const polls = [at('2024-01-10T11:00:00Z', true)];
    const late = store('late', [at('2024-01-10T13:00:00Z', true)]);
    const ids = ['b', 'B', '10', '9', 'a\u{1F600}', 'a\uFFFD'];
    const report = buildReport([...ids.map((id) => store(id, polls)), late], {
      policy: 'nearest',
      asOf: utc('2024-01-10T12:00:00Z'),
    });
    expect(report.rows.map((r) => r.store_id)).toEqual(['10', '9', 'B', 'a\uFFFD', 'a\u{1F600}', 'b']);
  });

  it('orders ids like UTF-8 bytes', () => {
    const ids = ['\uFFFD', '\u{10000}', 'z', '\u00e9'];
    const bytes = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...ids].sort(compareStoreIds)).toEqual(bytes);
  });

  it('has no rows and no now without polls', () => {
    expect(buildReport([], { policy: 'nearest' })).toEqual({ now: undefined, rows: [] });
  });
});

describe('typed poll arrays', () => {
  it('give the same durations whether already in order or not, as typed or plain arrays', () => {
    const now = utc('2024-01-10T12:00:00Z');
    const times = ['2024-01-10T10:00:00Z', '2024-01-10T11:10:00Z', '2024-01-10T11:40:00Z'].map(utc);
    const states = [true, false, true];
    const plain = computeStore({ storeId: 's', hours: [], polls: { at: times, active: states } }, now, 'nearest');
    const typed = computeStore(
      { storeId: 's', hours: [], polls: { at: Float64Array.from(times), active: Uint8Array.from(states, Number) } },
      now,
      'nearest',
    );
    const shuffled = computeStore(
      {
        storeId: 's',
        hours: [],
        polls: { at: Float64Array.from([times[2], times[0], times[1]]), active: Uint8Array.from([1, 1, 0]) },
      },
      now,
      'nearest',
    );
    // Nearest: active until 10:35, inactive to 11:25, active after: 25 min inactive in the last hour.
    expect(plain!.downtimeHourMs).toBe(25 * M);
    expect(typed).toEqual(plain);
    expect(shuffled).toEqual(plain);
  });
});
