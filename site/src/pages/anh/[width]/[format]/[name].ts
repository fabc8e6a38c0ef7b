import type { APIRoute } from 'astro';
import { isCmsError } from '../../../../lib/cms/index.ts';
import { IMAGE_FORMATS, isAllowedWidth, isImageFormat, isUploadName } from '../../../../lib/images/plan.ts';
import { transformedImage } from '../../../../lib/images/transform.ts';

const text = (status: number, message: string, extra: Record<string, string> = {}) =>
  new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra } });

/**
 * Responsive images: /anh/<width>/<avif|webp|jpeg>/<stored file name>. Only the widths the site's
 * pages use are accepted; each result is encoded once and then served from the disk cache.
 */
export const GET: APIRoute = async ({ params }) => {
  const width = Number(params.width);
  const format = params.format ?? '';
  const name = params.name ?? '';
  if (!isAllowedWidth(width)) return text(400, 'Kích thước ảnh này không được hỗ trợ.');
  if (!isImageFormat(format)) return text(400, 'Định dạng ảnh này không được hỗ trợ.');
  if (!isUploadName(name)) return text(400, 'Tên tệp ảnh không hợp lệ.');
  try {
    const image = await transformedImage(name, width, format);
    if (!image) return text(404, 'Không tìm thấy ảnh.');
    return new Response(new Uint8Array(image.body), {
      status: 200,
      headers: {
        'Content-Type': IMAGE_FORMATS[format],
        'Content-Length': String(image.body.byteLength),
        // Stored names carry a content hash: a changed image gets a new URL.
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Image-Cache': image.cached ? 'hit' : 'miss',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (isCmsError(error) && error.status === 413) return text(413, 'Ảnh gốc quá lớn để xử lý.');
    console.error('[images] %s %d %s: %s', name, width, format, error instanceof Error ? error.message : String(error));
    if (isCmsError(error)) return text(503, 'Tạm thời không tải được ảnh, vui lòng thử lại sau.', { 'Retry-After': '30' });
    return text(422, 'Tệp này không phải là ảnh hợp lệ.');
  }
};
