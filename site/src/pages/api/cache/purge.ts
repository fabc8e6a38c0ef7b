import type { APIRoute } from 'astro';
import { TAG_PATTERN } from '../../../lib/cache-tags.ts';
import { checkWebhook } from '../../../lib/webhook.ts';
import { onContentChange } from '../../../lib/content-events.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });

const REFUSALS = {
  unsigned: 'Yêu cầu không có chữ ký.',
  'bad-signature': 'Chữ ký không hợp lệ.',
  stale: 'Yêu cầu đã quá hạn.',
  'not-configured': 'Trang chưa được cấu hình khóa webhook (WEBHOOK_SECRET).',
} as const;

/** The CMS's signed webhook: purge the route-cache tags it names. */
export const POST: APIRoute = async ({ request, cache }) => {
  const body = await request.text();
  if (body.length > 10_000) return json(413, { error: 'Yêu cầu quá lớn.' });
  const check = checkWebhook(process.env.WEBHOOK_SECRET ?? '', request.headers, body);
  if (check !== 'ok') return json(401, { error: REFUSALS[check] });
  let tags: unknown;
  try {
    tags = (JSON.parse(body) as { tags?: unknown }).tags;
  } catch {
    return json(400, { error: 'Nội dung yêu cầu không phải JSON hợp lệ.' });
  }
  if (!Array.isArray(tags) || tags.length === 0 || tags.length > 50 || !tags.every((tag) => typeof tag === 'string' && TAG_PATTERN.test(tag))) {
    return json(400, { error: 'Danh sách thẻ cần xóa không hợp lệ.' });
  }
  await cache.invalidate({ tags: tags as string[] });
  onContentChange(tags as string[]);
  return json(200, { purged: tags });
};
