/**
 * Starts the CMS once against the database its environment names and stops it: Strapi creates its tables
 * and runs its migrations on the way (used by `npm run move-to-postgres` on an empty PostgreSQL database).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { cmsDir } from './paths.ts';

// Strapi's ESM build does not load under plain Node ESM (directory imports); its CommonJS build does.
const { createStrapi } = createRequire(import.meta.url)('@strapi/strapi') as typeof import('@strapi/strapi');

process.chdir(cmsDir);
// Like the strapi CLI: values already in the environment win over cms/.env.
process.loadEnvFile(path.join(cmsDir, '.env'));
// A one-off process: no disclosure reminders from it (cms/src/workflow/disclosure-reminders.ts).
process.env.DISCLOSURE_REMINDER_INTERVAL_MS = '0';
const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
strapi.log.level = 'warn';
await strapi.destroy();
