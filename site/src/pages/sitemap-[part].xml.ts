import type { APIRoute } from 'astro';
import { sitemapAnswer } from '../lib/feeds/respond.ts';
import { renderSitemap, sitemapPart } from '../lib/feeds/sitemap.ts';

/** One file of a split sitemap (listed by /sitemap.xml once there are more than 50,000 URLs). */
export const GET: APIRoute = (context) =>
  sitemapAnswer(context, (entries) => {
    const part = /^[1-9][0-9]{0,3}$/.test(context.params.part ?? '') ? sitemapPart(entries, Number(context.params.part)) : null;
    return part ? renderSitemap(part) : null;
  });
