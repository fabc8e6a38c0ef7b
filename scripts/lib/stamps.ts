import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', 'dist', 'build', '.tmp', '.cache', '.strapi', '.astro', 'uploads', 'generated']);

function collect(target: string, into: string[]): void {
  if (!existsSync(target)) return;
  if (statSync(target).isFile()) {
    into.push(target);
    return;
  }
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.env')) continue;
    collect(path.join(target, entry.name), into);
  }
}

/** A content hash over files and folders: a build is redone only when one of its inputs changed. */
export function fingerprint(targets: string[], extra = ''): string {
  const files: string[] = [];
  for (const target of targets) collect(target, files);
  const hash = createHash('sha256').update(extra);
  for (const file of files.sort()) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export function isFresh(stampFile: string, print: string, outputs: string[] = []): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === print && outputs.every((output) => existsSync(output));
}

export function markFresh(stampFile: string, print: string): void {
  writeFileSync(stampFile, print);
}
