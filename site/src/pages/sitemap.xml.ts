import type { APIRoute } from 'astro';
import { isCmsError, listCategories, listSitemapEntries } from '../lib/cms/index.ts';
import { cacheAnswer, unavailable } from '../lib/feeds/respond.ts';
import { renderSitemap, STATIC_PATHS } from '../lib/feeds/sitemap.ts';

export const GET: APIRoute = async (context) => {
  try {
    const [documents, categories] = await Promise.all([listSitemapEntries(), listCategories()]);
    const body = renderSitemap([
      ...STATIC_PATHS.map((path) => ({ path, lastmod: null })),
      ...categories
        .filter((c) => c.slug)
        .map((c) => ({ path: `/tin-tuc/chuyen-muc/${c.slug}`, lastmod: typeof c.updatedAt === 'string' ? c.updatedAt : null })),
      ...documents,
    ]);
    // The sitemap lists every section's documents: any of them appearing or disappearing must purge it.
    cacheAnswer(context, ['article', 'category', 'directive', 'activity']);
    return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
  } catch (error) {
    if (isCmsError(error)) return unavailable();
    throw error;
  }
};
