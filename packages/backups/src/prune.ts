import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { vietnamParts } from '@portal/common/vietnam-time';
import type { KeepPolicy } from './config.ts';
import { parseArchiveName, SIDECAR } from './names.ts';
import { REFS } from './objects.ts';

export interface DatedArchive {
  name: string;
  date: Date;
}

const pad = (value: number) => String(value).padStart(2, '0');

export function dayKey(date: Date): string {
  const p = vietnamParts(date);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday), on the Vietnam calendar. */
export function weekKey(date: Date): string {
  const p = vietnamParts(date);
  const day = Date.UTC(p.y, p.m - 1, p.d);
  const thursday = new Date(day + (3 - ((p.weekday + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${pad(week)}`;
}

export function monthKey(date: Date): string {
  const p = vietnamParts(date);
  return `${p.y}-${pad(p.m)}`;
}

/**
 * Grandfather-father-son: each rule keeps the newest archive of each of its N most recent periods that
 * have an archive (days, ISO weeks, months); the rules are independent and an archive kept by any rule
 * stays. The newest archive always stays, even with every count at 0.
 */
export function archivesToKeep(archives: DatedArchive[], policy: KeepPolicy): Set<string> {
  const newestFirst = [...archives].sort((a, b) => b.date.getTime() - a.date.getTime() || b.name.localeCompare(a.name));
  const kept = new Set<string>();
  if (newestFirst[0]) kept.add(newestFirst[0].name);
  const rule = (count: number, period: (date: Date) => string) => {
    const periods = new Set<string>();
    for (const archive of newestFirst) {
      const key = period(archive.date);
      if (periods.has(key)) continue;
      if (periods.size >= count) break;
      periods.add(key);
      kept.add(archive.name);
    }
  };
  rule(policy.daily, dayKey);
  rule(policy.weekly, weekKey);
  rule(policy.monthly, monthKey);
  return kept;
}

/** Final-named archives in a folder; temporary files of unfinished runs are not archives. */
export function archivesIn(dir: string): DatedArchive[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const date = parseArchiveName(name);
    return date ? [{ name, date }] : [];
  });
}

export function prune(dir: string, policy: KeepPolicy): string[] {
  const archives = archivesIn(dir);
  const kept = archivesToKeep(archives, policy);
  const removed = archives.filter((a) => !kept.has(a.name)).map((a) => a.name);
  for (const name of removed) {
    rmSync(path.join(dir, name), { force: true });
    rmSync(path.join(dir, name + SIDECAR), { force: true });
    rmSync(path.join(dir, name + REFS), { force: true });
  }
  return removed;
}
