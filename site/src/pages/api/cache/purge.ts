import { checkSignedRequest } from '@portal/common/signed-request';
import type { APIRoute } from 'astro';
import { TAG_PATTERN } from '../../../lib/cache-tags.ts';
import { applyPushedChange } from '../../../lib/site-changes.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });

const REFUSALS = {
  unsigned: 'Yêu cầu không có chữ ký.',
  'bad-signature': 'Chữ ký không hợp lệ.',
  stale: 'Yêu cầu đã quá hạn.',
  'not-configured': 'Trang chưa được cấu hình khóa webhook (WEBHOOK_SECRET).',
} as const;

/** A document with a large gallery names a few hundred stored files (each photo and its formats). */
const MAX_BODY = 200_000;
const MAX_TAGS = 50;
const MAX_FILES = 2_000;

const isStringList = (value: unknown, max: number, valid: (item: string) => boolean): value is string[] =>
  Array.isArray(value) && value.length <= max && value.every((item) => typeof item === 'string' && valid(item));

/**
 * The CMS's signed webhook: purge the route-cache tags it names, and drop every transformed copy
 * (all widths, formats and versions) of the stored files it names, so a photo taken down in the CMS
 * stops being served at once. `seq`, the change's number in the CMS's change sequence, keeps this process
 * from applying it again when it reads the sequence (lib/site-changes.ts).
 */
export const POST: APIRoute = async ({ request }) => {
  const body = await request.text();
  if (body.length > MAX_BODY) return json(413, { error: 'Yêu cầu quá lớn.' });
  const check = checkSignedRequest(process.env.WEBHOOK_SECRET ?? '', request.headers, body);
  if (check !== 'ok') return json(401, { error: REFUSALS[check] });
  let payload: { tags?: unknown; files?: unknown; seq?: unknown };
  try {
    payload = JSON.parse(body) as { tags?: unknown; files?: unknown; seq?: unknown };
  } catch {
    return json(400, { error: 'Nội dung yêu cầu không phải JSON hợp lệ.' });
  }
  const { tags, files = [], seq } = payload;
  if (!isStringList(tags, MAX_TAGS, (tag) => TAG_PATTERN.test(tag))) return json(400, { error: 'Danh sách thẻ cần xóa không hợp lệ.' });
  // Names are checked again before touching the disk; here only their shape and number.
  if (!isStringList(files, MAX_FILES, (name) => name.length > 0 && name.length <= 255)) return json(400, { error: 'Danh sách tệp cần gỡ không hợp lệ.' });
  if (tags.length === 0 && files.length === 0) return json(400, { error: 'Danh sách thẻ cần xóa không hợp lệ.' });
  if (seq !== undefined && !(typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0)) return json(400, { error: 'Số thứ tự thay đổi không hợp lệ.' });
  const images = await applyPushedChange({ tags, files, seq });
  return json(200, { purged: tags, images });
};
