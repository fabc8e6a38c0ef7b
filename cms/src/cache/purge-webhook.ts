import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';

/** Route-cache tag of each public type (site/src/lib/cache-tags.ts uses the same names). */
const TYPE_TAGS: Record<string, string[]> = {
  'api::article.article': ['article'],
  'api::category.category': ['category', 'article'],
  'api::directive.directive': ['directive'],
  'api::activity.activity': ['activity'],
  'api::notice.notice': ['notice'],
  'api::disclosure.disclosure': ['disclosure'],
  'api::menu.menu': ['menu'],
  'api::school.school': ['school'],
};

// Actions that change what the public sees. Draft & publish types change publicly only by these;
// categories have no drafts, so their every write counts.
const PUBLIC_ACTIONS = ['publish', 'unpublish', 'delete'];
const NO_DRAFT_TYPES = ['api::category.category'];
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];

function targets(): string[] {
  const configured = (process.env.SITE_PURGE_URLS ?? '').split(',').map((url) => url.trim()).filter(Boolean);
  if (configured.length > 0) return configured;
  return [`${(process.env.SITE_URL ?? 'http://127.0.0.1:4321').replace(/\/$/, '')}/api/cache/purge`];
}

export function signedRequest(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return { 'Content-Type': 'application/json', 'X-Portal-Timestamp': timestamp, 'X-Portal-Signature': signature };
}

/** Tells every site process which tags to purge; in the background, with retries, never throwing. */
export function sendPurge(strapi: Core.Strapi, tags: string[], what: string): void {
  const secret = process.env.WEBHOOK_SECRET ?? '';
  if (secret.length < 32) {
    strapi.log.warn('[cache] WEBHOOK_SECRET chưa được đặt: trang công khai sẽ cập nhật chậm (theo thời hạn bộ nhớ đệm).');
    return;
  }
  const body = JSON.stringify({ tags, what });
  for (const url of targets()) {
    const attempt = async (index: number): Promise<void> => {
      try {
        // Signed at each attempt: the site refuses old timestamps.
        const response = await fetch(url, { method: 'POST', headers: signedRequest(secret, body), body, signal: AbortSignal.timeout(5_000) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      } catch (error) {
        const delay = RETRY_DELAYS_MS[index];
        const reason = error instanceof Error ? error.message : String(error);
        if (delay === undefined) {
          strapi.log.error(`[cache] Không báo được ${url} xóa bộ nhớ đệm (${tags.join(', ')}): ${reason}`);
          return;
        }
        setTimeout(() => void attempt(index + 1), delay).unref();
      }
    };
    void attempt(0);
  }
}

export function registerPurgeWebhook(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    const typeTags = TYPE_TAGS[context.uid];
    const changesPublic = PUBLIC_ACTIONS.includes(context.action) || (NO_DRAFT_TYPES.includes(context.uid) && ['create', 'update'].includes(context.action));
    if (typeTags && changesPublic) {
      const documentId = (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
      sendPurge(strapi, documentId ? [...typeTags, `doc:${documentId}`] : typeTags, `${context.action} ${context.uid}`);
    }
    return result;
  });
}
