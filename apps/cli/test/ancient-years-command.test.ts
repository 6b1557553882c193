import { fixtureDir, runCli } from './run-cli';

const HEADER =
  'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week';
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6].map((day) => `1,${day},09:00,17:00`);

describe('store-monitor report on polls of the year 50', () => {
  it('gives the business time any other year would: 60 min, 8 h and 56 h at noon', () => {
    const dir = fixtureDir({
      'store_status.csv':
        'store_id,status,timestamp_utc\n1,active,0050-06-05 12:00:00 UTC\n1,active,0050-06-15 12:00:00 UTC\n',
      'menu_hours.csv': `store_id,day,start_time_local,end_time_local\n${EVERY_DAY.join('\n')}\n`,
      'timezones.csv': 'store_id,timezone_str\n1,Etc/GMT-10\n',
    });
    const result = runCli(['report', '--data', dir, '--as-of', '0050-06-15T02:00:00Z']);
    expect(result.status).toBe(0);
    // 02:00Z is noon at UTC+10: 11:00-12:00 local, 17:00 back to 12:00 and 09:00-12:00, seven days of 8 h.
    expect(result.stdout).toBe(`${HEADER}\n1,60.00,8.00,56.00,0.00,0.00,0.00\n`);
    expect(result.stderr).toContain('stores: 1, polls read: 2, rows rejected: 0, now: 0050-06-15T02:00:00.000Z');
  });
});
