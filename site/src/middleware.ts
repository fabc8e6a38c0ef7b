/**
 * Security headers on everything Astro answers: pages (cache hits included, since the page cache stores
 * the response this middleware returned), the 404/500/503 pages, feeds, the sitemap, robots.txt, the /anh
 * images and the API. Static files never reach Astro: src/server.ts covers those. See lib/security-headers.ts.
 */
import { defineMiddleware } from 'astro:middleware';
import { startSearchIndex } from './lib/search/index.ts';
import { withSecurityHeaders } from './lib/security-headers.ts';
import { startChangeFeed } from './lib/site-changes.ts';

// Astro loads this module with the first request (the launcher's readiness check): the search index is
// loaded from its file (or read from the CMS) then, not when the first reader searches, and webhooks
// from then on update it. From then on too, this process reads the CMS's change sequence.
startSearchIndex().catch((error: unknown) => console.error('[search] the index could not be prepared at start; the first search will try again:', error));
startChangeFeed();

export const onRequest = defineMiddleware(async (_context, next) => withSecurityHeaders(await next()));
