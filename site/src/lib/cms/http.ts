import { getConfig } from '../config.ts';
import { signWebhook } from '../webhook.ts';
import { CmsError } from './errors.ts';
import { toQueryString, type QueryValue } from './query.ts';

/** Vietnamese names of what is being loaded, for error messages shown to readers. */
const LABELS: Record<string, string> = {
  'api::article.article': 'tin tức',
  'api::category.category': 'chuyên mục',
  'api::directive.directive': 'văn bản',
  'api::activity.activity': 'hoạt động – phong trào',
  'api::notice.notice': 'thông báo bảo trì – sự cố',
  'api::disclosure.disclosure': 'nội dung công khai',
  'api::menu.menu': 'thực đơn',
  'api::school.school': 'thông tin nhà trường',
};

function label(contentType: string): string {
  return LABELS[contentType] ?? 'dữ liệu';
}

export interface CmsResponse {
  status: number;
  body: unknown;
}

/**
 * GET one REST path of the CMS. Never hangs (AbortSignal.timeout covers connect, headers and body)
 * and never throws anything but CmsError. 404 is returned, not thrown: for single types it means
 * "not published", which callers decide about.
 */
export async function cmsGet(contentType: string, path: string, query: Record<string, QueryValue> = {}): Promise<CmsResponse> {
  const config = getConfig();
  if (!config.siteApiToken) {
    console.error('[cms] SITE_API_TOKEN is not set; cannot read %s', contentType);
    throw new CmsError(contentType, 0, 'Trang thông tin chưa được cấu hình khóa truy cập hệ thống quản lý nội dung.');
  }
  const qs = toQueryString(query);
  const url = `${config.cmsUrl}/api/${path}${qs ? `?${qs}` : ''}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${config.siteApiToken}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(config.cmsTimeoutMs),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    console.error('[cms] %s %s: %s', contentType, timedOut ? 'timed out' : 'unreachable', error instanceof Error ? error.message : String(error));
    throw new CmsError(
      contentType,
      0,
      timedOut
        ? `Hệ thống quản lý nội dung không phản hồi kịp khi tải ${label(contentType)}.`
        : `Không kết nối được hệ thống quản lý nội dung khi tải ${label(contentType)}.`,
      { cause: error },
    );
  }
  if (response.status === 404) return { status: 404, body: null };
  if (!response.ok) {
    console.error('[cms] %s answered HTTP %d: %s', contentType, response.status, text.slice(0, 300));
    throw new CmsError(contentType, response.status, `Hệ thống quản lý nội dung báo lỗi (mã ${response.status}) khi tải ${label(contentType)}.`);
  }
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch (error) {
    console.error('[cms] %s returned invalid JSON', contentType);
    throw new CmsError(contentType, response.status, `Dữ liệu ${label(contentType)} nhận được không hợp lệ.`, { cause: error });
  }
}

export function invalidShape(contentType: string, status: number): CmsError {
  console.error('[cms] %s returned an unexpected shape', contentType);
  return new CmsError(contentType, status, `Dữ liệu ${label(contentType)} nhận được không hợp lệ.`);
}

/**
 * POST a JSON body to one CMS endpoint, signed with the secret the site and the CMS share (the same
 * scheme as the CMS's webhooks to the site). Same guarantees as cmsGet: a timeout, only CmsError.
 */
export async function cmsPostSigned(contentType: string, path: string, payload: Record<string, string>): Promise<CmsResponse> {
  const config = getConfig();
  const secret = process.env.WEBHOOK_SECRET ?? '';
  if (secret.length < 32) throw new CmsError(contentType, 0, 'Trang thông tin chưa được cấu hình khóa gửi thông tin (WEBHOOK_SECRET).');
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const response = await fetch(`${config.cmsUrl}/api/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Portal-Timestamp': timestamp, 'X-Portal-Signature': signWebhook(secret, timestamp, body) },
      body,
      signal: AbortSignal.timeout(config.cmsTimeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    if (!response.ok) {
      console.error('[cms] POST %s answered HTTP %d: %s', path, response.status, text.slice(0, 300));
      throw new CmsError(contentType, response.status, `Hệ thống quản lý nội dung báo lỗi (mã ${response.status}).`);
    }
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  } catch (error) {
    if (error instanceof CmsError) throw error;
    console.error('[cms] POST %s failed: %s', path, error instanceof Error ? error.message : String(error));
    throw new CmsError(contentType, 0, 'Không kết nối được hệ thống quản lý nội dung.', { cause: error });
  }
}

const UPLOAD_TYPE = 'plugin::upload.file';

/**
 * The bytes of one uploaded file (for the image transformer), from local uploads on the CMS or from
 * the object-storage base. Refuses files larger than `maxBytes` without reading them whole.
 * Returns null when the file does not exist.
 */
export async function cmsGetUpload(name: string, maxBytes: number): Promise<Buffer | null> {
  const config = getConfig();
  const url = config.mediaSourceUrl ? `${config.mediaSourceUrl}/${name}` : `${config.cmsUrl}/uploads/${name}`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(config.cmsTimeoutMs * 3), redirect: 'error' });
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
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof CmsError) throw error;
    console.error('[cms] upload %s unreachable: %s', name, error instanceof Error ? error.message : String(error));
    throw new CmsError(UPLOAD_TYPE, 0, 'Không tải được ảnh gốc từ hệ thống quản lý nội dung.', { cause: error });
  }
}
