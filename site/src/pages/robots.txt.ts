import type { APIRoute } from 'astro';
import { renderRobots } from '../lib/feeds/sitemap.ts';

// Built per request: the sitemap's address depends on SITE_URL, which is read at run time, not build time.
export const GET: APIRoute = () =>
  new Response(renderRobots(), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } });
