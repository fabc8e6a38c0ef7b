import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('Vietnamese admin translations', () => {
  it('cover every string of the screens staff use, with the same placeholders as the English', () => {
    const result = spawnSync(process.execPath, ['cms/scripts/translations-coverage.mjs'], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('use the school’s words for publishing and the media library', () => {
    const vi = JSON.parse(readFileSync('cms/src/admin/translations/vi.json', 'utf8')) as Record<string, string>;
    const values = Object.values(vi).join('\n');
    expect(values).not.toMatch(/Xuất bản/);
    expect(values).toContain('Thư viện media');
  });
});
