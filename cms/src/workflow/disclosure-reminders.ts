import { type ReminderKind, reminderDue } from '@portal/common/disclosure-deadlines';
import { uidOf } from '@portal/common/sections';
import { vietnamDate } from '@portal/common/vietnam-time';
import type { Core } from '@strapi/strapi';
import { ROLE_CODES, SUPER_ADMIN_CODE } from '../access/roles';
import { insertMail, kickOutbox } from '../cache/outbox';
import { repeatInBackground } from '../db/background';
import { emailsOfRole, mailMessage } from '../notify/notifier';
import { disclosureDuties } from './disclosure-duties';
import { type DueReminder, reminderMail } from './reminder-mail';
import { forbid } from './rules';

/**
 * Reminders of the disclosure duties (Thông tư 09/2024) to the Ban giám hiệu: a few days before the due day
 * and on the day itself, once each, for every duty still unpublished (annual sections, monthly plans, weekly
 * menus, changes). Each reminder sent is a row of `disclosure-reminder`, unique by "<duty key>|<kind>", written
 * in the same transaction as the outbox row of its e-mail: a crash keeps both or neither, and a second
 * process that reaches the same reminder fails on the unique key and sends nothing.
 */
export const REMINDER_UID = uidOf('disclosure-reminder');
const DEFAULT_INTERVAL_MS = 5 * 60_000;

export const reminderKey = (dutyKey: string, kind: ReminderKind): string => `${dutyKey}|${kind}`;

export interface SentReminder {
  key: string;
  kind: ReminderKind;
  dueOn: string;
  title: string;
}

const rows = (strapi: Core.Strapi) => strapi.db.query(REMINDER_UID);

/** The reminders among `keys` already recorded. */
async function recorded(strapi: Core.Strapi, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const found = (await rows(strapi).findMany({ where: { reminderKey: { $in: keys } }, select: ['reminderKey'] })) as { reminderKey: string }[];
  return new Set(found.map((row) => row.reminderKey));
}

/**
 * Sends, in one e-mail to the Ban giám hiệu, every reminder due at `now` and not sent before; returns what it
 * sent. Another process sending the same reminders at the same moment makes this one's transaction fail on
 * the unique key: it is rolled back whole, and what it held is found sent by the next run.
 */
export async function sendDisclosureReminders(strapi: Core.Strapi, now: Date = new Date()): Promise<SentReminder[]> {
  const due: DueReminder[] = [];
  for (const duty of await disclosureDuties(strapi, now)) {
    const kind = reminderDue(duty.dueOn, duty.publishedAt !== null, now);
    if (kind) due.push({ duty, kind });
  }
  const sent = await recorded(
    strapi,
    due.map((r) => reminderKey(r.duty.key, r.kind)),
  );
  const fresh = due.filter((r) => !sent.has(reminderKey(r.duty.key, r.kind)));
  if (fresh.length === 0) return [];
  const today = vietnamDate(now);
  const message = mailMessage(reminderMail(fresh, await emailsOfRole(strapi, ROLE_CODES.leadership), today));
  if (!message) {
    // Not recorded: the reminders go out once the Ban giám hiệu has an active account.
    strapi.log.warn(`[nhắc công khai] Không có tài khoản Ban giám hiệu nào để nhắc ${fresh.length} việc cần công khai.`);
    return [];
  }
  const keys = fresh.map((r) => reminderKey(r.duty.key, r.kind));
  try {
    await strapi.db.transaction(async () => {
      for (const { duty, kind } of fresh) {
        await rows(strapi).create({
          data: {
            reminderKey: reminderKey(duty.key, kind),
            dutyKey: duty.key.slice(0, 240),
            kind,
            dueOn: duty.dueOn,
            title: duty.title.slice(0, 255),
            sentAt: new Date(),
          },
        });
      }
      await insertMail(strapi, message);
    });
  } catch (error) {
    // The unique key: another process recorded (and queued) them first.
    if ((await recorded(strapi, keys)).size > 0) return [];
    throw error;
  }
  kickOutbox(strapi);
  return fresh.map(({ duty, kind }) => ({ key: reminderKey(duty.key, kind), kind, dueOn: duty.dueOn, title: duty.title }));
}

/** DISCLOSURE_REMINDER_INTERVAL_MS: default 5 minutes; 0 switches the reminders off; at least 1 s otherwise. */
export function reminderInterval(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DISCLOSURE_REMINDER_INTERVAL_MS?.trim();
  if (!raw) return DEFAULT_INTERVAL_MS;
  if (!/^\d+$/.test(raw)) return DEFAULT_INTERVAL_MS;
  const value = Number(raw);
  return value === 0 ? 0 : Math.max(1_000, value);
}

let timer: NodeJS.Timeout | null = null;

/** Runs the reminders right after start-up, then every DISCLOSURE_REMINDER_INTERVAL_MS (none when it is 0). */
export function startDisclosureReminders(strapi: Core.Strapi): void {
  const raw = process.env.DISCLOSURE_REMINDER_INTERVAL_MS;
  if (raw?.trim() && !/^\d+$/.test(raw.trim())) strapi.log.warn(`[nhắc công khai] DISCLOSURE_REMINDER_INTERVAL_MS không hợp lệ ("${raw}"); dùng 5 phút.`);
  const interval = reminderInterval();
  if (interval === 0) return;
  timer = repeatInBackground(strapi, 'nhắc công khai', interval, async () => {
    const sent = await sendDisclosureReminders(strapi);
    if (sent.length > 0) strapi.log.info(`[nhắc công khai] Đã gửi Ban giám hiệu thư nhắc ${sent.length} việc cần công khai.`);
  });
}

export function stopDisclosureReminders(): void {
  if (timer) clearInterval(timer);
  timer = null;
}

const WRITES = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

/**
 * The record of sent reminders is written by this module only, through the query engine: the document
 * service (content manager, content API) refuses every write to it, so no account can forge a reminder
 * as sent or erase one to have it sent again. For the test suites only (registered when
 * PORTAL_TEST_ROUTES=1, which only tests/helpers/test-stack.ts sets): POST /portal/test/disclosure-reminders
 * {"now": ISO instant} runs the reminders as at that instant, so the tests choose the day instead of
 * depending on the day they run. Super Admin only.
 */
export function registerDisclosureReminders(strapi: Core.Strapi): void {
  type Middleware = Parameters<typeof strapi.documents.use>[0];
  const guard = async (context: { uid: string; action: string }, next: () => Promise<unknown>) => {
    if (context.uid === REMINDER_UID && WRITES.includes(context.action))
      throw forbid('Thư nhắc công khai chỉ được hệ thống ghi lại; không ai có thể thêm tay, sửa hay xóa.');
    return next();
  };
  strapi.documents.use(guard as unknown as Middleware);
  if (process.env.PORTAL_TEST_ROUTES !== '1') return;
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'POST',
        path: '/portal/test/disclosure-reminders',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
        handler: async (ctx: {
          state: { user?: { roles?: { code: string }[] } };
          request: { body?: { now?: unknown } };
          body: unknown;
          badRequest(message: string): void;
        }) => {
          if (!(ctx.state.user?.roles ?? []).some((role) => role.code === SUPER_ADMIN_CODE)) throw forbid('Chỉ Quản trị hệ thống (Super Admin) chạy được.');
          const now = typeof ctx.request.body?.now === 'string' ? new Date(ctx.request.body.now) : null;
          if (!now || Number.isNaN(now.getTime())) return ctx.badRequest('Cần "now": một thời điểm ISO 8601.');
          ctx.body = { data: await sendDisclosureReminders(strapi, now) };
        },
      },
    ],
  } as never);
}
