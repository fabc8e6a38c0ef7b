import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.1 A and AA, the practical yardstick of Thông tư 32/2017/TT-BTTTT Art. 18. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe on the page (or the part `include` selects) and fails with a readable list of violations.
 * Only violations are collected: gathering every passing node too makes axe several times slower.
 */
export async function expectNoViolations(page: Page, label: string, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ['violations'] });
  const results = await (include ? builder.include(include) : builder).analyze();
  const readable = results.violations.map((v) =>
    [
      `• ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`,
      ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`),
    ].join('\n'),
  );
  expect(results.violations.length, `axe violations on ${label}:\n${readable.join('\n')}`).toBe(0);
}
