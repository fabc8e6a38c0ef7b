/**
 * /sitemap.xml and /robots.txt bodies. Pure functions of their inputs, so tests need no CMS.
 */
import { sitemapPaths } from '@portal/common/sections';
import type { SitemapEntry } from '../cms/index.ts';
import { absoluteUrl, escapeXml, w3cDate } from './xml.ts';

/** Pages that exist whatever the content; detail pages come from the CMS. */
export const STATIC_PATHS: readonly string[] = sitemapPaths();

/** The sitemaps protocol's limit of URLs in one file; above it /sitemap.xml becomes an index. */
export const SITEMAP_LIMIT = 50_000;

/** Each path once, in the order given (static pages first). */
export function uniqueEntries(entries: readonly SitemapEntry[]): SitemapEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.path) && seen.add(entry.path));
}

/** Number of files the entries need: 1 means /sitemap.xml lists them itself. */
export function sitemapParts(count: number, limit = SITEMAP_LIMIT): number {
  return Math.max(1, Math.ceil(count / limit));
}

/** The entries of /sitemap-<part>.xml (part counts from 1), or null for a part that does not exist. */
export function sitemapPart(entries: readonly SitemapEntry[], part: number, limit = SITEMAP_LIMIT): SitemapEntry[] | null {
  const parts = sitemapParts(entries.length, limit);
  if (parts === 1 || !Number.isInteger(part) || part < 1 || part > parts) return null;
  return entries.slice((part - 1) * limit, part * limit);
}

export function renderSitemapIndex(parts: number): string {
  const items = Array.from({ length: parts }, (_, i) => `  <sitemap><loc>${escapeXml(absoluteUrl(`/sitemap-${i + 1}.xml`))}</loc></sitemap>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...items, '</sitemapindex>', ''].join(
    '\n',
  );
}

export function renderSitemap(entries: readonly SitemapEntry[]): string {
  const urls: string[] = [];
  for (const entry of uniqueEntries(entries)) {
    const lastmod = w3cDate(entry.lastmod);
    urls.push(`  <url><loc>${escapeXml(absoluteUrl(entry.path))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`);
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}

export function renderRobots(): string {
  return [
    'User-agent: *',
    'Allow: /',
    // Draft previews are private by design; search results are endless and duplicate real pages.
    'Disallow: /xem-truoc',
    'Disallow: /tim-kiem?',
    '',
    `Sitemap: ${absoluteUrl('/sitemap.xml')}`,
    '',
  ].join('\n');
}
