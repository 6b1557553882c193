import { compareStoreIds, type ReportColumn } from '@store-monitor/engine';
import type { ReportRowJson } from '@store-monitor/service';

export type SortOrder = 'asc' | 'desc';

export interface PageRequest {
  sort: ReportColumn;
  order: SortOrder;
  offset: number;
  limit: number;
  /** Keeps the rows whose store id contains it, ignoring case; undefined or empty keeps every row. */
  q?: string;
}

export interface RowsPage {
  /** Rows left after the filter, before paging. */
  total: number;
  rows: ReportRowJson[];
}

/**
 * One page of a report's rows: filtered by store id, sorted by a column, then cut. Ties (equal
 * durations) are always in store_id byte order, ascending in both orders, so every page of one
 * query is stable and no row shows on two pages.
 */
export function pageOfRows(rows: readonly ReportRowJson[], request: PageRequest): RowsPage {
  const kept = filterByStoreId(rows, request.q);
  const sorted = kept.sort(comparator(request.sort, request.order));
  return { total: sorted.length, rows: sorted.slice(request.offset, request.offset + request.limit) };
}

/** Store ids are opaque text; the filter is a plain substring, without case so that hex ids match either way. */
function filterByStoreId(rows: readonly ReportRowJson[], q: string | undefined): ReportRowJson[] {
  if (q === undefined || q === '') return [...rows];
  const needle = q.toLowerCase();
  return rows.filter((row) => String(row.store_id).toLowerCase().includes(needle));
}

type Compare = (a: ReportRowJson, b: ReportRowJson) => number;

const byStoreId: Compare = (a, b) => compareStoreIds(String(a.store_id), String(b.store_id));

function comparator(column: ReportColumn, order: SortOrder): Compare {
  const sign = order === 'asc' ? 1 : -1;
  if (column === 'store_id') return (a, b) => sign * byStoreId(a, b);
  return (a, b) => sign * ((a[column] as number) - (b[column] as number)) || byStoreId(a, b);
}
