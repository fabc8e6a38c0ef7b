/** Absolute URL of a path on a site whose base (no trailing slash) is `base`; a missing leading slash is added. */
export function absoluteUrl(base: string, pathAndQuery: string): string {
  return `${base}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`;
}

export const MAX_PAGE = 10_000;
export const MAX_PAGE_SIZE = 100;

/**
 * A page request made safe for the CMS's REST API: a page number that is a positive integer (at most
 * MAX_PAGE, else page 1) and a page size that is a positive integer (else the default), at most MAX_PAGE_SIZE.
 */
export function clampPage(request: { page?: number; pageSize?: number }, defaultSize: number): { page: number; pageSize: number } {
  const page = Number.isInteger(request.page) && (request.page ?? 0) > 0 ? Math.min(request.page ?? 1, MAX_PAGE) : 1;
  const size = Number.isInteger(request.pageSize) && (request.pageSize ?? 0) > 0 ? (request.pageSize ?? defaultSize) : defaultSize;
  return { page, pageSize: Math.min(size, MAX_PAGE_SIZE) };
}
