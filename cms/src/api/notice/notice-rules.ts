import { uidOf } from '@portal/common/sections';
import { vietnamFormat } from '@portal/common/vietnam-time';
import type { Core } from '@strapi/strapi';
import { emailsOfStaff, sendLater } from '../../notify/notifier';

const UID = uidOf('notice');
type Data = Record<string, unknown>;

interface NoticeRow {
  id: number;
  kind: string | null;
  title: string | null;
  message: string | null;
  startsAt: string | null;
  endsAt: string | null;
  resolvedAt: string | null;
  staffNotifiedAt: string | null;
  affectedServices?: { service?: string }[];
}

const vietnamTime = vietnamFormat({
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const when = (value: string | null) => (value ? vietnamTime.format(new Date(value)) : '');

/**
 * Ticking "Đã khắc phục" records the time itself, so the IT team need not type it during an incident;
 * a time typed by hand (for an incident fixed earlier) is kept and marks the notice resolved.
 */
async function stampResolution(strapi: Core.Strapi, data: Data, documentId: string | undefined): Promise<void> {
  if (data.resolvedAt) {
    data.resolved = true;
    return;
  }
  if (data.resolved !== true) return;
  const current = documentId
    ? ((await strapi.db.query(UID).findOne({ where: { documentId, publishedAt: null }, select: ['resolvedAt'] })) as { resolvedAt: string | null } | null)
    : null;
  data.resolvedAt = current?.resolvedAt ?? new Date().toISOString();
}

function siteUrl(): string {
  return (process.env.SITE_URL || 'http://127.0.0.1:4321').replace(/\/+$/, '');
}

/** Quy chế Art. 7.10, 15.3: staff hear about maintenance and incidents once, when the notice is published. */
async function emailStaffOnce(strapi: Core.Strapi, documentId: string): Promise<void> {
  const rows = strapi.db.query(UID);
  const published = (await rows.findOne({ where: { documentId, publishedAt: { $notNull: true } }, populate: ['affectedServices'] })) as NoticeRow | null;
  if (!published) return;
  const already = (await rows.findMany({ where: { documentId, staffNotifiedAt: { $notNull: true } }, select: ['id'] })) as unknown[];
  if (already.length > 0) return;
  const now = new Date();
  await rows.updateMany({ where: { documentId }, data: { staffNotifiedAt: now } });
  const services =
    (published.affectedServices ?? [])
      .map((item) => item.service)
      .filter(Boolean)
      .join(', ') || 'Toàn hệ thống';
  const period = published.endsAt ? `từ ${when(published.startsAt)} đến ${when(published.endsAt)}` : `từ ${when(published.startsAt)}`;
  const text = [
    `${published.kind ?? 'Thông báo'}: ${published.title ?? ''}`,
    '',
    `Thời gian: ${period} (giờ Việt Nam).`,
    `Dịch vụ bị ảnh hưởng: ${services}.`,
    published.resolvedAt ? `Đã khắc phục lúc ${when(published.resolvedAt)}.` : '',
    '',
    published.message ?? '',
    '',
    `Trạng thái hệ thống: ${siteUrl()}/trang-thai`,
    `Các thông báo bảo trì – sự cố: ${siteUrl()}/thong-bao`,
    '',
    'Thư này được gửi tự động tới mọi tài khoản cán bộ của Trang thông tin điện tử khi Tổ công nghệ thông tin đăng thông báo.',
  ]
    .filter((line, index, all) => line !== '' || all[index - 1] !== '')
    .join('\n');
  const subject = `[${published.kind ?? 'Thông báo'}] ${published.title ?? ''}`;
  // One message per person: staff addresses are not shown to each other.
  for (const address of await emailsOfStaff(strapi)) sendLater(strapi, { to: [address], subject, text });
}

export function registerNoticeRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID) return next();
    const params = context.params as { data?: Data; documentId?: string };
    if ((context.action === 'create' || context.action === 'update') && params.data) {
      // Set by the server only: a notice never claims staff were told when they were not.
      delete params.data.staffNotifiedAt;
      await stampResolution(strapi, params.data, params.documentId);
    }
    const result = await next();
    if (context.action === 'publish' && params.documentId) await emailStaffOnce(strapi, params.documentId);
    return result;
  });
}
