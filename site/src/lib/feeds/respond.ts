/**
 * HTTP answers of the feed, sitemap and robots routes: route caching, 503 when the CMS is down.
 */

import { section as sectionOf } from '@portal/common/sections';
import type { APIContext } from 'astro';
import { CACHE_MAX_AGE, CACHE_STALE_SECONDS, tagsForPage } from '../cache-tags.ts';
import { type FeedItem, isCmsError, layoutSchool, listCategories, listFeedItems, listSitemapEntries, type SitemapEntry } from '../cms/index.ts';
import { RETRY_AFTER_SECONDS, SCHOOL_NAME_FALLBACK } from '../page.ts';
import { FEED_CONTENT_TYPE, FEED_TITLES, type FeedSection, renderRss } from './rss.ts';
import { STATIC_PATHS, uniqueEntries } from './sitemap.ts';
import { absoluteUrl } from './xml.ts';

/** Route-cache the answer like pages are, purged by the same webhook tags. */
export function cacheAnswer(context: Pick<APIContext, 'cache' | 'url'>, extraTags: string[] = []): void {
  if (!context.cache?.enabled) return;
  const tags = [...new Set([...tagsForPage(context.url.pathname), ...extraTags])].sort();
  context.cache.set({ maxAge: CACHE_MAX_AGE, swr: CACHE_STALE_SECONDS, tags });
}

/**
 * Feed readers and crawlers poll: they may keep a copy five minutes, then revalidate (a 304 from the ETag
 * when nothing changed). Pages say max-age=0 instead, since readers must see a publication at once.
 */
export const FEED_CACHE_CONTROL = 'public, max-age=300, must-revalidate';

export function unavailable(): Response {
  return new Response('Hệ thống quản lý nội dung đang tạm gián đoạn. Xin vui lòng thử lại sau.\n', {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
  });
}

/** The whole GET handler of one section's feed. */
export async function feedResponse(section: FeedSection, context: Pick<APIContext, 'cache' | 'url'>): Promise<Response> {
  let items: FeedItem[];
  let schoolName = SCHOOL_NAME_FALLBACK;
  try {
    // The school's name only decorates the channel title: a feed whose items loaded is still served.
    const [list, school] = await Promise.all([listFeedItems(section, 20), layoutSchool().catch(() => null)]);
    items = list;
    if (typeof school?.name === 'string' && school.name) schoolName = school.name;
  } catch (error) {
    if (isCmsError(error)) return unavailable();
    throw error;
  }
  const meta = FEED_TITLES[section];
  const body = renderRss({
    title: `${meta.title} – ${schoolName}`,
    description: meta.description,
    link: absoluteUrl(sectionOf(section).route),
    self: absoluteUrl(`${sectionOf(section).route}/rss.xml`),
    items,
  });
  cacheAnswer(context);
  return new Response(body, { status: 200, headers: { 'Content-Type': FEED_CONTENT_TYPE, 'Cache-Control': FEED_CACHE_CONTROL } });
}

/**
 * The whole GET handler of /sitemap.xml and its parts: every public URL (fixed pages, categories,
 * documents), given to `render`, which returns the XML or null for a part that does not exist (404).
 */
export async function sitemapAnswer(context: Pick<APIContext, 'cache' | 'url'>, render: (entries: SitemapEntry[]) => string | null): Promise<Response> {
  let entries: SitemapEntry[];
  try {
    const [documents, categories] = await Promise.all([listSitemapEntries(), listCategories()]);
    entries = uniqueEntries([
      ...STATIC_PATHS.map((path) => ({ path, lastmod: null })),
      ...categories
        .filter((c) => c.slug)
        .map((c) => ({ path: `${sectionOf('article').route}/chuyen-muc/${c.slug}`, lastmod: typeof c.updatedAt === 'string' ? c.updatedAt : null })),
      ...documents,
    ]);
  } catch (error) {
    if (isCmsError(error)) return unavailable();
    throw error;
  }
  const body = render(entries);
  if (body === null) {
    return new Response('Không có tệp sơ đồ trang này.\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  // The sitemap lists every section's documents: any of them appearing or disappearing must purge it.
  cacheAnswer(context, ['article', 'announcement', 'category', 'directive', 'activity']);
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': FEED_CACHE_CONTROL } });
}
