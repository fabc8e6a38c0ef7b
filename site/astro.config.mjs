// @ts-check
import { defineConfig, memoryCache } from 'astro/config';
import node from '@astrojs/node';

// Builds must work offline on the school's machine: never phone home.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // Only used for build-time URL helpers; canonical links read SITE_URL again at request time.
  site: process.env.SITE_URL || 'http://127.0.0.1:4321',
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  // Pages are cached in the site process and purged by the CMS's signed webhook (src/pages/api/cache/purge.ts).
  cache: { provider: memoryCache() },
});
