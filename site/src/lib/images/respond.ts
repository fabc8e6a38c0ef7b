import { isCmsError } from '../cms/index.ts';
import { IMAGE_FORMATS, isAllowedWidth, isImageFormat, isUploadName, isVersion, transformPath } from './plan.ts';
import { isPreviewImageAllowed } from './preview.ts';
import { transformedImage } from './transform.ts';

/**
 * Seconds browsers and nginx may reuse an image without asking again. Short on purpose: a photo taken
 * down in the CMS must disappear from every cache within about a minute, so nothing here is `immutable`.
 */
export const IMAGE_MAX_AGE_SECONDS = 60;

const text = (status: number, message: string, extra: Record<string, string> = {}) =>
  new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra } });

export interface ImageParams {
  width?: string;
  format?: string;
  version?: string;
  name?: string;
}

/**
 * /anh/<width>/<avif|webp|jpeg>/<version>/<stored file name>: one transformed CMS image. Only the
 * widths the site's pages use are accepted. An old or missing version redirects to the current one; a
 * file that published content does not show (deleted, replaced away, only in drafts) is 404.
 */
export async function answerImage(request: Request, params: ImageParams): Promise<Response> {
  const width = Number(params.width);
  const format = params.format ?? '';
  const name = params.name ?? '';
  const version = params.version ?? null;
  if (!isAllowedWidth(width)) return text(400, 'Kích thước ảnh này không được hỗ trợ.');
  if (!isImageFormat(format)) return text(400, 'Định dạng ảnh này không được hỗ trợ.');
  if (!isUploadName(name)) return text(400, 'Tên tệp ảnh không hợp lệ.');
  if (version !== null && !isVersion(version)) return text(400, 'Phiên bản ảnh không hợp lệ.');
  const url = new URL(request.url);
  const preview = version !== null && isPreviewImageAllowed(url.pathname, url.searchParams.get('p'));
  try {
    const answer = await transformedImage(name, width, format, version, { preview });
    if (answer.kind === 'missing') return text(404, 'Không tìm thấy ảnh.');
    if (answer.kind === 'moved') return text(302, 'Ảnh đã được thay bằng phiên bản mới.', { Location: transformPath(name, width, format, answer.version) });
    const headers: Record<string, string> = {
      'Cache-Control': answer.shared ? `public, max-age=${IMAGE_MAX_AGE_SECONDS}` : 'private, no-store',
      ETag: answer.etag,
      'X-Image-Cache': answer.cached ? 'hit' : 'miss',
      'X-Content-Type-Options': 'nosniff',
    };
    const known = request.headers.get('if-none-match');
    if (known?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === answer.etag)) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(answer.body), {
      status: 200,
      headers: { ...headers, 'Content-Type': IMAGE_FORMATS[format], 'Content-Length': String(answer.body.byteLength) },
    });
  } catch (error) {
    if (isCmsError(error) && error.status === 413) return text(413, 'Ảnh gốc quá lớn để xử lý.');
    console.error('[images] %s %d %s: %s', name, width, format, error instanceof Error ? error.message : String(error));
    if (isCmsError(error)) return text(503, 'Tạm thời không tải được ảnh, vui lòng thử lại sau.', { 'Retry-After': '30' });
    return text(422, 'Tệp này không phải là ảnh hợp lệ.');
  }
}
