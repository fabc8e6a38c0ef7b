import { vietnamParts } from '@portal/common/vietnam-time';

const two = (n: number) => String(n).padStart(2, '0');

/** "30/11/2026 19:05", Vietnam time: how dates with a time are written on the staff's pages. */
export function formatStamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const p = vietnamParts(date);
  return `${two(p.d)}/${two(p.m)}/${p.y} ${two(p.hh)}:${two(p.mm)}`;
}
