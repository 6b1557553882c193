import { getJson } from './api.js';
import { byId, fill, h } from './dom.js';
import {
  columnParts,
  columnUnit,
  formatAmount,
  headerGroups,
  nextSort,
  pageText,
  storesPath,
  type TableQuery,
} from './format.js';
import type { ReportRow, StoresPage } from './types.js';

const PAGE_SIZE = 50;
const FILTER_DELAY_MS = 250;

/**
 * A finished report's stores, a page at a time from GET /stores: sorted by the column whose header
 * was clicked, filtered by store id. The server sorts and filters, so a page is the same whichever
 * page was shown before.
 */
export class StoresTable {
  private reportId: string | null = null;
  private query: TableQuery = { sort: 'store_id', order: 'asc', q: '', offset: 0, limit: PAGE_SIZE };
  /** Only the newest request's answer is shown: typing in the filter sends several. */
  private sequence = 0;
  private filterTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly openStore: (storeId: string) => void,
    private readonly failed: (message: string) => void,
  ) {
    const filter = byId<HTMLInputElement>('store-filter');
    filter.addEventListener('input', () => {
      clearTimeout(this.filterTimer);
      this.filterTimer = setTimeout(() => this.change({ q: filter.value, offset: 0 }), FILTER_DELAY_MS);
    });
    byId('page-prev').addEventListener('click', () =>
      this.change({ offset: Math.max(0, this.query.offset - this.query.limit) }),
    );
    byId('page-next').addEventListener('click', () => this.change({ offset: this.query.offset + this.query.limit }));
  }

  /** Shows this report's stores (from the first page, unfiltered, when it is another report). */
  show(reportId: string): void {
    if (reportId === this.reportId) return;
    this.reportId = reportId;
    this.query = { ...this.query, q: '', offset: 0 };
    byId<HTMLInputElement>('store-filter').value = '';
    this.load();
  }

  forget(): void {
    this.reportId = null;
  }

  private change(changes: Partial<TableQuery>): void {
    this.query = { ...this.query, ...changes };
    this.load();
  }

  private load(): void {
    if (this.reportId === null) return;
    const sequence = ++this.sequence;
    byId('stores-table').setAttribute('aria-busy', 'true');
    getJson<StoresPage>(storesPath(this.reportId, this.query))
      .then((page) => {
        if (sequence !== this.sequence) return;
        this.render(page);
      })
      .catch((error: unknown) => {
        if (sequence === this.sequence) this.failed(error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        if (sequence === this.sequence) byId('stores-table').removeAttribute('aria-busy');
      });
  }

  private render(page: StoresPage): void {
    this.renderHeader(page.columns);
    fill(byId('stores-body'), ...page.rows.map((row) => this.line(page.columns, row)));
    byId('page-text').textContent = pageText(page.offset, page.rows.length, page.total);
    byId<HTMLButtonElement>('page-prev').disabled = page.offset === 0;
    byId<HTMLButtonElement>('page-next').disabled = page.offset + page.rows.length >= page.total;
  }

  /**
   * Two rows, so ten columns fit a laptop: `uptime`, `downtime`, `unknown` over their windows, each
   * window a sort button named by its full column (`data-column`, and the label read out).
   */
  private renderHeader(columns: readonly string[]): void {
    const top = headerGroups(columns).map((group) => {
      const parts = columnParts(group.columns[0]);
      if (parts === null) return this.header(group.columns[0], { rowspan: 2 });
      return h('th', { scope: 'colgroup', colspan: group.columns.length, class: `group ${group.label}` }, group.label);
    });
    const windows = columns.filter((column) => columnParts(column) !== null).map((column) => this.header(column, {}));
    fill(byId('stores-head'), h('tr', {}, ...top), h('tr', {}, ...windows));
  }

  private header(column: string, attributes: { rowspan?: number }): HTMLTableCellElement {
    const sorted = this.query.sort === column;
    const sort = sorted ? (this.query.order === 'asc' ? 'ascending' : 'descending') : 'none';
    const unit = columnUnit(column);
    const label = columnParts(column)?.window ?? column;
    const button = h(
      'button',
      { type: 'button', class: 'sort', 'data-column': column, 'aria-label': column, title: column },
      label,
      unit === '' ? null : h('span', { class: 'unit' }, ` (${unit})`),
      h('span', { class: 'arrow', 'aria-hidden': 'true' }, sorted ? (this.query.order === 'asc' ? ' ▲' : ' ▼') : ''),
    );
    button.addEventListener('click', () => this.change({ ...nextSort(this.query, column), offset: 0 }));
    const kind = column === 'store_id' ? '' : 'num';
    return h('th', { scope: 'col', 'aria-sort': sort, class: kind, ...attributes }, button);
  }

  private line(columns: readonly string[], row: ReportRow): HTMLTableRowElement {
    const storeId = String(row.store_id);
    const open = h('button', { type: 'button', class: 'link store-link', title: 'Show the timeline' }, storeId);
    open.addEventListener('click', () => this.openStore(storeId));
    const cells = columns.map((column) =>
      column === 'store_id'
        ? h('th', { scope: 'row' }, open)
        : h('td', { class: 'num', 'data-column': column }, formatAmount(row[column])),
    );
    return h('tr', { 'data-store-id': storeId }, ...cells);
  }
}
