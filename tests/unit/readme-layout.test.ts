import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Folders whose children are named by a pattern or by the text around them, not one by one. */
const LISTED_BY_PATTERN = ['cms/src/api/', 'cms/src/components/', 'cms/data/', 'site/src/pages/', 'tests/unit/'];

/** The folders named in the README's "Where things live" block, with their full paths (patterns keep `<…>`). */
function layoutFolders(): string[] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.split('\n## Where things live')[1] ?? '';
  const block = section.split('```')[1] ?? '';
  const stack: { indent: number; path: string }[] = [];
  const folders: string[] = [];
  for (const line of block.split('\n')) {
    const match = /^( *)(\S+\/)(?:\s|$)/.exec(line);
    if (!match) continue;
    const indent = match[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]?.path ?? '';
    const full = `${parent}${match[2]}`;
    stack.push({ indent, path: full });
    // "src/api/<type>/" under cms/ also names cms/src/ and cms/src/api/.
    const segments = match[2]!.split('/').filter(Boolean);
    for (let depth = 1; depth <= segments.length; depth += 1) folders.push(`${parent}${segments.slice(0, depth).join('/')}/`);
  }
  return folders;
}

function trackedFolders(): string[] {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    for (let depth = 1; depth <= parts.length; depth += 1) folders.add(`${parts.slice(0, depth).join('/')}/`);
  }
  return [...folders].sort();
}

const asPattern = (folder: string) => new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[^>]+>/g, '[^/]+')}$`);

describe('the README layout', () => {
  const listed = layoutFolders();

  it('names every folder of the repository, down to the modules of the CMS, the site and the packages', () => {
    const patterns = listed.map(asPattern);
    const missing = trackedFolders().filter(
      (folder) => !LISTED_BY_PATTERN.some((parent) => folder.startsWith(parent) && folder !== parent) && !patterns.some((p) => p.test(folder)),
    );
    expect(missing).toEqual([]);
  });

  it('names only folders that exist', () => {
    const tracked = trackedFolders();
    const gone = listed.filter((folder) => !tracked.some((existing) => asPattern(folder).test(existing)));
    expect(gone).toEqual([]);
  });
});
