import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CMS_HEAP_FLAGS, SITE_HEAP_FLAGS } from '../../scripts/lib/stack.ts';

const deployment = readFileSync(new URL('../../docs/deployment.md', import.meta.url), 'utf8');
const execStarts = [...deployment.matchAll(/^ExecStart=\/usr\/bin\/node (.*)$/gm)].map((m) => (m[1] as string).split(/\s+/));
const flagsBefore = (script: RegExp): string[] => {
  const line = execStarts.find((words) => words.some((w) => script.test(w)));
  if (!line) throw new Error(`docs/deployment.md has no ExecStart for ${script}`);
  return line.slice(
    0,
    line.findIndex((w) => script.test(w)),
  );
};

describe('the systemd units of docs/deployment.md', () => {
  it('start the CMS and the site with the same heap limits as npm start and the benchmark', () => {
    expect(flagsBefore(/strapi\.js$/)).toEqual(CMS_HEAP_FLAGS);
    expect(flagsBefore(/site\/src\/server\.ts$/)).toEqual(SITE_HEAP_FLAGS);
  });
});
