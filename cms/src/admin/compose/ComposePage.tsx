/**
 * "Gửi bài": a phone-first page for teachers and staff to send a short photo item for review.
 * Same admin account, same permissions (the content-manager and upload APIs), same workflow and
 * notifications as the full editor; only the screen is made for one hand and a slow connection.
 */
import { vietnamDate } from '@portal/common/vietnam-time';
import { PUBLISHED_LABEL, REVIEW_STATES, reviewStateLabel } from '@portal/common/review-states';
import { uidOf } from '@portal/common/sections';
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { WorkflowItem } from '../workflow/api';
import { clearDraft, EMPTY_DRAFT, isEmpty, loadDraft, saveDraft, type Draft, type Kind, type SavedPhoto } from './draft-store';
import { MAX_PHOTOS, refuseReason, shrink, upload, UploadError, type Shrunk } from './photos';
import { STYLES } from './styles';

const UIDS: Record<Kind, string> = { article: uidOf('article'), activity: uidOf('activity') };
const KIND_LABELS: Record<Kind, string> = { article: 'Tin tức', activity: 'Hoạt động' };
const CM = '/content-manager/collection-types';
const SESSION_EXPIRED = 'Phiên đăng nhập đã hết hạn. Bài của bạn vẫn được lưu trên máy này: hãy đăng nhập lại rồi bấm "Gửi duyệt".';

interface Pending {
  key: string;
  name: string;
  status: 'resizing' | 'uploading' | 'failed';
  progress: number;
  error: string | null;
  alt: string;
  shrunk: Shrunk | null;
  preview: string | null;
}

type MineItem = Pick<WorkflowItem, 'uid' | 'type' | 'documentId' | 'title' | 'reviewState' | 'reviewNote' | 'published' | 'publicUrl'>;

type Notice = { tone: 'error' | 'ok' | 'info'; text: string } | null;

const errorStatus = (error: unknown): number | undefined =>
  (error as { status?: number; response?: { status?: number } }).response?.status ?? (error as { status?: number }).status;

function describe(error: unknown): string {
  if ((error as { name?: string }).name === 'TokenRefreshError' || errorStatus(error) === 401) return SESSION_EXPIRED;
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  if (response?.data?.error?.message) return response.data.error.message;
  if (error instanceof Error && /fetch|network/i.test(error.message)) return 'Mất kết nối mạng. Bài vẫn được lưu trên máy; hãy thử lại khi có mạng.';
  return error instanceof Error && error.message ? error.message : 'Không thực hiện được. Hãy thử lại.';
}

function defaultAlt(draft: Pick<Draft, 'classGroup' | 'title'>, index: number): string {
  const who = draft.classGroup && draft.classGroup !== 'Toàn trường' ? `Các bé lớp ${draft.classGroup}` : 'Các bé';
  const what = draft.title.trim() ? ` trong hoạt động "${draft.title.trim()}"` : '';
  return `${who}${what} (ảnh ${index + 1})`;
}

function toBlocks(text: string) {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ type: 'paragraph', children: [{ type: 'text', text: line }] }));
}

function fromBlocks(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  return blocks
    .map((block) => ((block as { children?: { text?: string }[] }).children ?? []).map((child) => child.text ?? '').join(''))
    .filter(Boolean)
    .join('\n');
}

function todayInVietnam(): string {
  return vietnamDate();
}

const stateLabel = (item: MineItem) => (item.published && item.reviewState === REVIEW_STATES.approved ? PUBLISHED_LABEL : reviewStateLabel(item.reviewState));

export function ComposePage() {
  const { get, post, put } = useFetchClient();
  const [userId, setUserId] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [pending, setPending] = useState<Pending[]>([]);
  const [classes, setClasses] = useState<string[]>([]);
  const [tab, setTab] = useState<'new' | 'mine'>('new');
  const [mine, setMine] = useState<MineItem[] | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [sending, setSending] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void (async () => {
      try {
        const [me, options] = await Promise.all([
          get<{ data: { id: number } }>('/admin/users/me'),
          get<{ data: { classes: string[] } }>('/workflow/compose-options'),
        ]);
        setUserId(me.data.data.id);
        setClasses(options.data.data.classes);
        const saved = loadDraft(me.data.data.id);
        setDraft(saved);
        if (!isEmpty(saved)) setNotice({ tone: 'info', text: 'Đã mở lại bài bạn đang viết dở trên máy này.' });
      } catch (error) {
        setNotice({ tone: 'error', text: describe(error) });
      }
    })();
  }, [get]);

  useEffect(() => {
    if (userId !== null) saveDraft(userId, draft);
  }, [userId, draft]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const loadMine = useCallback(async () => {
    try {
      const { data } = await get<{ data: MineItem[] }>('/workflow/mine');
      setMine(data.data.filter((item) => item.uid === UIDS.article || item.uid === UIDS.activity));
    } catch (error) {
      setNotice({ tone: 'error', text: describe(error) });
    }
  }, [get]);

  useEffect(() => {
    if (tab === 'mine') void loadMine();
  }, [tab, loadMine]);

  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const sendPhoto = useCallback(
    async (key: string, shrunk: Shrunk, alt: string) => {
      setPending((list) => list.map((p) => (p.key === key ? { ...p, status: 'uploading', progress: 0, error: null } : p)));
      try {
        // Any request through Strapi's client renews an expired access token before the upload uses it.
        await get('/admin/users/me');
        const uploaded = await upload(shrunk, alt, (progress) => setPending((list) => list.map((p) => (p.key === key ? { ...p, progress } : p))));
        setPending((list) => {
          const done = list.find((p) => p.key === key);
          if (done?.preview) URL.revokeObjectURL(done.preview);
          return list.filter((p) => p.key !== key);
        });
        setDraft((current) => ({ ...current, photos: [...current.photos, { id: uploaded.id, url: uploaded.url, alt, savedAlt: alt }] }));
      } catch (error) {
        const message = error instanceof UploadError && error.status === 401 ? SESSION_EXPIRED : describe(error);
        setPending((list) => list.map((p) => (p.key === key ? { ...p, status: 'failed', error: message } : p)));
      }
    },
    [get],
  );

  const addPhotos = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    const room = MAX_PHOTOS - draft.photos.length - pending.length;
    const problems: string[] = [];
    if (files.length > room) problems.push(`Mỗi bài có tối đa ${MAX_PHOTOS} ảnh; đã bỏ qua ${files.length - Math.max(room, 0)} ảnh.`);
    const accepted: { file: File; key: string; alt: string }[] = [];
    files.slice(0, Math.max(room, 0)).forEach((file) => {
      const reason = refuseReason(file);
      if (reason) return void problems.push(reason);
      const index = draft.photos.length + pending.length + accepted.length;
      accepted.push({ file, key: `${Date.now()}-${Math.random().toString(36).slice(2)}`, alt: defaultAlt(draft, index) });
    });
    setNotice(problems.length > 0 ? { tone: 'error', text: problems.join(' ') } : null);
    setPending((list) => [
      ...list,
      ...accepted.map(({ file, key, alt }) => ({ key, name: file.name, status: 'resizing' as const, progress: 0, error: null, alt, shrunk: null, preview: null })),
    ]);
    for (const { file, key, alt } of accepted) {
      try {
        const shrunk = await shrink(file);
        const preview = URL.createObjectURL(shrunk.blob);
        setPending((list) => list.map((p) => (p.key === key ? { ...p, shrunk, preview } : p)));
        await sendPhoto(key, shrunk, alt);
      } catch (error) {
        setPending((list) => list.filter((p) => p.key !== key));
        setNotice({ tone: 'error', text: describe(error) });
      }
    }
  };

  const setAlt = (id: number, alt: string) => change({ photos: draft.photos.map((p) => (p.id === id ? { ...p, alt } : p)) });
  const removePhoto = (id: number) => change({ photos: draft.photos.filter((p) => p.id !== id) });
  const retry = (item: Pending) => item.shrunk && void sendPhoto(item.key, item.shrunk, item.alt);
  const dropPending = (key: string) => setPending((list) => list.filter((p) => p.key !== key));

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
      const text = draft.text.trim();
      const data: Record<string, unknown> = {
        title: draft.title.trim(),
        summary: text.replace(/\s+/g, ' ').slice(0, 300),
        body: toBlocks(text),
        cover: draft.photos[0]!.id,
        gallery: draft.photos.slice(1).map((p) => p.id),
        classGroup: draft.classGroup && draft.classGroup !== 'Toàn trường' ? draft.classGroup : null,
      };
      if (draft.kind === 'activity' && !draft.editing) Object.assign(data, { date: todayInVietnam(), kind: 'Hoạt động' });
      const uid = draft.editing?.uid ?? UIDS[draft.kind];
      let documentId = draft.editing?.documentId;
      if (documentId) {
        await put(`${CM}/${uid}/${documentId}`, data);
      } else {
        const created = await post<{ data: { documentId: string } }>(`${CM}/${uid}`, data);
        documentId = created.data.data.documentId;
      }
      await put(`${CM}/${uid}/${documentId}`, { reviewState: REVIEW_STATES.pending });
      clearDraft(userId);
      setDraft(EMPTY_DRAFT);
      setNotice({ tone: 'ok', text: `Đã gửi "${data.title as string}" cho Ban giám hiệu duyệt. Bạn sẽ nhận thư khi bài được duyệt hoặc cần chỉnh sửa.` });
      setTab('mine');
    } catch (error) {
      setNotice({ tone: 'error', text: describe(error) });
    } finally {
      setSending(false);
    }
  };

  const edit = async (item: MineItem) => {
    try {
      const { data } = await get<{ data: Record<string, unknown> }>(`${CM}/${item.uid}/${item.documentId}`);
      const doc = data.data;
      const media = [doc.cover, ...((doc.gallery as unknown[]) ?? [])].filter(Boolean) as { id: number; url: string; alternativeText?: string }[];
      setDraft({
        kind: item.uid === UIDS.article ? 'article' : 'activity',
        classGroup: (doc.classGroup as string | null) ?? null,
        title: (doc.title as string) ?? '',
        text: fromBlocks(doc.body),
        photos: media.map((m): SavedPhoto => ({ id: m.id, url: m.url, alt: m.alternativeText ?? '', savedAlt: m.alternativeText ?? '' })),
        editing: { uid: item.uid, documentId: item.documentId },
      });
      setTab('new');
      setNotice(item.reviewNote ? { tone: 'info', text: `Ghi chú của Ban giám hiệu: ${item.reviewNote}` } : null);
    } catch (error) {
      setNotice({ tone: 'error', text: describe(error) });
    }
  };

  const startOver = () => {
    if (userId !== null) clearDraft(userId);
    setDraft(EMPTY_DRAFT);
    setPending([]);
    setNotice(null);
  };

  const photoCount = draft.photos.length + pending.length;

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

      <div ref={noticeRef} tabIndex={-1} className={notice ? `gb-notice gb-notice--${notice.tone}` : 'gb-visually-hidden'} role={notice?.tone === 'error' ? 'alert' : 'status'}>
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

      {tab === 'new' && (
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
                  <button key={name} type="button" className={name === 'Toàn trường' ? 'gb-choice gb-choice--wide' : 'gb-choice'} aria-pressed={draft.classGroup === name} onClick={() => change({ classGroup: draft.classGroup === name ? null : name })}>
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
            <input id="gb-title" className="gb-input" value={draft.title} maxLength={200} autoComplete="off" onChange={(e) => change({ title: e.target.value })} />
          </div>

          <div className="gb-field">
            <label className="gb-label" htmlFor="gb-text">
              Nội dung (vài câu)
            </label>
            <textarea id="gb-text" className="gb-input gb-textarea" value={draft.text} rows={5} maxLength={5000} onChange={(e) => change({ text: e.target.value })} />
          </div>

          <div className="gb-field">
            <span className="gb-label" id="gb-photos-label">
              Ảnh ({photoCount}/{MAX_PHOTOS})
            </span>
            <ul className="gb-photos" aria-labelledby="gb-photos-label">
              {draft.photos.map((photo, index) => (
                <li key={photo.id} className="gb-photo">
                  <img className="gb-thumb" src={photo.url} alt="" />
                  <div className="gb-photo__body">
                    <p className="gb-photo__state">Ảnh {index + 1}{index === 0 ? ' (ảnh đại diện)' : ''}: đã tải lên ✓</p>
                    <label className="gb-label gb-label--small" htmlFor={`gb-alt-${photo.id}`}>
                      Ảnh này có gì?
                    </label>
                    <input id={`gb-alt-${photo.id}`} className="gb-input" value={photo.alt} maxLength={300} onChange={(e) => setAlt(photo.id, e.target.value)} />
                    <button type="button" className="gb-button gb-button--quiet" onClick={() => removePhoto(photo.id)}>
                      Bỏ ảnh {index + 1}
                    </button>
                  </div>
                </li>
              ))}
              {pending.map((item) => (
                <li key={item.key} className="gb-photo">
                  {item.preview ? <img className="gb-thumb" src={item.preview} alt="" /> : <span className="gb-thumb" />}
                  <div className="gb-photo__body">
                    <p className="gb-photo__state">
                      {item.name}:{' '}
                      {item.status === 'resizing' ? 'đang thu nhỏ…' : item.status === 'uploading' ? `đang tải lên ${item.progress}%` : 'chưa tải lên được'}
                    </p>
                    {item.status === 'uploading' && <progress className="gb-progress" max={100} value={item.progress} aria-label={`Tải lên ${item.name}`} />}
                    {item.status === 'failed' && (
                      <>
                        <p className="gb-photo__error">{item.error}</p>
                        <div className="gb-row">
                          <button type="button" className="gb-button" onClick={() => retry(item)}>
                            Thử lại
                          </button>
                          <button type="button" className="gb-button gb-button--quiet" onClick={() => dropPending(item.key)}>
                            Bỏ ảnh
                          </button>
                        </div>
                      </>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            <input ref={fileInput} className="gb-visually-hidden" type="file" accept="image/*" multiple tabIndex={-1} aria-hidden="true" onChange={(e) => void addPhotos(e)} />
            <button type="button" className="gb-button gb-button--wide" disabled={photoCount >= MAX_PHOTOS} onClick={() => fileInput.current?.click()}>
              📷 Chụp hoặc chọn ảnh
            </button>
          </div>

          <button type="submit" className="gb-button gb-button--primary gb-button--wide" disabled={sending}>
            {sending ? 'Đang gửi…' : draft.editing ? 'Gửi lại để duyệt' : 'Gửi duyệt'}
          </button>
          {!isEmpty(draft) && (
            <button type="button" className="gb-button gb-button--quiet gb-button--wide" onClick={startOver}>
              Bỏ bài này, viết bài khác
            </button>
          )}
          <p className="gb-hint">Bài được lưu trên máy khi bạn gõ; mất mạng hay đóng trình duyệt cũng không mất chữ.</p>
        </form>
      )}

      {tab === 'mine' && (
        <section aria-label="Bài của tôi">
          {mine === null && <p>Đang tải…</p>}
          {mine?.length === 0 && <p>Bạn chưa có bài nào.</p>}
          <ul className="gb-mine">
            {mine?.map((item) => (
              <li key={item.documentId} className="gb-item">
                <p className="gb-item__title">{item.title}</p>
                <p className="gb-item__meta">
                  {item.type} · <strong className={`gb-state gb-state--${item.reviewState === REVIEW_STATES.changesRequested ? 'warn' : 'plain'}`}>{stateLabel(item)}</strong>
                </p>
                {item.reviewState === REVIEW_STATES.changesRequested && item.reviewNote && <p className="gb-item__note">Ghi chú của Ban giám hiệu: {item.reviewNote}</p>}
                <div className="gb-row">
                  {item.publicUrl && item.published && (
                    <a className="gb-button gb-button--quiet" href={item.publicUrl} target="_blank" rel="noreferrer">
                      Xem trên trang
                    </a>
                  )}
                  {(item.reviewState === REVIEW_STATES.changesRequested || item.reviewState === REVIEW_STATES.draft) && (
                    <button type="button" className="gb-button" onClick={() => void edit(item)}>
                      Sửa và gửi lại
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export default ComposePage;
