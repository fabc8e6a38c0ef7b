/**
 * Facts with one home stay there: the section registry and the shared package are the only places that
 * spell a content type's UID or a section's route, sign a request, or do Vietnam-time arithmetic.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SECTIONS } from '@portal/common/sections';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const CODE = /\.(ts|tsx|mjs|astro)$/;

/** Source files of the running code (tests and generated types excluded). */
function sources(...folders: string[]): string[] {
  return execFileSync('git', ['ls-files', ...folders], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => CODE.test(file));
}

/** Lines matching `pattern` in `files`, as "file:line: text". */
function occurrences(files: string[], pattern: RegExp, strip: (line: string) => string = (line) => line): string[] {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (pattern.test(strip(line))) found.push(`${file}:${index + 1}: ${line.trim()}`);
      });
  }
  return found;
}

const RUNNING_CODE = ['cms/src', 'cms/config', 'site/src', 'scripts', 'packages'];
const outside = (...homes: string[]) => sources(...RUNNING_CODE).filter((file) => !homes.includes(file));

describe('one definition per fact', () => {
  it('spells content-type UIDs only in the section registry and in Strapi factory files', () => {
    const factory = /^cms\/src\/api\/[^/]+\/(controllers|services|routes)\//;
    const files = outside('packages/common/src/sections.ts').filter((file) => !factory.test(file));
    // A cast such as `uid as 'api::article.article'` only names a type for the compiler.
    // Comments may give an example.
    const withoutCasts = (line: string) => (/^\s*(\*|\/\/|\/\*)/.test(line) ? '' : line.replace(/ as ['"]api::[^'"]+['"]/g, ''));
    expect(occurrences(files, /['"`]api::[a-z-]+\.[a-z-]+['"`]/, withoutCasts)).toEqual([]);
  });

  it('writes the routes of the sections only in the registry, outside the pages themselves', () => {
    const routes = Object.values(SECTIONS)
      .map((section): string | undefined => ('route' in section ? section.route : undefined))
      .filter((route): route is string => typeof route === 'string' && route.length > 1);
    const literal = new RegExp(`['"\`](?:${routes.map((route) => route.replace(/[-/]/g, '\\$&')).join('|')})(?:['"\`/?#]|\\$\\{)`);
    const files = outside('packages/common/src/sections.ts').filter((file) => !file.startsWith('site/src/pages/') && !file.endsWith('.astro'));
    expect(occurrences(files, literal)).toEqual([]);
  });

  it('signs and checks requests only in the shared signed-request module', () => {
    expect(occurrences(outside('packages/common/src/signed-request.ts'), /createHmac|timingSafeEqual/)).toEqual([]);
  });

  it('knows the Vietnam time zone and offset only in the shared vietnam-time module', () => {
    expect(occurrences(outside('packages/common/src/vietnam-time.ts'), /Asia\/Ho_Chi_Minh|7 \* 3600|7 \* 60 \* 60|\+07:?00/)).toEqual([]);
  });

  it('has one retry loop, one absoluteUrl and one clampPage', () => {
    const retryLoop = /RETRY_DELAYS|delaysMs|attempt\(\s*(index|attempt)\s*\+\s*1\s*\)/;
    const retrying = sources(...RUNNING_CODE).filter((file) => file !== 'packages/common/src/retry.ts' && occurrences([file], retryLoop).length > 0);
    for (const file of retrying) expect(readFileSync(path.join(root, file), 'utf8'), file).toContain("from '@portal/common/retry'");
    expect(occurrences(outside('packages/common/src/urls.ts', 'site/src/lib/config.ts'), /function (absoluteUrl|clampPage)\b/)).toEqual([]);
  });

  it('compares review states by their codes, never by their Vietnamese labels', () => {
    const labels =
      /(===|!==) *['"](Nháp|Chờ duyệt|Cần chỉnh sửa|Đã duyệt|Không duyệt)['"]|['"](Nháp|Chờ duyệt|Cần chỉnh sửa|Đã duyệt|Không duyệt)['"] *(===|!==)/;
    expect(occurrences(outside('packages/common/src/review-states.ts'), labels)).toEqual([]);
  });
});
