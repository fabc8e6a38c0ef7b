import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

/** WCAG 2.1 A and AA, the practical yardstick of Thông tư 32/2017/TT-BTTTT Art. 18. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Only violations are collected: gathering every passing node too makes axe several times slower.
const OPTIONS: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };

let source: string | undefined;
const axeSource = (): string => {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
};

/**
 * Runs axe on the page (or the part `include` selects) and fails with a readable list of violations.
 * axe runs in the page itself: @axe-core/playwright opens a second page per analysis to merge frame
 * results, which cost about 3 s of every check on two cores, and the portal's pages have no frames.
 */
export async function expectNoViolations(page: Page, label: string, include?: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  const results = await page.evaluate(
    ([selector, options]) =>
      (window as unknown as { axe: { run: (context: unknown, options: RunOptions) => Promise<AxeResults> } }).axe.run(selector ?? document, options),
    [include ?? null, OPTIONS] as const,
  );
  const readable = results.violations.map((v) =>
    [
      `• ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`,
      ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`),
    ].join('\n'),
  );
  expect(results.violations.length, `axe violations on ${label}:\n${readable.join('\n')}`).toBe(0);
}
