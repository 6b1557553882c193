import {
  columnParts,
  fieldNamed,
  formatAmount,
  headerGroups,
  lengthText,
  localClock,
  nextSort,
  pageText,
  percent,
  storesPath,
  timelinePath,
  triggerBody,
  utcClock,
  utcMinute,
  windowsOf,
} from '../src/format';

const COLUMNS = [
  'store_id',
  'uptime_last_hour',
  'uptime_last_day',
  'uptime_last_week',
  'downtime_last_hour',
  'downtime_last_day',
  'downtime_last_week',
];

describe("the console's pure parts", () => {
  it("find the field a 400 names, as the API's messages name it", () => {
    expect(fieldNamed('body/max_gap must be a duration such as 2h; got "soon"')).toBe('max_gap');
    expect(fieldNamed('body/policy must be one of nearest, forward; got "x"')).toBe('policy');
    expect(fieldNamed('as_of 2031-01-01T00:00:00Z is more than 1d after the latest poll')).toBe('as_of');
    expect(fieldNamed('body/colour is not a known field')).toBeNull();
    expect(fieldNamed('Redis is unavailable')).toBeNull();
  });

  it('send only the fields given, trimmed', () => {
    expect(triggerBody({ as_of: '  ', policy: 'forward', max_gap: ' 2h ' })).toEqual({
      policy: 'forward',
      max_gap: '2h',
    });
    expect(triggerBody({ as_of: '', policy: '', max_gap: '' })).toEqual({});
  });

  it('sort a new column biggest first (store ids in order), and flip the same one', () => {
    expect(nextSort({ sort: 'store_id', order: 'asc' }, 'downtime_last_week')).toEqual({
      sort: 'downtime_last_week',
      order: 'desc',
    });
    expect(nextSort({ sort: 'downtime_last_week', order: 'desc' }, 'downtime_last_week')).toEqual({
      sort: 'downtime_last_week',
      order: 'asc',
    });
    expect(nextSort({ sort: 'downtime_last_week', order: 'asc' }, 'store_id')).toEqual({
      sort: 'store_id',
      order: 'asc',
    });
  });

  it('write the query paths, the filter only when there is one, odd store ids encoded', () => {
    const query = { sort: 'downtime_last_week', order: 'desc' as const, q: ' ab ', offset: 50, limit: 50 };
    expect(storesPath('r1', query)).toBe(
      '/stores?report_id=r1&sort=downtime_last_week&order=desc&limit=50&offset=50&q=ab',
    );
    expect(storesPath('r1', { ...query, q: '' })).not.toContain('q=');
    const report = { now: '2024-04-07T00:29:26.217913Z', policy: 'forward', max_gap: '2h' };
    expect(timelinePath('a/b c', report, '.svg')).toBe(
      '/stores/a%2Fb%20c/timeline.svg?policy=forward&as_of=2024-04-07T00%3A29%3A26.217913Z&max_gap=2h',
    );
    expect(timelinePath('7', { now: null, policy: 'nearest' }, '')).toBe('/stores/7/timeline?policy=nearest');
  });

  it('group the duration columns under their measure, store_id alone', () => {
    expect(headerGroups(COLUMNS)).toEqual([
      { label: 'store_id', columns: ['store_id'] },
      { label: 'uptime', columns: COLUMNS.slice(1, 4) },
      { label: 'downtime', columns: COLUMNS.slice(4, 7) },
    ]);
    expect(columnParts('unknown_last_day')).toEqual({ measure: 'unknown', window: 'day' });
    expect(columnParts('store_id')).toBeNull();
  });

  it('write times from the text, never through the browser’s zone', () => {
    expect(localClock('2024-03-10T03:00:00.5-04:00')).toBe('Sun 2024-03-10 03:00:00');
    expect(localClock('not a time')).toBe('not a time');
    expect(utcClock('2024-04-07T00:29:26.217913Z')).toBe('2024-04-07 00:29:26 UTC');
    expect(utcMinute('2024-04-07T00:29:26.217913Z')).toBe('2024-04-07 00:29');
    expect(utcClock(null)).toBe('');
    expect(lengthText('2024-04-07T00:00:00Z', '2024-04-07T01:05:29.9Z')).toBe('1 h 05 min');
    expect(lengthText('2024-04-07T00:00:00Z', '2024-04-07T00:40:00Z')).toBe('40 min');
  });

  it('write amounts, progress and pages', () => {
    expect(formatAmount(3)).toBe('3.00');
    expect(formatAmount('154.04')).toBe('154.04');
    expect(formatAmount(undefined)).toBe('');
    expect(percent(0.4)).toBe('40%');
    expect(percent(1.2)).toBe('100%');
    expect(pageText(50, 50, 200)).toBe('51–100 of 200');
    expect(pageText(0, 0, 0)).toBe('no stores');
  });

  it('lay a row out by window, with unknown only when the row has it', () => {
    const row = Object.fromEntries(COLUMNS.map((column, i) => [column, i === 0 ? 's1' : i]));
    expect(windowsOf(row)[2]).toEqual({ window: 'Last week', unit: 'h', up: '3.00', down: '6.00', unknown: null });
    expect(windowsOf({ ...row, unknown_last_hour: 0.5 })[0]).toMatchObject({ unit: 'min', unknown: '0.50' });
  });
});
