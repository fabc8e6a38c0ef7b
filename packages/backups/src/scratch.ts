import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LEFTOVER } from './names.ts';

// Plaintext (database copy, secrets) only ever sits in these paths; every exit path removes them.
const live = new Set<string>();
let installed = false;

function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const item of live) rmSync(item, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\nĐã nhận ${signal}: dừng và xóa các tệp tạm.`);
      process.exit(130);
    });
  }
}

/** A private (mode 700) folder for one run, next to where its result will go. */
export function scratchDir(parent: string, kind: 'staging' | 'restore' | 'verify'): string {
  installCleanup();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, `.${kind}-${process.pid}-`));
  live.add(dir);
  return dir;
}

/** Marks a path to delete if the process ends before `keep` is called. */
export function track(item: string): void {
  installCleanup();
  live.add(item);
}

export function keep(item: string): void {
  live.delete(item);
}

export function discard(item: string): void {
  rmSync(item, { recursive: true, force: true });
  live.delete(item);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what runs killed with SIGKILL (or a power cut) left behind; returns the names removed. */
export function removeLeftovers(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = LEFTOVER.exec(name);
    if (!match || alive(Number(match[2]))) continue;
    rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
