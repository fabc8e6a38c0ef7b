import { reasonOf } from '@portal/common/retry';
import { uidOf } from '@portal/common/sections';
import { signedHeaders } from '@portal/common/signed-request';
import type { Core } from '@strapi/strapi';
import { inBackground } from '../db/background';

/**
 * Purge requests to the site and e-mails go through rows of the `delivery` type: written when a change is
 * made (after its transaction commits), marked done once the site or the mail server took them, retried
 * with growing delays while they do not, and given up (marked failed, logged, listed for the Tổ CNTT on
 * "Hàng đợi gửi" and reported to the uptime monitor) only after the last delay. A CMS that stops or is
 * killed before a delivery went through sends it after its next start.
 */
export const DELIVERY_UID = uidOf('delivery');
export const DELIVERY_STATUS = {
  waiting: 'waiting',
  sending: 'sending',
  done: 'done',
  failed: 'failed',
  /** A delayed e-mail a later one made unnecessary ("Duyệt và đăng": one e-mail, not two). */
  skipped: 'skipped',
  /** A failed delivery the Tổ CNTT has looked at and chosen not to send again. */
  dismissed: 'dismissed',
} as const;
export const DELIVERY_KINDS = ['purge', 'mail'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/**
 * The retry schedule of each kind: the delay before each further attempt; after the last one the delivery
 * is given up. A purge matters for minutes (the site's cache also expires by itself), so an hour of trying
 * is enough. A mail server can refuse for hours (a provider's sending limit, maintenance), and a message
 * about a review step is still worth having half a day late, so e-mails are tried for about ten hours.
 * OUTBOX_PURGE_RETRY_DELAYS_MS / OUTBOX_MAIL_RETRY_DELAYS_MS (comma-separated ms) replace them.
 */
export const RETRY_DELAYS_MS: Record<DeliveryKind, readonly number[]> = {
  purge: [1_000, 5_000, 30_000, 120_000, 600_000, 3_600_000],
  mail: [15_000, 60_000, 300_000, 1_800_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000],
};
const DELAY_VARIABLES: Record<DeliveryKind, string> = { purge: 'OUTBOX_PURGE_RETRY_DELAYS_MS', mail: 'OUTBOX_MAIL_RETRY_DELAYS_MS' };

/** The schedule of a kind, as configured; an invalid setting keeps the default (startOutbox warns). */
export function retryDelays(kind: DeliveryKind, env: Record<string, string | undefined> = process.env): readonly number[] {
  return parseDelays(env[DELAY_VARIABLES[kind]]) ?? RETRY_DELAYS_MS[kind];
}

/** "1000, 5000" → [1000, 5000]; null when unset or not a list of whole milliseconds from 0 to 7 days. */
export function parseDelays(raw: string | undefined): number[] | null {
  if (!raw?.trim()) return null;
  const parts = raw.split(',').map((part) => part.trim());
  if (!parts.every((part) => /^\d+$/.test(part))) return null;
  const values = parts.map(Number);
  return values.every((value) => value <= 7 * 24 * 3_600_000) ? values : null;
}

const SEND_TIMEOUT_MS = 5_000;
const DEFAULT_INTERVAL_MS = 5_000;
const BATCH = 50;
/** Done rows are kept this long (the Tổ CNTT can see recent deliveries), failed ones for a month. */
const KEEP_DONE_MS = 24 * 3_600_000;
export const KEEP_FAILED_MS = 30 * 24 * 3_600_000;
/** Database string columns hold 255 characters; `target` and `what` are for reading, the payload is sent. */
const SHORT = 255;

/** An e-mail as the email plugin sends it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Skip a delayed e-mail when the document was published at or after `at` (ms): the later e-mail says it all. */
export interface MailCondition {
  publishedSince: { uid: string; documentId: string; at: number };
}

interface DeliveryRow {
  id: number;
  kind: DeliveryKind | null;
  target: string;
  what: string | null;
  payload: unknown;
  condition: MailCondition | null;
  attempts: number | null;
}

const rows = (strapi: Core.Strapi) => strapi.db.query(DELIVERY_UID);

/** When the attempt after `attempts` failed ones is due under `delays`, or null when there is none left. */
export function nextAttemptAfter(delays: readonly number[], attempts: number, now: number): Date | null {
  const delay = delays[attempts - 1];
  return delay === undefined ? null : new Date(now + delay);
}

let running: Promise<void> | null = null;
let again = false;
let timer: NodeJS.Timeout | null = null;

/** Runs the due deliveries now (or once more right after the run in progress). */
export function kickOutbox(strapi: Core.Strapi): void {
  // The seeder writes content before any site process runs: what it queues is sent by the CMS's next start.
  if (process.env.OUTBOX_HOLD === '1') return;
  if (running) {
    again = true;
    return;
  }
  running = inBackground(
    (async () => {
      do {
        again = false;
        try {
          await runDueDeliveries(strapi);
        } catch (error) {
          strapi.log.error(`[hàng đợi] Hàng đợi gửi lỗi: ${reasonOf(error)}`);
        }
      } while (again);
    })(),
  ).finally(() => {
    running = null;
  });
}

/** Queues one signed purge request per target and starts sending. */
export async function enqueuePurges(strapi: Core.Strapi, targets: string[], body: string, what: string): Promise<void> {
  for (const target of targets) {
    await rows(strapi).create({
      data: {
        kind: 'purge',
        target: target.slice(0, 500),
        what: what.slice(0, SHORT),
        payload: JSON.parse(body),
        status: DELIVERY_STATUS.waiting,
        attempts: 0,
        nextAttemptAt: new Date(),
      },
    });
  }
  kickOutbox(strapi);
}

/**
 * Writes the row of one e-mail without starting to send it. Inside `strapi.db.transaction(…)` the row is
 * part of that transaction (Strapi's query engine joins the open one), so it is kept or rolled back with
 * what the caller writes beside it; the caller kicks the outbox once it has committed.
 */
export async function insertMail(strapi: Core.Strapi, message: MailMessage, options: { delayMs?: number; condition?: MailCondition } = {}): Promise<void> {
  await rows(strapi).create({
    data: {
      kind: 'mail',
      target: message.to.slice(0, SHORT),
      what: message.subject.slice(0, SHORT),
      payload: message,
      condition: options.condition ?? null,
      status: DELIVERY_STATUS.waiting,
      attempts: 0,
      nextAttemptAt: new Date(Date.now() + (options.delayMs ?? 0)),
    },
  });
}

/**
 * Queues one e-mail, sent at once or after `delayMs`; with a condition, it is checked when the message is
 * due and the message is skipped when it holds.
 */
export async function enqueueMail(strapi: Core.Strapi, message: MailMessage, options: { delayMs?: number; condition?: MailCondition } = {}): Promise<void> {
  const delayMs = options.delayMs ?? 0;
  await insertMail(strapi, message, options);
  if (delayMs > 0) {
    // On time while this process runs; the timer of startOutbox finds it after a restart.
    setTimeout(() => kickOutbox(strapi), delayMs).unref();
  } else {
    kickOutbox(strapi);
  }
}

async function sendPurge(row: DeliveryRow): Promise<void> {
  const secret = process.env.WEBHOOK_SECRET ?? '';
  const body = JSON.stringify(row.payload);
  // Signed at each attempt: the site refuses old timestamps.
  const response = await fetch(row.target, { method: 'POST', headers: signedHeaders(secret, body), body, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/** Whether a condition says the e-mail is no longer needed; a condition that cannot be checked sends it. */
async function mailSkipped(strapi: Core.Strapi, row: DeliveryRow): Promise<boolean> {
  const since = row.condition?.publishedSince;
  if (!since) return false;
  try {
    if (!strapi.contentType(since.uid as never)) return false;
    const online = (await strapi.db.query(since.uid as never).findOne({
      where: { documentId: since.documentId, publishedAt: { $notNull: true } },
      select: ['publishedAt'],
    })) as { publishedAt: string | number | Date } | null;
    // A second of slack: the database may keep whole seconds.
    return !!online && new Date(online.publishedAt).getTime() >= since.at - 1_000;
  } catch (error) {
    strapi.log.warn(`[thư] Không kiểm tra được thư "${row.what ?? ''}" còn cần gửi không (${reasonOf(error)}); vẫn gửi.`);
    return false;
  }
}

/**
 * A sent (or skipped) e-mail keeps only its recipients and subject: its text may hold a password-reset
 * link, and nobody needs it in the database once it went out. A failed one keeps it, to be sent again.
 */
function withoutBody(row: DeliveryRow): Pick<MailMessage, 'to' | 'subject'> {
  const { to, subject } = row.payload as MailMessage;
  return { to, subject };
}

async function sendMail(strapi: Core.Strapi, row: DeliveryRow): Promise<void> {
  const { to, subject, text, html } = row.payload as MailMessage;
  await strapi.plugin('email').service('email').send({ to, subject, text, html });
}

/** Log lines of a delivery still waiting and of one given up. */
function logLines(kind: DeliveryKind, row: DeliveryRow): { waiting: string; givenUp: string } {
  const what = row.what ?? '';
  return kind === 'mail'
    ? { waiting: `[thư] Chưa gửi được thư "${what}" tới ${row.target}`, givenUp: `[thư] Bỏ thư "${what}" tới ${row.target}` }
    : { waiting: `[cache] Chưa báo được ${row.target} (${what})`, givenUp: `[cache] Bỏ báo ${row.target} xóa bộ nhớ đệm (${what})` };
}

/** Sends every due delivery once; each is claimed first, so two processes never send the same row twice. */
export async function runDueDeliveries(strapi: Core.Strapi): Promise<void> {
  const now = new Date();
  const due = (await rows(strapi).findMany({
    where: { status: DELIVERY_STATUS.waiting, $or: [{ nextAttemptAt: { $lte: now } }, { nextAttemptAt: { $null: true } }] },
    orderBy: { id: 'asc' },
    limit: BATCH,
  })) as DeliveryRow[];
  for (const row of due) {
    const { count } = (await rows(strapi).updateMany({
      where: { id: row.id, status: DELIVERY_STATUS.waiting },
      data: { status: DELIVERY_STATUS.sending, claimedAt: new Date() },
    })) as { count: number };
    if (count !== 1) continue;
    const kind: DeliveryKind = row.kind === 'mail' ? 'mail' : 'purge';
    const attempts = (row.attempts ?? 0) + 1;
    try {
      if (kind === 'mail' && (await mailSkipped(strapi, row))) {
        await rows(strapi).update({ where: { id: row.id }, data: { status: DELIVERY_STATUS.skipped, doneAt: new Date(), payload: withoutBody(row) } });
        continue;
      }
      if (kind === 'mail') await sendMail(strapi, row);
      else await sendPurge(row);
      await rows(strapi).update({
        where: { id: row.id },
        data: { status: DELIVERY_STATUS.done, attempts, doneAt: new Date(), lastError: null, ...(kind === 'mail' ? { payload: withoutBody(row) } : {}) },
      });
    } catch (error) {
      const reason = reasonOf(error).slice(0, 2000);
      const next = nextAttemptAfter(retryDelays(kind), attempts, Date.now());
      if (next) {
        strapi.log.warn(`${logLines(kind, row).waiting}: ${reason}; thử lại lúc ${next.toISOString()}.`);
        await rows(strapi).update({ where: { id: row.id }, data: { status: DELIVERY_STATUS.waiting, attempts, nextAttemptAt: next, lastError: reason } });
      } else {
        strapi.log.error(`${logLines(kind, row).givenUp} sau ${attempts} lần thử: ${reason}`);
        await rows(strapi).update({ where: { id: row.id }, data: { status: DELIVERY_STATUS.failed, attempts, doneAt: new Date(), lastError: reason } });
      }
    }
  }
  await rows(strapi).deleteMany({
    where: {
      $or: [
        { status: { $in: [DELIVERY_STATUS.done, DELIVERY_STATUS.skipped] }, doneAt: { $lt: new Date(now.getTime() - KEEP_DONE_MS) } },
        { status: { $in: [DELIVERY_STATUS.failed, DELIVERY_STATUS.dismissed] }, doneAt: { $lt: new Date(now.getTime() - KEEP_FAILED_MS) } },
      ],
    },
  });
}

/**
 * At start, everything that was tried and is still pending is tried at once: a delivery a stopped process
 * had claimed may or may not have gone out, and a second purge of the same tags is harmless (an e-mail may
 * then arrive twice, which is better than not at all). A delayed e-mail not yet due keeps its time. Then
 * the timer (OUTBOX_INTERVAL_MS, default 5 s).
 */
export async function startOutbox(strapi: Core.Strapi): Promise<void> {
  for (const kind of DELIVERY_KINDS) {
    const raw = process.env[DELAY_VARIABLES[kind]];
    if (raw?.trim() && !parseDelays(raw)) strapi.log.warn(`[hàng đợi] ${DELAY_VARIABLES[kind]} không hợp lệ ("${raw}"); dùng lịch thử lại mặc định.`);
  }
  const now = new Date();
  await rows(strapi).updateMany({
    where: {
      $or: [
        { status: DELIVERY_STATUS.sending },
        { status: DELIVERY_STATUS.waiting, $or: [{ attempts: { $gt: 0 } }, { nextAttemptAt: { $lte: now } }, { nextAttemptAt: { $null: true } }] },
      ],
    },
    data: { status: DELIVERY_STATUS.waiting, nextAttemptAt: now },
  });
  const interval = Math.max(200, Number(process.env.OUTBOX_INTERVAL_MS) || DEFAULT_INTERVAL_MS);
  timer = setInterval(() => kickOutbox(strapi), interval);
  timer.unref();
  kickOutbox(strapi);
}

export function stopOutbox(): void {
  if (timer) clearInterval(timer);
  timer = null;
}
