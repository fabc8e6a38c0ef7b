/**
 * `npm run check`: the static checks of every project — TypeScript (strict) of scripts/tests, the CMS,
 * its admin panel, the site and packages/*, `astro check` of the site's .astro files, and Biome (lint
 * and format check). `npm test` runs the same checks before the tests. Exits non-zero if any fails.
 */

import { runChecks } from './lib/checks.ts';
import { prepare } from './lib/prepare.ts';

await prepare();
const results = await runChecks();
console.log('\nKết quả kiểm tra:');
for (const { name, ok } of results) console.log(`  ${name}: ${ok ? 'đạt' : 'KHÔNG ĐẠT'}`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
