/** "Bài của tôi" on the Gửi bài page: the account's own news and activity items, their review state, and the way back to fixing one. */
import { PUBLISHED_LABEL, REVIEW_STATES, reviewStateLabel } from '@portal/common/review-states';
import { uidOf } from '@portal/common/sections';
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useState } from 'react';
import type { WorkflowItem } from '../workflow/api';
import { describe, type Notice } from './messages';

export type MineItem = Pick<WorkflowItem, 'uid' | 'type' | 'documentId' | 'title' | 'reviewState' | 'reviewNote' | 'published' | 'publicUrl'>;

const COMPOSED: string[] = [uidOf('article'), uidOf('activity')];

const stateLabel = (item: MineItem) => (item.published && item.reviewState === REVIEW_STATES.approved ? PUBLISHED_LABEL : reviewStateLabel(item.reviewState));

/** The list, kept while the teacher switches tabs; null until first loaded. */
export function useMyPosts(setNotice: (notice: Notice) => void) {
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
  return { mine, load };
}

export function MyPosts({ mine, onEdit }: { mine: MineItem[] | null; onEdit: (item: MineItem) => void }) {
  return (
    <section aria-label="Bài của tôi">
      {mine === null && <p>Đang tải…</p>}
      {mine?.length === 0 && <p>Bạn chưa có bài nào.</p>}
      <ul className="gb-mine">
        {mine?.map((item) => (
          <li key={item.documentId} className="gb-item">
            <p className="gb-item__title">{item.title}</p>
            <p className="gb-item__meta">
              {item.type} ·{' '}
              <strong className={`gb-state gb-state--${item.reviewState === REVIEW_STATES.changesRequested ? 'warn' : 'plain'}`}>{stateLabel(item)}</strong>
            </p>
            {item.reviewState === REVIEW_STATES.changesRequested && item.reviewNote && (
              <p className="gb-item__note">Ghi chú của Ban giám hiệu: {item.reviewNote}</p>
            )}
            <div className="gb-row">
              {item.publicUrl && item.published && (
                <a className="gb-button gb-button--quiet" href={item.publicUrl} target="_blank" rel="noreferrer">
                  Xem trên trang
                </a>
              )}
              {(item.reviewState === REVIEW_STATES.changesRequested || item.reviewState === REVIEW_STATES.draft) && (
                <button type="button" className="gb-button" onClick={() => onEdit(item)}>
                  Sửa và gửi lại
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
