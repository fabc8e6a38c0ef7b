import sharp from 'sharp';
import type { AdminSession } from './admin.ts';

/** A file as the upload API returns it. */
export interface UploadedPhoto {
  id: number;
  name: string;
  hash: string;
  url: string;
  alternativeText: string | null;
  updatedAt: string;
  formats: Record<string, { url: string }> | null;
}

export interface PhotoSpec {
  /** File name, also the media library's name. */
  name: string;
  alt: string;
  /** Plain colour of a generated photo (ignored when bytes are given). */
  color?: string;
  width?: number;
  height?: number;
  format?: 'png' | 'jpeg';
  /** A photo made by the test itself (e.g. with camera metadata or noise). */
  bytes?: Buffer;
}

const ARTICLE = 'api::article.article';

/** A plain-colour photo, as small as the test allows. */
export function colourPhoto(color: string, width: number, height: number, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: color } });
  return (format === 'png' ? image.png() : image.jpeg()).toBuffer();
}

/** Uploads one photo through the admin API as this account; throws unless the CMS created it. */
export async function uploadPhoto(session: AdminSession, spec: PhotoSpec): Promise<UploadedPhoto> {
  const format = spec.format ?? (/\.jpe?g$/i.test(spec.name) ? 'jpeg' : 'png');
  const bytes = spec.bytes ?? (await colourPhoto(spec.color ?? '#2e86c1', spec.width ?? 16, spec.height ?? 16, format));
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(bytes)], { type: `image/${format}` }), spec.name);
  form.append('fileInfo', JSON.stringify({ name: spec.name, alternativeText: spec.alt }));
  const { status, body } = await session.request<UploadedPhoto[]>('POST', '/upload', form);
  if (status !== 201 || !body[0]) throw new Error(`Upload of ${spec.name} answered ${status}: ${JSON.stringify(body)}`);
  return body[0];
}

export interface DraftSpec {
  title: string;
  /** Defaults to an article. */
  uid?: string;
  /** Summary and one paragraph of body; both default to short Vietnamese text. */
  summary?: string;
  text?: string | null;
  /** Any other fields of the content type. */
  fields?: Record<string, unknown>;
}

/** Creates a draft through the content manager as this account, with this cover; throws unless it was created. */
export async function createDraft(session: AdminSession, coverId: number, spec: DraftSpec): Promise<{ documentId: string } & Record<string, unknown>> {
  const text = spec.text === undefined ? 'Nội dung thử.' : spec.text;
  const { status, body } = await session.createDraft(spec.uid ?? ARTICLE, {
    title: spec.title,
    summary: spec.summary ?? `Tóm tắt: ${spec.title}`,
    ...(text === null ? {} : { body: [{ type: 'paragraph', children: [{ type: 'text', text }] }] }),
    cover: coverId,
    ...spec.fields,
  });
  if (status !== 201 || !body.data) throw new Error(`Draft "${spec.title}" answered ${status}: ${JSON.stringify(body)}`);
  return body.data;
}

/** The usual fixture: upload a photo, then create a draft with it as the cover, both as this account. */
export async function draftWithPhoto(session: AdminSession, photo: PhotoSpec, draft: DraftSpec): Promise<{ documentId: string; photo: UploadedPhoto }> {
  const uploaded = await uploadPhoto(session, photo);
  const created = await createDraft(session, uploaded.id, draft);
  return { documentId: created.documentId, photo: uploaded };
}
