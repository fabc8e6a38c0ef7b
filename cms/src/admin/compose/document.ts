/**
 * The Gửi bài draft as the content manager's document and back. Pure (no admin imports), so the
 * integration tests send exactly what the page sends.
 */
import { vietnamDate } from '@portal/common/vietnam-time';
import type { Draft, Kind, SavedPhoto } from './draft-store';

/** Longest derived summary; list cards and the meta description show about this much. */
export const SUMMARY_MAX = 200;

export function toBlocks(text: string) {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ type: 'paragraph', children: [{ type: 'text', text: line }] }));
}

export function fromBlocks(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  return blocks
    .map((block) => ((block as { children?: { text?: string }[] }).children ?? []).map((child) => child.text ?? '').join(''))
    .filter(Boolean)
    .join('\n');
}

/**
 * The summary of a post typed on a phone: its first sentence(s), whole, up to `max` characters. A first
 * sentence longer than that is cut at a word and ends with "…". The teacher writes one text; the
 * summary is what lists and search show, and the public page does not repeat it above the body.
 */
export function summaryOf(text: string, max = SUMMARY_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const sentences = flat.match(/[^.!?…]+(?:[.!?…]+["”»)]*|$)\s*/g) ?? [flat];
  let summary = '';
  for (const sentence of sentences) {
    if ((summary + sentence).trimEnd().length > max) break;
    summary += sentence;
  }
  if (summary.trim()) return summary.trim();
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/** The chosen cover first, then the other photos in the order they were added. */
export function orderedPhotos(draft: Pick<Draft, 'photos' | 'coverId'>): SavedPhoto[] {
  const cover = draft.photos.find((photo) => photo.id === draft.coverId) ?? draft.photos[0];
  return cover ? [cover, ...draft.photos.filter((photo) => photo !== cover)] : [];
}

/** The content manager's fields for this draft (a new activity is dated today, Vietnam time). */
export function documentData(draft: Draft & { kind: Kind }): Record<string, unknown> {
  const text = draft.text.trim();
  const [cover, ...gallery] = orderedPhotos(draft);
  const data: Record<string, unknown> = {
    title: draft.title.trim(),
    summary: summaryOf(text),
    body: toBlocks(text),
    cover: cover?.id ?? null,
    gallery: gallery.map((p) => p.id),
    classGroup: draft.classGroup && draft.classGroup !== 'Toàn trường' ? draft.classGroup : null,
  };
  if (draft.kind === 'activity') {
    data.location = draft.location.trim() || null;
    if (!draft.editing) Object.assign(data, { date: vietnamDate(), kind: 'Hoạt động' });
  }
  return data;
}
