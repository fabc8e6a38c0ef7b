/**
 * Where the image transformer gets originals, and how it learns whether it may show them.
 *
 * The CMS decides: its /uploads answers the site's read token with two headers, the file's version and
 * whether published content shows it (cms/src/middlewares/public-uploads.ts). A HEAD asks only that,
 * so a request for an old version or a withdrawn file never downloads the original.
 */
import { getConfig } from '../config.ts';
import { CmsError } from './errors.ts';

const UPLOAD_TYPE = 'plugin::upload.file';

export interface UploadCheck {
  /** The file's current version, as image URLs carry it. */
  version: string;
  /** Whether some published content shows it: only then may anyone see it. */
  shown: boolean;
}

function token(): string {
  const { siteApiToken } = getConfig();
  if (!siteApiToken) throw new CmsError(UPLOAD_TYPE, 0, 'Trang thông tin chưa được cấu hình khóa truy cập hệ thống quản lý nội dung.');
  return siteApiToken;
}

const cmsUploadUrl = (name: string) => `${getConfig().cmsUrl}/uploads/${encodeURIComponent(name)}`;

function unreachable(name: string, error: unknown): CmsError {
  console.error('[images] upload %s unreachable: %s', name, error instanceof Error ? error.message : String(error));
  return new CmsError(UPLOAD_TYPE, 0, 'Không tải được ảnh gốc từ hệ thống quản lý nội dung.', { cause: error });
}

/** The CMS's answer about one stored file; null when it does not exist. */
export async function checkUpload(name: string): Promise<UploadCheck | null> {
  const config = getConfig();
  let response: Response;
  try {
    response = await fetch(cmsUploadUrl(name), {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${token()}` },
      signal: AbortSignal.timeout(config.cmsTimeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    if (error instanceof CmsError) throw error;
    throw unreachable(name, error);
  }
  if (response.status === 404) return null;
  const version = response.headers.get('x-media-version') ?? '';
  if (!response.ok || !version) throw new CmsError(UPLOAD_TYPE, response.status || 502, `Máy chủ ảnh báo lỗi (mã ${response.status}).`);
  return { version, shown: response.headers.get('x-media-public') === '1' };
}

export interface Original {
  body: Buffer;
  /** The version the CMS served (null from object storage, which does not know it). */
  version: string | null;
}

/** One download of a stored file; null when that source does not have it. */
async function download(name: string, maxBytes: number, fromBucket: boolean): Promise<Original | null> {
  const config = getConfig();
  const url = fromBucket ? `${config.mediaSourceUrl}/${name}` : cmsUploadUrl(name);
  try {
    const response = await fetch(url, {
      headers: fromBucket ? {} : { Authorization: `Bearer ${token()}` },
      signal: AbortSignal.timeout(config.cmsTimeoutMs * 3),
      redirect: 'error',
    });
    if (response.status === 404 || response.status === 403) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new CmsError(UPLOAD_TYPE, response.status, `Máy chủ ảnh báo lỗi (mã ${response.status}).`);
    }
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body.cancel();
      throw new CmsError(UPLOAD_TYPE, 413, 'Ảnh gốc quá lớn để xử lý.');
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new CmsError(UPLOAD_TYPE, 413, 'Ảnh gốc quá lớn để xử lý.');
      }
      chunks.push(part.value);
    }
    return { body: Buffer.concat(chunks), version: fromBucket ? null : response.headers.get('x-media-version') };
  } catch (error) {
    if (error instanceof CmsError) throw error;
    throw unreachable(name, error);
  }
}

/**
 * The bytes of one stored file: from the object-storage base when one is configured, else (or when the
 * bucket does not have it: a file uploaded before the move to the bucket stays on the CMS's disk) from the
 * CMS with the site's token. Only these two places, never a host named by the request. Refuses files
 * larger than `maxBytes` without reading them whole. Null when the file does not exist.
 */
export async function fetchOriginal(name: string, maxBytes: number): Promise<Original | null> {
  if (getConfig().mediaSourceUrl) {
    const fromBucket = await download(name, maxBytes, true);
    if (fromBucket) return fromBucket;
  }
  return download(name, maxBytes, false);
}
