import { reasonOf } from '@portal/common/retry';
import { publicPath, uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import { enqueueMail, type MailCondition, type MailMessage } from '../cache/outbox';
import { afterCommit } from '../db/after-commit';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The HTML part of a message, built from its text: every character a reader, a teacher or a title typed
 * is escaped, so nothing in it is markup in the recipient's mail client. (Strapi's nodemailer provider
 * would otherwise send the raw text as HTML.)
 */
export function htmlFromText(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
  const paragraphs = escaped.split(/\n{2,}/).map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body>${paragraphs.join('\n')}</body></html>`;
}

/** The message the email plugin sends: recipients de-duplicated, one line of subject, an escaped HTML part. */
export function mailMessage(mail: Mail): MailMessage | null {
  const recipients = [...new Set(mail.to.filter((address) => /.+@.+/.test(address)))];
  if (recipients.length === 0) return null;
  return { to: recipients.join(', '), subject: mail.subject.replace(/[\r\n]+/g, ' '), text: mail.text, html: htmlFromText(mail.text) };
}

/**
 * Queues the message in the delivery outbox (cache/outbox.ts) once the current transaction commits, and
 * never throws: a workflow step is done whether or not the mail server answers. The outbox sends it, retries
 * it with growing delays through restarts, and lists it for the Tổ CNTT when it is given up.
 */
export function sendLater(strapi: Core.Strapi, mail: Mail, options: { delayMs?: number; condition?: MailCondition } = {}): void {
  const message = mailMessage(mail);
  if (!message) return;
  afterCommit(strapi, () =>
    enqueueMail(strapi, message, options).catch((error: unknown) =>
      strapi.log.error(`[thư] Không ghi được thư "${message.subject}" tới ${message.to} vào hàng đợi gửi: ${reasonOf(error)}`),
    ),
  );
}

/**
 * Sends `mail` after `delayMs` (counted from the commit) unless the document was published meanwhile:
 * "Duyệt và đăng" is an approval and a publication a moment apart, and the author should get one e-mail,
 * not two. The delay and the check are kept in the outbox row, so a restart inside the delay loses neither.
 */
export function sendLaterUnlessPublished(strapi: Core.Strapi, mail: Mail, delayMs: number, document: { uid: string; documentId: string; since: number }): void {
  sendLater(strapi, mail, { delayMs, condition: { publishedSince: { uid: document.uid, documentId: document.documentId, at: document.since } } });
}

/** E-mail addresses of the active admin users holding a role. */
export async function emailsOfRole(strapi: Core.Strapi, roleCode: string): Promise<string[]> {
  const users = (await strapi.db.query('admin::user').findMany({
    where: { isActive: true, blocked: false, roles: { code: roleCode } },
    select: ['email'],
  })) as { email: string }[];
  return users.map((user) => user.email);
}

/** E-mail addresses of every active admin user: all staff with an account. */
export async function emailsOfStaff(strapi: Core.Strapi): Promise<string[]> {
  const users = (await strapi.db.query('admin::user').findMany({ where: { isActive: true, blocked: false }, select: ['email'] })) as { email: string }[];
  return [...new Set(users.map((user) => user.email))];
}

export async function emailOfUser(strapi: Core.Strapi, id: number | null | undefined): Promise<string[]> {
  if (!id) return [];
  const user = (await strapi.db.query('admin::user').findOne({ where: { id, isActive: true, blocked: false }, select: ['email'] })) as {
    email: string;
  } | null;
  return user ? [user.email] : [];
}

function cmsBase(): string {
  return (process.env.CMS_PUBLIC_URL || `http://${process.env.CMS_HOST ?? '127.0.0.1'}:${process.env.CMS_PORT ?? '1337'}`).replace(/\/$/, '');
}

/** The admin's home page, where the Ban giám hiệu finds "Chờ duyệt" and "Việc cần công khai". */
export function adminHomeLink(): string {
  return `${cmsBase()}/admin`;
}

/** The full editor of an item: for the Ban giám hiệu, and for kinds of content Gửi bài does not write. */
export function adminLink(uid: string, documentId: string | null | undefined): string {
  return `${cmsBase()}/admin/content-manager/collection-types/${uid}${documentId ? `/${documentId}` : ''}`;
}

/** The public site's address, without a trailing slash. */
export function siteUrl(): string {
  return (process.env.SITE_URL || 'http://127.0.0.1:4321').replace(/\/+$/, '');
}

/** The item's page on the public site, or null for kinds without one (or without a slug yet). */
export function publicLink(uid: string, slug: string | null | undefined): string | null {
  const path = publicPath(uid, slug);
  return path ? `${siteUrl()}${path}` : null;
}

/** The kinds of content staff write on the phone page "Gửi bài". */
export const COMPOSED_TYPES: readonly string[] = [uidOf('article'), uidOf('activity')];

/** "Bài của tôi" on the phone page Gửi bài, opened at this item. */
export function composeLink(documentId: string): string {
  return `${cmsBase()}/admin/gui-bai?muc=${encodeURIComponent(documentId)}`;
}
