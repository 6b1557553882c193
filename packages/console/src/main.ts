import { ApiError, getJson } from './api.js';
import { byId } from './dom.js';
import { askForKey, KeyMissingError } from './key.js';
import { hideReportPanel, renderReportPanel, setUpDownloads } from './report-panel.js';
import { isActive, renderReports } from './reports-table.js';
import { readRoute, writeRoute } from './route.js';
import { hideStore, showStore } from './store-panel.js';
import { StoresTable } from './stores-table.js';
import { setUpTriggerForm } from './trigger-form.js';
import type { ReportList, ReportRecord } from './types.js';

/** While a report is queued or running, the history and the open report are read again this often. */
const POLL_MS = 1000;
/** Otherwise this often, so reports triggered elsewhere (curl, a tool) show up too. */
const IDLE_POLL_MS = 10_000;
/** After the server could not answer (restarting, unreachable), try again this soon. */
const RETRY_MS = 5000;
const HISTORY_SIZE = 20;

let openReport: ReportRecord | null = null;
let shownStore: string | null = null;
let pollTimer: ReturnType<typeof setTimeout> | undefined;
/** Only the newest refresh shows its answer and sets the next timer, so a click mid-poll starts no second loop. */
let generation = 0;

const stores = new StoresTable(
  (storeId) => writeRoute({ report: openReport?.id ?? null, store: storeId }),
  (message) => {
    byId('report-error').textContent = message;
  },
);

/**
 * Reads the history and the open report, shows them, and comes back in a second while any of them
 * is still being built: the progress moves without a click.
 */
async function refresh(): Promise<void> {
  clearTimeout(pollTimer);
  const mine = ++generation;
  const route = readRoute();
  try {
    const list = await getJson<ReportList>(`/reports?limit=${HISTORY_SIZE}`);
    if (mine !== generation) return;
    renderReports(list.reports, list.total, route.report, (id) => writeRoute({ report: id, store: null }));
    const open = route.report === null ? null : await reportOf(route.report, list.reports);
    if (mine !== generation) return;
    showReport(open, route.store);
    const active = list.reports.some(isActive) || (open !== null && isActive(open));
    pollTimer = setTimeout(refresh, active ? POLL_MS : IDLE_POLL_MS);
    byId('reports-note').classList.remove('error');
  } catch (error) {
    if (mine !== generation) return;
    const note = byId('reports-note');
    note.textContent = error instanceof Error ? error.message : String(error);
    note.classList.add('error');
    // A server fault or a lost connection passes; a missing key waits for the "API key" button.
    const passing = error instanceof ApiError ? error.status >= 500 : !(error instanceof KeyMissingError);
    if (passing) pollTimer = setTimeout(refresh, RETRY_MS);
  }
}

/** The open report's record: from the history when it is there, else on its own. */
async function reportOf(id: string, listed: readonly ReportRecord[]): Promise<ReportRecord | null> {
  const found = listed.find((report) => report.id === id);
  if (found !== undefined) return found;
  try {
    return await getJson<ReportRecord>(`/reports/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

function showReport(report: ReportRecord | null, storeId: string | null): void {
  openReport = report;
  if (report === null) {
    hideReportPanel();
    stores.forget();
    hideStore();
    shownStore = null;
    return;
  }
  renderReportPanel(report);
  if (report.status !== 'Complete') {
    hideStore();
    shownStore = null;
    return;
  }
  stores.show(report.id);
  const wanted = storeId === null ? null : `${report.id}/${storeId}`;
  if (wanted === shownStore) return;
  shownStore = wanted;
  if (storeId === null) hideStore();
  else {
    void showStore(report, storeId);
    byId('store-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

function start(): void {
  setUpTriggerForm((reportId) => writeRoute({ report: reportId, store: null }));
  setUpDownloads(
    () => openReport?.id ?? null,
    (message) => {
      byId('report-error').textContent = message;
    },
  );
  byId('key-button').addEventListener('click', () => {
    askForKey('Give the API key (API_KEY) this console should send.').then(refresh, () => undefined);
  });
  window.addEventListener('hashchange', () => void refresh());
  void refresh();
}

start();
