/**
 * The photos of the item on the Gửi bài page: the uploaded ones (with "Ảnh này có gì?"), the ones still
 * shrinking or uploading (with progress, "Thử lại" and "Bỏ ảnh" on failure), and the button to add more.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { type ChangeEvent, type Dispatch, type SetStateAction, useCallback, useRef, useState } from 'react';
import { orderedPhotos } from './document';
import type { Draft } from './draft-store';
import { describe, type Notice, SESSION_EXPIRED } from './messages';
import { MAX_PHOTOS, refuseReason, type Shrunk, shrink, UploadError, upload } from './photos';

/** A photo chosen but not uploaded yet. */
export interface Pending {
  key: string;
  name: string;
  status: 'resizing' | 'uploading' | 'failed';
  progress: number;
  error: string | null;
  alt: string;
  shrunk: Shrunk | null;
  preview: string | null;
}

function defaultAlt(draft: Pick<Draft, 'classGroup' | 'title'>, index: number): string {
  const who = draft.classGroup && draft.classGroup !== 'Toàn trường' ? `Các bé lớp ${draft.classGroup}` : 'Các bé';
  const what = draft.title.trim() ? ` trong hoạt động "${draft.title.trim()}"` : '';
  return `${who}${what} (ảnh ${index + 1})`;
}

/** Shrinks and uploads chosen photos one by one; each one uploaded joins the draft. */
export function usePhotoUploads(draft: Draft, setDraft: Dispatch<SetStateAction<Draft>>, setNotice: (notice: Notice) => void) {
  const { get } = useFetchClient();
  const [pending, setPending] = useState<Pending[]>([]);

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
    [get, setDraft],
  );

  const addPhotos = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    const room = MAX_PHOTOS - draft.photos.length - pending.length;
    const problems: string[] = [];
    if (files.length > room) problems.push(`Mỗi bài có tối đa ${MAX_PHOTOS} ảnh; đã bỏ qua ${files.length - Math.max(room, 0)} ảnh.`);
    const accepted: { file: File; key: string; alt: string }[] = [];
    for (const file of files.slice(0, Math.max(room, 0))) {
      const reason = refuseReason(file);
      if (reason) {
        problems.push(reason);
        continue;
      }
      const index = draft.photos.length + pending.length + accepted.length;
      accepted.push({ file, key: `${Date.now()}-${Math.random().toString(36).slice(2)}`, alt: defaultAlt(draft, index) });
    }
    setNotice(problems.length > 0 ? { tone: 'error', text: problems.join(' ') } : null);
    setPending((list) => [
      ...list,
      ...accepted.map(({ file, key, alt }) => ({
        key,
        name: file.name,
        status: 'resizing' as const,
        progress: 0,
        error: null,
        alt,
        shrunk: null,
        preview: null,
      })),
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

  const retry = (item: Pending) => item.shrunk && void sendPhoto(item.key, item.shrunk, item.alt);
  const drop = (key: string) => setPending((list) => list.filter((p) => p.key !== key));
  const reset = () => setPending([]);

  return { pending, addPhotos, retry, drop, reset };
}

interface PhotoListProps {
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
  uploads: ReturnType<typeof usePhotoUploads>;
}

export function PhotoList({ draft, change, uploads }: PhotoListProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const { pending } = uploads;
  const photoCount = draft.photos.length + pending.length;
  const setAlt = (id: number, alt: string) => change({ photos: draft.photos.map((p) => (p.id === id ? { ...p, alt } : p)) });
  const removePhoto = (id: number) => change({ photos: draft.photos.filter((p) => p.id !== id), coverId: draft.coverId === id ? null : draft.coverId });
  const coverId = orderedPhotos(draft)[0]?.id;

  return (
    <div className="gb-field">
      <span className="gb-label" id="gb-photos-label">
        Ảnh ({photoCount}/{MAX_PHOTOS})
      </span>
      <ul className="gb-photos" aria-labelledby="gb-photos-label">
        {draft.photos.map((photo, index) => (
          <li key={photo.id} className="gb-photo">
            <img className="gb-thumb" src={photo.url} alt="" />
            <div className="gb-photo__body">
              <p className="gb-photo__state">Ảnh {index + 1}: đã tải lên ✓</p>
              {draft.photos.length > 1 && (
                <label className="gb-radio">
                  <input type="radio" name="gb-cover" checked={photo.id === coverId} onChange={() => change({ coverId: photo.id })} />
                  <span>
                    <span className="gb-visually-hidden">Ảnh {index + 1}: </span>Làm ảnh đại diện
                  </span>
                </label>
              )}
              {draft.photos.length === 1 && <p className="gb-photo__state">Ảnh đại diện của bài</p>}
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
                    <button type="button" className="gb-button" onClick={() => uploads.retry(item)}>
                      Thử lại
                    </button>
                    <button type="button" className="gb-button gb-button--quiet" onClick={() => uploads.drop(item.key)}>
                      Bỏ ảnh
                    </button>
                  </div>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      <input
        ref={fileInput}
        className="gb-visually-hidden"
        type="file"
        accept="image/*"
        multiple
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => void uploads.addPhotos(e)}
      />
      <button type="button" className="gb-button gb-button--wide" disabled={photoCount >= MAX_PHOTOS} onClick={() => fileInput.current?.click()}>
        📷 Chụp hoặc chọn ảnh
      </button>
    </div>
  );
}
