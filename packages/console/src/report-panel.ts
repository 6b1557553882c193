import { byId, fill, h } from './dom.js';
import { download } from './download.js';
import { percent, utcClock } from './format.js';
import { statusBadge } from './reports-table.js';
import type { ReportRecord } from './types.js';

/** The open report: its inputs and times, its progress while it runs, its error if it failed. */
export function renderReportPanel(report: ReportRecord): void {
  const panel = byId('report-panel');
  panel.hidden = false;
  panel.dataset.reportId = report.id;
  panel.dataset.status = report.status;
  const facts: Array<[string, Node | string]> = [
    ['Id', h('code', {}, report.id)],
    ['Status', statusBadge(report)],
    ['Policy', report.policy],
    ['max_gap', report.max_gap ?? 'none'],
    ['as_of', report.as_of === null ? 'the latest poll' : utcClock(report.as_of)],
    ['Now', report.now === null ? 'fixed when a worker plans it' : utcClock(report.now)],
    ['Created', utcClock(report.created_at)],
    ['Finished', utcClock(report.finished_at) || '—'],
    ['Stores', report.row_count === null ? '—' : String(report.row_count)],
  ];
  fill(byId('report-facts'), ...facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));

  const running = report.status === 'Queued' || report.status === 'Running';
  byId('report-progress').hidden = !running;
  byId<HTMLProgressElement>('report-progress-bar').value = report.progress;
  byId('report-progress-text').textContent = running ? `${percent(report.progress)} of the stores done` : '';
  byId('report-error').textContent = report.status === 'Failed' ? (report.error ?? 'the report failed') : '';
  byId('stores-section').hidden = report.status !== 'Complete';
  // Real links too (copy, open in a tab when the API has no key); a click saves them with the key.
  byId<HTMLAnchorElement>('download-csv').href = getReportPath(report.id, 'csv');
  byId<HTMLAnchorElement>('download-json').href = getReportPath(report.id, 'json');
}

function getReportPath(id: string, format: 'csv' | 'json'): string {
  return `/get_report?${new URLSearchParams({ report_id: id, format })}`;
}

export function hideReportPanel(): void {
  byId('report-panel').hidden = true;
  delete byId('report-panel').dataset.reportId;
}

/** The two download buttons save the open report through get_report, with the key. */
export function setUpDownloads(current: () => string | null, failed: (message: string) => void): void {
  const save = (format: 'csv' | 'json') => (event: Event) => {
    event.preventDefault();
    const id = current();
    if (id === null) return;
    const name = `report-${id}.${format}`;
    download(getReportPath(id, format), name).catch((error: unknown) =>
      failed(error instanceof Error ? error.message : String(error)),
    );
  };
  byId('download-csv').addEventListener('click', save('csv'));
  byId('download-json').addEventListener('click', save('json'));
}
