/**
 * Page links that keep the rest of the query string (search words, filters). The shared Pagination
 * component only knows "?page=N" on a bare path, which would drop them.
 */

export interface PageLink {
  page: number;
  href: string;
  current: boolean;
}

export interface PageLinks {
  prev: string | null;
  next: string | null;
  /** A window around the current page, plus the first and last page; null marks a gap. */
  items: (PageLink | null)[];
}

export function pageHref(url: URL, page: number): string {
  const params = new URLSearchParams(url.searchParams);
  if (page <= 1) params.delete('page');
  else params.set('page', String(page));
  const qs = params.toString();
  return qs ? `${url.pathname}?${qs}` : url.pathname;
}

export function pageLinks(url: URL, page: number, pageCount: number): PageLinks {
  const items: (PageLink | null)[] = [];
  const link = (n: number): PageLink => ({ page: n, href: pageHref(url, n), current: n === page });
  const from = Math.max(1, page - 2);
  const to = Math.min(pageCount, page + 2);
  if (from > 1) items.push(link(1));
  if (from > 2) items.push(null);
  for (let n = from; n <= to; n++) items.push(link(n));
  if (to < pageCount - 1) items.push(null);
  if (to < pageCount) items.push(link(pageCount));
  return {
    prev: page > 1 ? pageHref(url, page - 1) : null,
    next: page < pageCount ? pageHref(url, page + 1) : null,
    items,
  };
}
