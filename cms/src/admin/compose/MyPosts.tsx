/** "Bài của tôi" on the Gửi bài page: the account's own news and activity items, their review state, and the way back to fixing one. */
import { PUBLISHED_LABEL, REVIEW_STATES, reviewStateLabel } from '@portal/common/review-states';
import { uidOf } from '@portal/common/sections';
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkflowItem } from '../workflow/api';
import { describe, type Notice } from './messages';
import { formatStamp } from './stamp';

export type MineItem = Pick<
  WorkflowItem,
  'uid' | 'type' | 'documentId' | 'title' | 'reviewState' | 'reviewNote' | 'published' | 'publicUrl' | 'updatedAt' | 'coverUrl'
>;

const COMPOSED: string[] = [uidOf('article'), uidOf('activity')];
/** How often an open list asks again, so a decision made meanwhile shows without reloading the page. */
export const REFRESH_MS = 30_000;

export const mineStateLabel = (item: Pick<MineItem, 'published' | 'reviewState'>) =>
  item.published && item.reviewState === REVIEW_STATES.approved ? PUBLISHED_LABEL : reviewStateLabel(item.reviewState);

/** States whose note tells the author why: the reason is shown with the item. */
export const hasReason = (item: Pick<MineItem, 'reviewState' | 'reviewNote'>) =>
  !!item.reviewNote && (item.reviewState === REVIEW_STATES.changesRequested || item.reviewState === REVIEW_STATES.rejected);

/**
 * Calls `load` while `active`: at once (unless told otherwise), then every REFRESH_MS while the page is visible, and whenever the
 * teacher comes back to it (the phone woke up, another app was in front, the network came back).
 */
export function useRefreshing(load: () => Promise<void>, active: boolean, immediately = true) {
  useEffect(() => {
    if (!active) return;
    if (immediately) void load();
    const again = () => {
      if (document.visibilityState === 'visible') void load();
    };
    const timer = window.setInterval(again, REFRESH_MS);
    window.addEventListener('focus', again);
    window.addEventListener('online', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', again);
      window.removeEventListener('online', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [load, active, immediately]);
}

/** The list, kept while the teacher switches tabs; null until first loaded; fresh while `active`. */
export function useMyPosts(setNotice: (notice: Notice) => void, active: boolean) {
  const { get } = useFetchClient();
  const [mine, setMine] = useState<MineItem[] | null>(null);
  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: MineItem[] }>('/workflow/mine');
      setMine(data.data.filter((item) => COMPOSED.includes(item.uid)));
    } catch (error) {
      setNotice({ tone: 'error', text: describe(error) });
    }
  }, [get, setNotice]);
  useRefreshing(load, active);
  return { mine, load };
}

interface MyPostsProps {
  mine: MineItem[] | null;
  /** The item an e-mail linked to: scrolled to and marked. */
  highlight?: string | null;
  onEdit: (item: MineItem) => void;
}

export function MyPosts({ mine, highlight, onEdit }: MyPostsProps) {
  const marked = useRef<HTMLLIElement>(null);
  const found = !!mine?.some((item) => item.documentId === highlight);
  useEffect(() => {
    if (found) marked.current?.scrollIntoView({ block: 'start' });
  }, [found]);

  return (
    <section aria-label="Bài của tôi">
      {mine === null && <p>Đang tải…</p>}
      {mine?.length === 0 && <p>Bạn chưa có bài nào.</p>}
      <ul className="gb-mine">
        {mine?.map((item) => {
          const returned = item.reviewState === REVIEW_STATES.changesRequested;
          const isHighlighted = item.documentId === highlight;
          return (
            <li key={item.documentId} ref={isHighlighted ? marked : undefined} className={isHighlighted ? 'gb-item gb-item--marked' : 'gb-item'}>
              <div className="gb-item__head">
                {item.coverUrl ? <img className="gb-item__thumb" src={item.coverUrl} alt="" loading="lazy" /> : <span className="gb-item__thumb" />}
                <div className="gb-item__text">
                  <p className="gb-item__title">{item.title}</p>
                  <p className="gb-item__meta">
                    {item.type} · <strong className={`gb-state gb-state--${hasReason(item) ? 'warn' : 'plain'}`}>{mineStateLabel(item)}</strong>
                  </p>
                  <p className="gb-item__meta">
                    <time dateTime={item.updatedAt}>{formatStamp(item.updatedAt)}</time>
                  </p>
                </div>
              </div>
              {hasReason(item) && <p className="gb-item__note">Ghi chú của Ban giám hiệu: {item.reviewNote}</p>}
              <div className="gb-row">
                {item.publicUrl && item.published && (
                  <a className="gb-button gb-button--quiet" href={item.publicUrl} target="_blank" rel="noreferrer">
                    Xem trên trang
                  </a>
                )}
                {(returned || item.reviewState === REVIEW_STATES.draft) && (
                  <button type="button" className="gb-button" onClick={() => onEdit(item)}>
                    {returned ? 'Sửa và gửi lại' : 'Sửa và gửi'}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
