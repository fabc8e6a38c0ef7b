import type { APIRoute } from 'astro';
import { sitemapAnswer } from '../lib/feeds/respond.ts';
import { renderSitemap, renderSitemapIndex, SITEMAP_LIMIT } from '../lib/feeds/sitemap.ts';

/** Every public page, or, above the protocol's 50,000 URLs, the index of /sitemap-<n>.xml. */
export const GET: APIRoute = (context) =>
  sitemapAnswer(context, (entries) =>
    entries.length > SITEMAP_LIMIT ? renderSitemapIndex(Math.ceil(entries.length / SITEMAP_LIMIT)) : renderSitemap(entries),
  );
