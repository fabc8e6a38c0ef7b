/** The sitemaps protocol allows 50,000 URLs per file; above that a sitemap index lists several files. */
export const SITEMAP_URL_LIMIT = 50_000;

export function sitemapFilesFor(urls: number): { index: boolean; files: number } {
  return urls > SITEMAP_URL_LIMIT ? { index: true, files: Math.ceil(urls / SITEMAP_URL_LIMIT) } : { index: false, files: 1 };
}

/** URLs listed by a sitemap (<url>) or files listed by a sitemap index (<sitemap>). */
export function countSitemap(xml: string): { index: boolean; entries: number } {
  const index = /<sitemapindex[\s>]/.test(xml);
  return { index, entries: (xml.match(index ? /<sitemap>/g : /<url>/g) ?? []).length };
}

export function countFeedItems(xml: string): number {
  return (xml.match(/<item[\s>]/g) ?? []).length;
}
