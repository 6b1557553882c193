import { byId, fill, h } from './dom.js';
import { percent, utcClock, utcMinute } from './format.js';
import type { ReportRecord } from './types.js';

/** The history: one line per report, newest first; a click (or Enter) opens the report. */
export function renderReports(
  reports: readonly ReportRecord[],
  total: number,
  selected: string | null,
  open: (id: string) => void,
): void {
  fill(byId('reports-body'), ...reports.map((report) => reportLine(report, report.id === selected, open)));
  const more = total > reports.length ? ` (the newest ${reports.length} of ${total})` : '';
  byId('reports-note').textContent = reports.length === 0 ? 'No reports yet: trigger one above.' : more;
}

function reportLine(report: ReportRecord, selected: boolean, open: (id: string) => void): HTMLTableRowElement {
  const line = h(
    'tr',
    { 'data-report-id': report.id, 'data-status': report.status, 'aria-selected': selected, class: 'clickable' },
    h(
      'td',
      {},
      h('button', { type: 'button', class: 'link', title: utcClock(report.created_at) }, utcMinute(report.created_at)),
    ),
    h('td', {}, statusBadge(report)),
    h(
      'td',
      {},
      report.policy,
      report.max_gap === undefined ? null : h('span', { class: 'tag' }, `gap ${report.max_gap}`),
    ),
    h('td', { title: utcClock(report.now) }, utcMinute(report.now)),
    h('td', { class: 'num' }, report.row_count ?? ''),
  );
  line.addEventListener('click', () => open(report.id));
  return line;
}

/** Status as a word and, while the report is being built, a bar with its progress. */
export function statusBadge(report: ReportRecord): HTMLElement {
  const badge = h('span', { class: `status ${report.status.toLowerCase()}` }, report.status);
  if (report.status !== 'Running' && report.status !== 'Queued') return badge;
  return h(
    'span',
    { class: 'status-progress' },
    badge,
    h('progress', { max: 1, value: report.progress, 'aria-label': `progress ${percent(report.progress)}` }),
    h('span', { class: 'percent' }, percent(report.progress)),
  );
}

export function isActive(report: ReportRecord): boolean {
  return report.status === 'Queued' || report.status === 'Running';
}
