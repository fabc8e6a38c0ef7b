import { reasonOf } from '@portal/common/retry';
import type { Core } from '@strapi/strapi';

/**
 * Database work the CMS does after answering (purges that look up a document's files, the e-mail that
 * checks whether a later one supersedes it, the scheduler's tick), and Strapi's own (the event hub reads
 * each changed entry back for its listeners, without waiting). Shutting down must wait for it: on
 * PostgreSQL, a query still waiting for a pooled connection when the pool closes fails the whole process
 * with "aborted" — the seeder of `npm start` died that way on an empty database.
 */
const running = new Set<Promise<unknown>>();

/** Tracks `work` until it settles; its failure is the caller's to handle, as before. */
export function inBackground<T>(work: Promise<T>): Promise<T> {
  const tracked = work.finally(() => running.delete(tracked));
  running.add(tracked);
  // The caller may ignore the result; a rejection it does not handle must not crash the process here.
  tracked.catch(() => {});
  return tracked;
}

/**
 * Runs `work` now and then every `intervalMs`, in the background (so shutdown waits for a run in progress),
 * never two runs at once: a tick that finds the previous run still going is skipped. A failure is logged
 * under `label` and the next tick runs as planned. Returns the timer, for clearInterval.
 */
export function repeatInBackground(strapi: Core.Strapi, label: string, intervalMs: number, work: () => Promise<unknown>): NodeJS.Timeout {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await work();
    } catch (error) {
      strapi.log.error(`[${label}] ${reasonOf(error)}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void inBackground(tick()), intervalMs);
  timer.unref();
  void inBackground(tick());
  return timer;
}

interface Pool {
  numUsed(): number;
  numPendingAcquires(): number;
}
const IDLE_CHECK_MS = 25;

/**
 * Resolves once the tracked work has settled and the connection pool has been idle for two checks in a row
 * (work that ends often starts a last query on its way out), or after `limitMs`.
 */
export async function settleBackground(strapi: Core.Strapi, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
  const pool = (strapi.db?.connection?.client as { pool?: Pool } | undefined)?.pool;
  const busy = () => running.size > 0 || (pool ? pool.numUsed() + pool.numPendingAcquires() > 0 : false);
  let idleChecks = 0;
  while (idleChecks < 2 && Date.now() < deadline) {
    if (running.size > 0) await Promise.race([Promise.allSettled([...running]), pause(Math.max(0, deadline - Date.now()))]);
    idleChecks = busy() ? 0 : idleChecks + 1;
    await pause(IDLE_CHECK_MS);
  }
}
