/**
 * Filtering and paging of the Лицензии and Устройства lists, shared by the
 * server-rendered layouts and the client layout's JSON API so both show the
 * same rows for the same URL.
 */
import type { LicenseStatus } from '../seed.ts';

export const PAGE_SIZES = [20, 50, 100, 'all'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface ListQuery {
  page: number;
  size: PageSize;
  /** Лицензии only: the status filter; undefined shows every status. */
  status?: LicenseStatus;
}

const STATUSES: readonly string[] = ['free', 'activated', 'expired'] satisfies LicenseStatus[];

/** Reads `?page=&size=&status=`; anything unexpected falls back to the list's defaults. */
export function readListQuery(params: URLSearchParams, defaultSize: PageSize): ListQuery {
  const sizeText = params.get('size');
  const size = PAGE_SIZES.find((candidate) => String(candidate) === sizeText) ?? defaultSize;
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const status = params.get('status') ?? '';
  return {
    page: Number.isFinite(page) && page > 0 ? page : 1,
    size,
    ...(STATUSES.includes(status) ? { status: status as LicenseStatus } : {}),
  };
}

export interface ListPage<T> {
  rows: T[];
  /** The page actually shown: a page past the end shows the last one. */
  page: number;
  pageCount: number;
  total: number;
  /** 1-based positions of the first and last row shown (0 and 0 when empty). */
  from: number;
  to: number;
}

export function pageOf<T>(rows: readonly T[], query: ListQuery): ListPage<T> {
  const total = rows.length;
  const perPage = query.size === 'all' ? Math.max(total, 1) : query.size;
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(query.page, pageCount);
  const start = (page - 1) * perPage;
  const shown = rows.slice(start, start + perPage);
  return { rows: shown, page, pageCount, total, from: shown.length ? start + 1 : 0, to: start + shown.length };
}

/** A page link, or a gap («…») between far-apart page numbers. */
export type PagerItem = { page: number; current: boolean } | 'gap';

/** First, last and two around the current page: 500 pages of `partner` stay a short line. */
export function pagerItems(page: number, pageCount: number): PagerItem[] {
  const items: PagerItem[] = [];
  let previous = 0;
  for (let n = 1; n <= pageCount; n++) {
    const near = n === 1 || n === pageCount || Math.abs(n - page) <= 2;
    if (!near) continue;
    if (n - previous > 1) items.push('gap');
    items.push({ page: n, current: n === page });
    previous = n;
  }
  return items;
}

/** `?page=2&status=free&size=50`: the query for a link, keeping the filter and size the user chose. */
export function listSearch(query: ListQuery, defaultSize: PageSize, changes: Partial<ListQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  params.set('page', String(next.page));
  if (next.status) params.set('status', next.status);
  if (next.size !== defaultSize) params.set('size', String(next.size));
  return `?${params}`;
}

/** `?size=50` (with the status kept): the «Показывать по» links always name the size and go back to page 1. */
export function sizeSearch(query: ListQuery, size: PageSize): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  params.set('size', String(size));
  return `?${params}`;
}

/** The pager as links, for the server's pager and the client layout's API alike. */
export interface PagerLinks {
  previous: string | null;
  next: string | null;
  items: Array<{ page: number; search: string; current: boolean } | 'gap'>;
}

export function pagerLinks(shown: ListPage<unknown>, query: ListQuery, defaultSize: PageSize): PagerLinks {
  const to = (page: number) => listSearch(query, defaultSize, { page });
  return {
    previous: shown.page > 1 ? to(shown.page - 1) : null,
    next: shown.page < shown.pageCount ? to(shown.page + 1) : null,
    items: pagerItems(shown.page, shown.pageCount).map((item) =>
      item === 'gap' ? item : { ...item, search: to(item.page) },
    ),
  };
}
