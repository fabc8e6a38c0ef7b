/**
 * "Gửi bài": a phone-first page for teachers and staff to send a short photo item for review.
 * Same admin account, same permissions (the content-manager and upload APIs), same workflow and
 * notifications as the full editor; only the screen is made for one hand and a slow connection.
 * The draft lives in use-draft.ts, the photos in PhotoList.tsx, "Bài của tôi" in MyPosts.tsx.
 */
import { REVIEW_STATES } from '@portal/common/review-states';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useRef, useState } from 'react';
import { documentData } from './document';
import { isEmpty, type Kind } from './draft-store';
import { type MineItem, MyPosts, useMyPosts } from './MyPosts';
import { describe, type Notice, SESSION_EXPIRED } from './messages';
import { PhotoList, usePhotoUploads } from './PhotoList';
import { STYLES } from './styles';
import { CM, UIDS, useDraft } from './use-draft';

const KIND_LABELS: Record<Kind, string> = { article: 'Tin tức', activity: 'Hoạt động' };

/** An e-mail about a returned item links here with `?muc=<documentId>`: open "Bài của tôi" at that item. */
const linkedItem = () => new URLSearchParams(window.location.search).get('muc');

export function ComposePage() {
  const { post, put } = useFetchClient();
  const [tab, setTab] = useState<'new' | 'mine'>(() => (linkedItem() ? 'mine' : 'new'));
  const [notice, setNotice] = useState<Notice>(null);
  const [sending, setSending] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const { userId, ready, draft, setDraft, change, clear, classes, openForEditing } = useDraft(setNotice);
  const uploads = usePhotoUploads(draft, setDraft, setNotice);
  const { pending } = uploads;
  const { mine } = useMyPosts(setNotice, tab === 'mine');

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const problemsBeforeSending = (): string | null => {
    if (!draft.kind) return 'Hãy chọn loại bài: Tin tức hoặc Hoạt động.';
    if (draft.title.trim().length < 5) return 'Hãy nhập tiêu đề (ít nhất 5 ký tự).';
    if (!draft.text.trim()) return 'Hãy viết vài câu về nội dung.';
    if (pending.some((p) => p.status !== 'failed')) return 'Ảnh đang được tải lên; hãy chờ một chút rồi bấm gửi.';
    if (pending.length > 0) return 'Còn ảnh chưa tải lên được: bấm "Thử lại" hoặc "Bỏ ảnh" ở ảnh đó.';
    if (draft.photos.length === 0) return 'Hãy thêm ít nhất một ảnh.';
    if (draft.photos.some((p) => !p.alt.trim())) return 'Hãy viết vài chữ "Ảnh này có gì?" cho mỗi ảnh.';
    return null;
  };

  const send = async () => {
    const problem = problemsBeforeSending();
    if (problem) return setNotice({ tone: 'error', text: problem });
    if (!draft.kind || userId === null) return;
    setSending(true);
    setNotice({ tone: 'info', text: 'Đang gửi…' });
    try {
      for (const photo of draft.photos.filter((p) => p.alt.trim() !== p.savedAlt)) {
        const form = new FormData();
        form.append('fileInfo', JSON.stringify({ alternativeText: photo.alt.trim() }));
        await post(`/upload?id=${photo.id}`, form);
      }
      const data = documentData({ ...draft, kind: draft.kind });
      const uid = draft.editing?.uid ?? UIDS[draft.kind];
      let documentId = draft.editing?.documentId;
      if (documentId) {
        await put(`${CM}/${uid}/${documentId}`, data);
      } else {
        const created = await post<{ data: { documentId: string } }>(`${CM}/${uid}`, data);
        documentId = created.data.data.documentId;
      }
      await put(`${CM}/${uid}/${documentId}`, { reviewState: REVIEW_STATES.pending });
      clear();
      setNotice({ tone: 'ok', text: `Đã gửi "${data.title as string}" cho Ban giám hiệu duyệt. Bạn sẽ nhận thư khi bài được duyệt hoặc cần chỉnh sửa.` });
      setTab('mine');
    } catch (error) {
      setNotice({ tone: 'error', text: describe(error) });
    } finally {
      setSending(false);
    }
  };

  const edit = async (item: MineItem) => {
    if (!(await openForEditing(item))) return;
    setTab('new');
    setNotice(item.reviewNote ? { tone: 'info', text: `Ghi chú của Ban giám hiệu: ${item.reviewNote}` } : null);
  };

  const startOver = () => {
    clear();
    uploads.reset();
    setNotice(null);
  };

  return (
    <div className="gb">
      <style>{STYLES}</style>
      <h1 className="gb-title">Gửi bài</h1>
      <div className="gb-tabs" role="tablist" aria-label="Gửi bài">
        <button type="button" role="tab" aria-selected={tab === 'new'} className="gb-tab" onClick={() => setTab('new')}>
          {draft.editing ? 'Sửa bài' : 'Viết bài mới'}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'mine'} className="gb-tab" onClick={() => setTab('mine')}>
          Bài của tôi
        </button>
      </div>

      <div
        ref={noticeRef}
        tabIndex={-1}
        className={notice ? `gb-notice gb-notice--${notice.tone}` : 'gb-visually-hidden'}
        role={notice?.tone === 'error' ? 'alert' : 'status'}
      >
        {notice?.text}
        {notice?.text === SESSION_EXPIRED && (
          <>
            {' '}
            <a className="gb-link" href={`${window.location.pathname.replace(/\/gui-bai.*$/, '')}/auth/login?redirectTo=${encodeURIComponent('/gui-bai')}`}>
              Đăng nhập lại
            </a>
          </>
        )}
      </div>

      {tab === 'new' && !ready && <p className="gb-hint">Đang mở bài viết…</p>}

      {tab === 'new' && ready && (
        <form
          className="gb-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <fieldset className="gb-field">
            <legend className="gb-label">Loại bài</legend>
            <div className="gb-choices">
              {(Object.keys(KIND_LABELS) as Kind[]).map((kind) => (
                <button
                  key={kind}
                  type="button"
                  className="gb-choice"
                  aria-pressed={draft.kind === kind}
                  disabled={!!draft.editing}
                  onClick={() => change({ kind })}
                >
                  {KIND_LABELS[kind]}
                </button>
              ))}
            </div>
          </fieldset>

          {classes.length > 0 && (
            <fieldset className="gb-field">
              <legend className="gb-label">Lớp</legend>
              <div className="gb-choices gb-choices--small">
                {[...classes, 'Toàn trường'].map((name) => (
                  <button
                    key={name}
                    type="button"
                    className={name === 'Toàn trường' ? 'gb-choice gb-choice--wide' : 'gb-choice'}
                    aria-pressed={draft.classGroup === name}
                    onClick={() => change({ classGroup: draft.classGroup === name ? null : name })}
                  >
                    {name}
                  </button>
                ))}
              </div>
            </fieldset>
          )}

          <div className="gb-field">
            <label className="gb-label" htmlFor="gb-title">
              Tiêu đề
            </label>
            <input
              id="gb-title"
              className="gb-input"
              value={draft.title}
              maxLength={200}
              autoComplete="off"
              onChange={(e) => change({ title: e.target.value })}
            />
          </div>

          {draft.kind === 'activity' && (
            <div className="gb-field">
              <label className="gb-label" htmlFor="gb-location">
                Địa điểm <span className="gb-optional">(không bắt buộc)</span>
              </label>
              <input
                id="gb-location"
                className="gb-input"
                value={draft.location}
                maxLength={200}
                autoComplete="off"
                placeholder="Ví dụ: Sân trường, Lớp B2"
                onChange={(e) => change({ location: e.target.value })}
              />
            </div>
          )}

          <div className="gb-field">
            <label className="gb-label" htmlFor="gb-text">
              Nội dung (vài câu)
            </label>
            <textarea
              id="gb-text"
              className="gb-input gb-textarea"
              value={draft.text}
              rows={5}
              maxLength={5000}
              onChange={(e) => change({ text: e.target.value })}
            />
          </div>

          <PhotoList draft={draft} change={change} uploads={uploads} />

          <button type="submit" className="gb-button gb-button--primary gb-button--wide" disabled={sending}>
            {sending ? 'Đang gửi…' : draft.editing?.returned ? 'Gửi lại để duyệt' : 'Gửi duyệt'}
          </button>
          {!isEmpty(draft) && (
            <button type="button" className="gb-button gb-button--quiet gb-button--wide" onClick={startOver}>
              Bỏ bài này, viết bài khác
            </button>
          )}
          <p className="gb-hint">Bài được lưu trên máy khi bạn gõ; mất mạng hay đóng trình duyệt cũng không mất chữ.</p>
        </form>
      )}

      {tab === 'mine' && <MyPosts mine={mine} highlight={linkedItem()} onEdit={(item) => void edit(item)} />}
    </div>
  );
}

export default ComposePage;
