/**
 * Archive names carry their creation time in Vietnam time (UTC+7, no daylight saving), so an operator
 * reads the same date the school does, and the pruning buckets (day, week, month) follow that calendar.
 */
import { fromVietnam, vietnamParts } from '@portal/common/vietnam-time';

const NAME = /^portal-backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d{1,3}))?\.tar\.gz\.age$/;
export const SIDECAR = '.json';

/** Temporary files and folders carry the owner's pid so that a later run can tell a crashed run's leftovers. */
export const LEFTOVER = /^\.(partial|staging|restore|verify|copy|backup|prune)-(\d+)-/;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export function archiveName(date: Date, sequence = 0): string {
  const p = vietnamParts(date);
  const stamp = `${p.y}${pad(p.m)}${pad(p.d)}-${pad(p.hh)}${pad(p.mm)}${pad(p.ss)}`;
  return `portal-backup-${stamp}${sequence ? `-${sequence}` : ''}.tar.gz.age`;
}

export function parseArchiveName(name: string): Date | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [y, m, d, hh, mm, ss] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return fromVietnam(y, m, d, hh, mm, ss);
}

export function formatVietnam(date: Date): string {
  const p = vietnamParts(date);
  return `${pad(p.d)}/${pad(p.m)}/${p.y} ${pad(p.hh)}:${pad(p.mm)}:${pad(p.ss)}`;
}

export function tempName(finalName: string): string {
  return `.partial-${process.pid}-${finalName}`;
}
