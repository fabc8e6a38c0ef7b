// @ts-check

import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { writeFaviconIco } from './src/lib/http-cache/favicon.ts';

// Builds must work offline on the school's machine: never phone home.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [
    {
      name: 'favicon-ico',
      hooks: { 'astro:build:done': ({ dir }) => writeFaviconIco(new URL('./public/favicon.svg', import.meta.url), dir) },
    },
  ],
  // Only used for build-time URL helpers; canonical links read SITE_URL again at request time.
  site: process.env.SITE_URL || 'http://127.0.0.1:4321',
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  // Astro hashes the small <script> and <style> blocks it inlines and sends them as a CSP header on each
  // page; src/middleware.ts keeps those hashes and replaces the rest by the site's policy
  // (src/lib/security-headers.ts), so nothing inline needs 'unsafe-inline' and pages load no script file.
  security: { csp: { algorithm: 'SHA-256' } },
  // The site has no Markdown; Shiki's inline styles would need 'unsafe-inline' (Astro warns when CSP is on).
  markdown: { syntaxHighlight: false },
  // Pages, feeds and the sitemap are cached in the site process (src/lib/http-cache: compressed once, ETags,
  // served before the render pipeline by src/server.ts) and purged by the CMS's signed webhook
  // (src/pages/api/cache/purge.ts).
  cache: { provider: { name: 'portal-page-cache', entrypoint: './src/lib/http-cache/provider.ts' } },
});
