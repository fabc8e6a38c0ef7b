import { reasonOf } from '@portal/common/retry';
import { uidOf } from '@portal/common/sections';
import { signedHeaders } from '@portal/common/signed-request';
import type { Core } from '@strapi/strapi';
import { inBackground } from '../db/background';

/**
 * Purge requests to the site go through rows of the `delivery` type: written when a change is made,
 * marked done once the site answered, retried with growing delays while it does not, and given up (marked
 * failed and logged) only after the last delay. A CMS that stops or is killed before a delivery went
 * through sends it after its next start, so no site process keeps a page older than the last publish
 * because a purge was lost in memory.
 */
export const DELIVERY_UID = uidOf('delivery');
export const DELIVERY_STATUS = { waiting: 'waiting', sending: 'sending', done: 'done', failed: 'failed' } as const;

/** Delay before each further attempt; after the last one the delivery is given up. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000, 3_600_000];
const SEND_TIMEOUT_MS = 5_000;
const DEFAULT_INTERVAL_MS = 5_000;
const BATCH = 50;
/** Done rows are kept this long (the Tổ CNTT can see recent deliveries), failed ones for a month. */
const KEEP_DONE_MS = 24 * 3_600_000;
const KEEP_FAILED_MS = 30 * 24 * 3_600_000;

interface DeliveryRow {
  id: number;
  target: string;
  what: string | null;
  payload: unknown;
  attempts: number | null;
}

const rows = (strapi: Core.Strapi) => strapi.db.query(DELIVERY_UID);

/** When the attempt after `attempts` failed ones is due, or null when there is none left. */
export function nextAttemptAfter(attempts: number, now: number): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(now + delay);
}

let running: Promise<void> | null = null;
let again = false;
let timer: NodeJS.Timeout | null = null;

/** Runs the due deliveries now (or once more right after the run in progress). */
export function kickOutbox(strapi: Core.Strapi): void {
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
          strapi.log.error(`[cache] Hàng đợi báo trang công khai lỗi: ${reasonOf(error)}`);
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
      data: { target, what: what.slice(0, 300), payload: JSON.parse(body), status: DELIVERY_STATUS.waiting, attempts: 0, nextAttemptAt: new Date() },
    });
  }
  kickOutbox(strapi);
}

async function send(row: DeliveryRow): Promise<void> {
  const secret = process.env.WEBHOOK_SECRET ?? '';
  const body = JSON.stringify(row.payload);
  // Signed at each attempt: the site refuses old timestamps.
  const response = await fetch(row.target, { method: 'POST', headers: signedHeaders(secret, body), body, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
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
    const attempts = (row.attempts ?? 0) + 1;
    try {
      await send(row);
      await rows(strapi).update({ where: { id: row.id }, data: { status: DELIVERY_STATUS.done, attempts, doneAt: new Date(), lastError: null } });
    } catch (error) {
      const reason = reasonOf(error).slice(0, 2000);
      const next = nextAttemptAfter(attempts, Date.now());
      if (next) {
        strapi.log.warn(`[cache] Chưa báo được ${row.target} (${row.what ?? ''}): ${reason}; thử lại lúc ${next.toISOString()}.`);
        await rows(strapi).update({ where: { id: row.id }, data: { status: DELIVERY_STATUS.waiting, attempts, nextAttemptAt: next, lastError: reason } });
      } else {
        strapi.log.error(`[cache] Bỏ báo ${row.target} xóa bộ nhớ đệm (${row.what ?? ''}) sau ${attempts} lần thử: ${reason}`);
        await rows(strapi).update({ where: { id: row.id }, data: { status: DELIVERY_STATUS.failed, attempts, doneAt: new Date(), lastError: reason } });
      }
    }
  }
  await rows(strapi).deleteMany({
    where: {
      $or: [
        { status: DELIVERY_STATUS.done, doneAt: { $lt: new Date(now.getTime() - KEEP_DONE_MS) } },
        { status: DELIVERY_STATUS.failed, doneAt: { $lt: new Date(now.getTime() - KEEP_FAILED_MS) } },
      ],
    },
  });
}

/**
 * At start, everything still pending is tried at once: a delivery a stopped process had claimed may or
 * may not have reached the site, and a second purge of the same tags is harmless. Then the timer
 * (OUTBOX_INTERVAL_MS, default 5 s).
 */
export async function startOutbox(strapi: Core.Strapi): Promise<void> {
  await rows(strapi).updateMany({
    where: { status: { $in: [DELIVERY_STATUS.sending, DELIVERY_STATUS.waiting] } },
    data: { status: DELIVERY_STATUS.waiting, nextAttemptAt: new Date() },
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
