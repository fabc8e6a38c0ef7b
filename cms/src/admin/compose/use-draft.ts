/**
 * The item being written on the Gửi bài page: loaded from (and saved to) the phone as the teacher types,
 * with the class list to choose from, and turned into the content manager's document and back.
 */
import { REVIEW_STATES } from '@portal/common/review-states';
import { uidOf } from '@portal/common/sections';
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { fromBlocks } from './document';
import { clearDraft, type Draft, EMPTY_DRAFT, isEmpty, type Kind, loadDraft, type SavedPhoto, saveDraft } from './draft-store';
import type { MineItem } from './MyPosts';
import { describe, type Notice } from './messages';

export const UIDS: Record<Kind, string> = { article: uidOf('article'), activity: uidOf('activity') };
export const CM = '/content-manager/collection-types';

/**
 * The draft of the signed-in account, kept on this phone, and the classes it can be about. `ready` turns
 * true once the draft kept on the phone is in the form: the page shows the form only then, so nothing
 * typed can be overwritten by it, and every keystroke is saved from the first one on.
 */
export function useDraft(setNotice: (notice: Notice) => void) {
  const { get } = useFetchClient();
  // The admin has already asked who is signed in before it opens any page: no request of our own.
  const user = useAuth('ComposePage', (state) => state.user) as { id?: number } | undefined;
  const userId = user?.id ?? null;
  const [ready, setReady] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [classes, setClasses] = useState<string[]>([]);

  useEffect(() => {
    if (userId === null || ready) return;
    const saved = loadDraft(userId);
    setDraft(saved);
    setReady(true);
    if (!isEmpty(saved)) setNotice({ tone: 'info', text: 'Đã mở lại bài bạn đang viết dở trên máy này.' });
  }, [userId, ready, setNotice]);

  // The class list may come late on a slow connection; the form does not wait for it.
  useEffect(() => {
    void (async () => {
      try {
        const options = await get<{ data: { classes: string[] } }>('/workflow/compose-options');
        setClasses(options.data.data.classes);
      } catch (error) {
        setNotice({ tone: 'error', text: describe(error) });
      }
    })();
  }, [get, setNotice]);

  useEffect(() => {
    if (ready && userId !== null) saveDraft(userId, draft);
  }, [ready, userId, draft]);

  const change = useCallback((patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch })), []);

  const clear = useCallback(() => {
    if (userId !== null) clearDraft(userId);
    setDraft(EMPTY_DRAFT);
  }, [userId]);

  /** Loads one of "Bài của tôi" into the form, to fix and send again; resolves false when it could not. */
  const openForEditing = useCallback(
    async (item: MineItem): Promise<boolean> => {
      try {
        const { data } = await get<{ data: Record<string, unknown> }>(`${CM}/${item.uid}/${item.documentId}`);
        const doc = data.data;
        const media = [doc.cover, ...((doc.gallery as unknown[]) ?? [])].filter(Boolean) as { id: number; url: string; alternativeText?: string }[];
        setDraft({
          kind: item.uid === UIDS.article ? 'article' : 'activity',
          classGroup: (doc.classGroup as string | null) ?? null,
          title: (doc.title as string) ?? '',
          text: fromBlocks(doc.body),
          location: typeof doc.location === 'string' ? doc.location : '',
          photos: media.map((m): SavedPhoto => ({ id: m.id, url: m.url, alt: m.alternativeText ?? '', savedAlt: m.alternativeText ?? '' })),
          coverId: media[0]?.id ?? null,
          editing: { uid: item.uid, documentId: item.documentId, returned: item.reviewState !== REVIEW_STATES.draft },
        });
        return true;
      } catch (error) {
        setNotice({ tone: 'error', text: describe(error) });
        return false;
      }
    },
    [get, setNotice],
  );

  return { userId, ready, draft, setDraft, change, clear, classes, openForEditing };
}
