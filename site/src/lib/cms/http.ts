import { sectionByUid } from '@portal/common/sections';
import { formPayload, MIN_SECRET_LENGTH, signedHeaders } from '@portal/common/signed-request';
import { getConfig } from '../config.ts';
import { CmsError } from './errors.ts';
import { type QueryValue, toQueryString } from './query.ts';
import { cmsGate, QueueFull, QueueWaitedTooLong } from './queue.ts';

/** Vietnamese name of what is being loaded (the registry's `readingLabel`), for errors shown to readers. */
function label(contentType: string): string {
  const found = sectionByUid(contentType);
  return found && 'readingLabel' in found ? found.readingLabel : 'dữ liệu';
}

export interface CmsResponse {
  status: number;
  body: unknown;
}

/** Identical reads in flight, by URL: concurrent renders that need the same data share one CMS call. */
const inFlight = new Map<string, Promise<{ status: number; text: string }>>();

async function fetchText(url: string, token: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return cmsGate(timeoutMs).run(async () => {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    return { status: response.status, text: await response.text() };
  });
}

function sharedFetch(url: string, token: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  const pending = inFlight.get(url);
  if (pending) return pending;
  const started = fetchText(url, token, timeoutMs);
  inFlight.set(url, started);
  const clear = (): void => {
    if (inFlight.get(url) === started) inFlight.delete(url);
  };
  started.then(clear, clear);
  return started;
}

/**
 * GET one REST path of the CMS. Never hangs (AbortSignal.timeout covers connect, headers and body; the
 * wait for a free slot in the CMS queue is bounded too) and never throws anything but CmsError. 404 is
 * returned, not thrown: for single types it means "not published", which callers decide about.
 * `quiet` leaves the logging of failures to the caller (a poll that would log one line per attempt).
 */
export async function cmsGet(contentType: string, path: string, query: Record<string, QueryValue> = {}, quiet = false): Promise<CmsResponse> {
  const log = quiet ? () => {} : console.error;
  const config = getConfig();
  if (!config.siteApiToken) {
    log('[cms] SITE_API_TOKEN is not set; cannot read %s', contentType);
    throw new CmsError(contentType, 0, 'Trang thông tin chưa được cấu hình khóa truy cập hệ thống quản lý nội dung.');
  }
  const qs = toQueryString(query);
  const url = `${config.cmsUrl}/api/${path}${qs ? `?${qs}` : ''}`;
  let status: number;
  let text: string;
  try {
    ({ status, text } = await sharedFetch(url, config.siteApiToken, config.cmsTimeoutMs));
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const busy = error instanceof QueueFull || error instanceof QueueWaitedTooLong;
    log('[cms] %s %s: %s', contentType, busy ? 'queue full' : timedOut ? 'timed out' : 'unreachable', error instanceof Error ? error.message : String(error));
    throw new CmsError(
      contentType,
      0,
      busy
        ? `Hệ thống đang có quá nhiều lượt truy cập cùng lúc khi tải ${label(contentType)}.`
        : timedOut
          ? `Hệ thống quản lý nội dung không phản hồi kịp khi tải ${label(contentType)}.`
          : `Không kết nối được hệ thống quản lý nội dung khi tải ${label(contentType)}.`,
      { cause: error },
    );
  }
  if (status === 404) return { status: 404, body: null };
  if (status < 200 || status >= 300) {
    log('[cms] %s answered HTTP %d: %s', contentType, status, text.slice(0, 300));
    throw new CmsError(contentType, status, `Hệ thống quản lý nội dung báo lỗi (mã ${status}) khi tải ${label(contentType)}.`);
  }
  try {
    return { status, body: JSON.parse(text) as unknown };
  } catch (error) {
    log('[cms] %s returned invalid JSON', contentType);
    throw new CmsError(contentType, status, `Dữ liệu ${label(contentType)} nhận được không hợp lệ.`, { cause: error });
  }
}

export function invalidShape(contentType: string, status: number): CmsError {
  console.error('[cms] %s returned an unexpected shape', contentType);
  return new CmsError(contentType, status, `Dữ liệu ${label(contentType)} nhận được không hợp lệ.`);
}

/**
 * POST a form's fields as JSON to one CMS endpoint, signed with the secret the site and the CMS share (the same
 * scheme as the CMS's webhooks to the site). Same guarantees as cmsGet: a timeout, only CmsError.
 */
export async function cmsPostSigned<F extends string>(
  contentType: string,
  path: string,
  fields: readonly F[],
  values: Record<F, string>,
): Promise<CmsResponse> {
  const config = getConfig();
  const secret = process.env.WEBHOOK_SECRET ?? '';
  if (secret.length < MIN_SECRET_LENGTH) throw new CmsError(contentType, 0, 'Trang thông tin chưa được cấu hình khóa gửi thông tin (WEBHOOK_SECRET).');
  const body = formPayload(fields, values);
  try {
    const response = await fetch(`${config.cmsUrl}/api/${path}`, {
      method: 'POST',
      headers: signedHeaders(secret, body),
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
