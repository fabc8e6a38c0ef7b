/**
 * /sitemap.xml and /robots.txt bodies. Pure functions of their inputs, so tests need no CMS.
 */
import { sitemapPaths } from '@portal/common/sections';
import type { SitemapEntry } from '../cms/index.ts';
import { absoluteUrl, escapeXml, w3cDate } from './xml.ts';

/** Pages that exist whatever the content; detail pages come from the CMS. */
export const STATIC_PATHS: readonly string[] = sitemapPaths();

export function renderSitemap(entries: SitemapEntry[]): string {
  const seen = new Set<string>();
  const urls: string[] = [];
  for (const entry of entries) {
    if (seen.has(entry.path)) continue;
    seen.add(entry.path);
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
