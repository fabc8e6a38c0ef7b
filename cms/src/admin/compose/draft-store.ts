/**
 * The item being written, kept on the phone as the teacher types: closing the browser or losing the
 * network loses nothing. Photos are kept once uploaded (by their media-library id); the text always.
 */

export type Kind = 'article' | 'activity';

export interface SavedPhoto {
  id: number;
  url: string;
  alt: string;
  /** The alt text stored in the media library, to know whether it must be updated on sending. */
  savedAlt: string;
}

export interface Draft {
  kind: Kind | null;
  classGroup: string | null;
  title: string;
  text: string;
  /** "Địa điểm", asked for activities only. */
  location: string;
  photos: SavedPhoto[];
  /** The photo chosen as "Ảnh đại diện" (the item's cover); null means the first one. */
  coverId: number | null;
  /** Set when fixing one of "Bài của tôi"; `returned` when the Ban giám hiệu sent it back (it is re-sent, not sent). */
  editing: { uid: string; documentId: string; returned: boolean } | null;
}

export const EMPTY_DRAFT: Draft = { kind: null, classGroup: null, title: '', text: '', location: '', photos: [], coverId: null, editing: null };

const key = (userId: number | string) => `portal.gui-bai.${userId}`;

export function loadDraft(userId: number | string): Draft {
  try {
    const raw = window.localStorage.getItem(key(userId));
    if (!raw) return EMPTY_DRAFT;
    const value = JSON.parse(raw) as Partial<Draft>;
    return {
      kind: value.kind === 'article' || value.kind === 'activity' ? value.kind : null,
      classGroup: typeof value.classGroup === 'string' ? value.classGroup : null,
      title: typeof value.title === 'string' ? value.title : '',
      text: typeof value.text === 'string' ? value.text : '',
      location: typeof value.location === 'string' ? value.location : '',
      photos: Array.isArray(value.photos) ? value.photos.filter((p) => typeof p?.id === 'number' && typeof p.url === 'string') : [],
      coverId: typeof value.coverId === 'number' ? value.coverId : null,
      editing:
        value.editing && typeof value.editing.documentId === 'string' && typeof value.editing.uid === 'string'
          ? { uid: value.editing.uid, documentId: value.editing.documentId, returned: value.editing.returned !== false }
          : null,
    };
  } catch {
    return EMPTY_DRAFT;
  }
}

export function saveDraft(userId: number | string, draft: Draft): void {
  try {
    window.localStorage.setItem(key(userId), JSON.stringify(draft));
  } catch {
    // storage full or disabled: the page still works, only without the safety net
  }
}

export function clearDraft(userId: number | string): void {
  window.localStorage.removeItem(key(userId));
}

export function isEmpty(draft: Draft): boolean {
  return !draft.title.trim() && !draft.text.trim() && !draft.location.trim() && draft.photos.length === 0;
}
