/**
 * `npm run lighthouse`: the page-weight and Lighthouse budgets of the public site, measured with the
 * lighthouse package and Debian's Chromium (mobile emulation, Lighthouse's default throttling).
 * Measures the portal at LIGHTHOUSE_SITE_URL (default: the `npm start` site at SITE_URL or
 * http://127.0.0.1:4321); when nothing answers there, starts a temporary portal for the run.
 * Prints the scores and exits non-zero when a budget is missed.
 */

import { section } from '@portal/common/sections';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium.ts';

const BUDGETS = { performance: 95, accessibility: 100, seo: 100 } as const;
const HOME_MAX_BYTES = 60 * 1024;

type Category = keyof typeof BUDGETS | 'best-practices';
interface NetworkItem {
  url: string;
  resourceType?: string;
  transferSize?: number;
  mimeType?: string;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

async function firstLink(siteUrl: string, listPath: string, prefix: string): Promise<string> {
  const html = await (await fetch(`${siteUrl}${listPath}`)).text();
  const match = new RegExp(`href="(${prefix}/[a-z0-9-]+)"`).exec(html);
  if (!match?.[1]) throw new Error(`Không tìm thấy trang nào trong ${listPath} để đo.`);
  return match[1];
}

async function main(): Promise<number> {
  let siteUrl = (process.env.LIGHTHOUSE_SITE_URL ?? process.env.SITE_URL ?? 'http://127.0.0.1:4321').replace(/\/+$/, '');
  let stop: (() => Promise<void>) | undefined;
  if (!(await answers(`${siteUrl}/`))) {
    console.log(`Không có cổng thông tin nào chạy tại ${siteUrl}; khởi động một bản tạm để đo…`);
    // Loaded only here: it needs the test helpers and their dependencies.
    const { startTestStack } = await import('../tests/helpers/test-stack.ts');
    const stack = await startTestStack();
    siteUrl = stack.info.siteUrl;
    stop = stack.stop;
  }
  const pages = [
    { name: 'Trang chủ', path: '/' },
    { name: 'Tin tức', path: await firstLink(siteUrl, section('article').route, section('article').route) },
    { name: 'Văn bản', path: await firstLink(siteUrl, section('directive').route, section('directive').route) },
  ];
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  let failed = false;
  const check = (ok: boolean) => {
    if (!ok) failed = true;
    return ok ? 'đạt' : 'KHÔNG ĐẠT';
  };
  try {
    console.log(`\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} · di động (mô phỏng) · ${siteUrl}\n`);
    for (const page of pages) {
      // Warm the route cache and the image cache first: a reader rarely gets the very first render.
      await fetch(`${siteUrl}${page.path}`);
      const result = await lighthouse(`${siteUrl}${page.path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'seo', 'best-practices'],
      });
      if (!result) throw new Error(`Lighthouse không trả về kết quả cho ${page.path}`);
      const { lhr } = result;
      const score = (category: Category) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
      console.log(`${page.name} (${page.path})`);
      for (const [category, minimum] of Object.entries(BUDGETS) as [keyof typeof BUDGETS, number][]) {
        console.log(`  ${category.padEnd(15)} ${String(score(category)).padStart(3)}  (cần ≥ ${minimum})  ${check(score(category) >= minimum)}`);
      }
      console.log(`  ${'best-practices'.padEnd(15)} ${String(score('best-practices')).padStart(3)}`);
      const items = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? []).filter((item) =>
        item.url.startsWith(siteUrl),
      );
      const scripts = items.filter((item) => item.resourceType === 'Script');
      const withoutImages = items.filter((item) => item.resourceType !== 'Image').reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
      const images = items.filter((item) => item.resourceType === 'Image').reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
      console.log(`  JavaScript      ${scripts.length} tệp  (cần 0)  ${check(scripts.length === 0)}`);
      const budget = page.path === '/' ? `  (cần ≤ ${HOME_MAX_BYTES / 1024} KB)  ${check(withoutImages <= HOME_MAX_BYTES)}` : '';
      console.log(`  Tải về          ${(withoutImages / 1024).toFixed(1)} KB không kể ảnh, ảnh ${(images / 1024).toFixed(1)} KB${budget}`);
      const lcp = lhr.audits['largest-contentful-paint']?.displayValue ?? '?';
      const cls = lhr.audits['cumulative-layout-shift']?.displayValue ?? '?';
      console.log(`  LCP ${lcp} · CLS ${cls}\n`);
    }
  } finally {
    chrome.kill();
    await stop?.();
  }
  console.log(failed ? 'Có ngân sách KHÔNG ĐẠT.' : 'Tất cả ngân sách đều đạt.');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Không đo được: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
