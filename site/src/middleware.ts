/**
 * Security headers on everything Astro answers: pages (cache hits included, since the route cache stores
 * the response this middleware returned), the 404/500/503 pages, feeds, the sitemap, robots.txt, the /anh
 * images and the API. Static files never reach Astro: src/server.ts covers those. See lib/security-headers.ts.
 */
import { defineMiddleware } from 'astro:middleware';
import { withSecurityHeaders } from './lib/security-headers.ts';

export const onRequest = defineMiddleware(async (_context, next) => withSecurityHeaders(await next()));
