import type { Core } from '@strapi/strapi';
import { currentActor } from '../workflow/actor';
import { forbid } from '../workflow/rules';
import { DELIVERY_STATUS, DELIVERY_UID, type DeliveryKind, KEEP_FAILED_MS, kickOutbox } from './outbox';

/**
 * What the Tổ CNTT sees of the delivery outbox (cache/outbox.ts): the deliveries given up and those still
 * being retried, on the admin page "Hàng đợi gửi", and the outbox's health for the uptime monitor.
 */

/** A delivery waiting longer than this since it was queued is reported as long-waiting. */
export const LONG_WAIT_MS = 15 * 60_000;
const LIST_LIMIT = 200;

export interface DeliveryEntry {
  id: number;
  kind: DeliveryKind;
  status: string;
  what: string;
  target: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  doneAt: string | null;
}

interface Row {
  id: number;
  kind: DeliveryKind | null;
  status: string;
  what: string | null;
  target: string;
  attempts: number | null;
  lastError: string | null;
  createdAt: string | Date;
  nextAttemptAt: string | Date | null;
  doneAt: string | Date | null;
}

const rows = (strapi: Core.Strapi) => strapi.db.query(DELIVERY_UID);
const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());
const FIELDS = ['id', 'kind', 'status', 'what', 'target', 'attempts', 'lastError', 'createdAt', 'nextAttemptAt', 'doneAt'];

/** Tried and not yet through: what is being retried right now (never-tried delayed e-mails are not). */
const failingWhere = () => ({ status: { $in: [DELIVERY_STATUS.waiting, DELIVERY_STATUS.sending] }, attempts: { $gt: 0 } });
const failedWhere = (now: number) => ({ status: DELIVERY_STATUS.failed, doneAt: { $gte: new Date(now - KEEP_FAILED_MS) } });

/** Failed deliveries of the last 30 days, then those still being retried, newest first. */
export async function listDeliveries(strapi: Core.Strapi, now = Date.now()): Promise<{ failed: DeliveryEntry[]; retrying: DeliveryEntry[] }> {
  const read = async (where: Record<string, unknown>) =>
    ((await rows(strapi).findMany({ where, select: FIELDS, orderBy: { id: 'desc' }, limit: LIST_LIMIT })) as Row[]).map(
      (row): DeliveryEntry => ({
        id: row.id,
        kind: row.kind ?? 'purge',
        status: row.status,
        what: row.what ?? '',
        target: row.target,
        attempts: row.attempts ?? 0,
        lastError: row.lastError,
        createdAt: iso(row.createdAt)!,
        nextAttemptAt: iso(row.nextAttemptAt),
        doneAt: iso(row.doneAt),
      }),
    );
  const [failed, retrying] = await Promise.all([read(failedWhere(now)), read(failingWhere())]);
  return { failed, retrying };
}

/** The outbox's health for the monitor: counts only, no addresses and no content. */
export async function deliveryHealth(strapi: Core.Strapi, now = Date.now()) {
  const [failedAll, failedMails, retrying, oldest, latest] = await Promise.all([
    rows(strapi).count({ where: failedWhere(now) }),
    rows(strapi).count({ where: { ...failedWhere(now), kind: 'mail' } }),
    rows(strapi).count({ where: failingWhere() }),
    rows(strapi).findOne({
      where: {
        status: { $in: [DELIVERY_STATUS.waiting, DELIVERY_STATUS.sending] },
        $or: [{ attempts: { $gt: 0 } }, { nextAttemptAt: { $lte: new Date(now) } }],
      },
      select: ['createdAt'],
      orderBy: { createdAt: 'asc' },
    }) as Promise<{ createdAt: string | Date } | null>,
    rows(strapi).findOne({ where: failedWhere(now), select: ['doneAt'], orderBy: { doneAt: 'desc' } }) as Promise<{ doneAt: string | Date } | null>,
  ]);
  const oldestWaitingSeconds = oldest ? Math.max(0, Math.round((now - new Date(oldest.createdAt).getTime()) / 1000)) : null;
  return {
    // Rows queued before e-mails joined the outbox have no kind: they are purges.
    failedLast30Days: { purge: failedAll - failedMails, mail: failedMails, total: failedAll },
    lastFailedAt: latest ? iso(latest.doneAt) : null,
    retrying,
    oldestWaitingSeconds,
    longWaitSeconds: LONG_WAIT_MS / 1000,
  };
}

interface Ctx {
  params: { id?: string };
  set(name: string, value: string): void;
  status: number;
  body: unknown;
}

/** The Tổ CNTT (and Super Admin) only: the list names e-mail recipients. */
function itOrFail(strapi: Core.Strapi) {
  const actor = currentActor(strapi);
  if (actor?.kind !== 'admin' || !(actor.isIt || actor.isSuperAdmin)) throw forbid('Chỉ Tổ CNTT xem và xử lý được hàng đợi gửi.');
  return actor;
}

/** Moves one failed delivery on (back to waiting, or set aside); 404 in Vietnamese when there is none. */
async function act(strapi: Core.Strapi, ctx: Ctx, data: Record<string, unknown>, done: string, log: (what: string) => string): Promise<boolean> {
  const actor = itOrFail(strapi);
  const id = Number(ctx.params.id);
  const row = Number.isInteger(id)
    ? ((await rows(strapi).findOne({ where: { id, status: DELIVERY_STATUS.failed }, select: ['what', 'target'] })) as Row | null)
    : null;
  const { count } = row ? ((await rows(strapi).updateMany({ where: { id, status: DELIVERY_STATUS.failed }, data })) as { count: number }) : { count: 0 };
  if (!row || count !== 1) {
    ctx.status = 404;
    ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Không có lần gửi thất bại này (có thể đã được xử lý).', details: {} } };
    return false;
  }
  strapi.log.info(`[hàng đợi] ${actor.name} ${log(`"${row.what ?? ''}" tới ${row.target}`)}.`);
  ctx.body = { data: { id, message: done } };
  return true;
}

/** Admin API for the page "Hàng đợi gửi": GET /portal/deliveries, POST /portal/deliveries/:id/retry and /dismiss. */
export function registerDeliveryRoutes(strapi: Core.Strapi): void {
  const route = (method: string, path: string, handler: (ctx: Ctx) => Promise<void>) => ({
    method,
    path,
    config: { policies: ['admin::isAuthenticatedAdmin'] },
    handler,
  });
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      route('GET', '/portal/deliveries', async (ctx) => {
        itOrFail(strapi);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { data: await listDeliveries(strapi), meta: { longWaitSeconds: LONG_WAIT_MS / 1000 } };
      }),
      route('POST', '/portal/deliveries/:id/retry', async (ctx) => {
        const queued = await act(
          strapi,
          ctx,
          { status: DELIVERY_STATUS.waiting, attempts: 0, nextAttemptAt: new Date(), doneAt: null },
          'Đã đưa lại vào hàng đợi; hệ thống gửi ngay và thử lại nếu chưa được.',
          (what) => `cho gửi lại ${what}`,
        );
        if (queued) kickOutbox(strapi);
      }),
      route('POST', '/portal/deliveries/:id/dismiss', async (ctx) => {
        await act(strapi, ctx, { status: DELIVERY_STATUS.dismissed }, 'Đã bỏ qua lần gửi này; nó không còn được báo là thất bại.', (what) => `bỏ qua ${what}`);
      }),
    ],
  } as never);
}
