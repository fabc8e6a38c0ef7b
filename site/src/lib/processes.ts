/**
 * SITE_PROCESSES=N (default 1): the site as N Node processes sharing one port (node:cluster; the primary
 * accepts connections and hands them to the workers in turn). Each worker has its own page cache and
 * search index; the CMS's webhook reaches whichever worker the primary picks, and every worker reads the
 * change sequence (lib/site-changes.ts), so all of them are purged within SITE_CHANGES_POLL_MS. Several
 * machines, or instances on several ports, go behind nginx instead (docs/deployment.md): same mechanism.
 *
 * Plain Node (src/server.ts imports it before any build output).
 */
import cluster from 'node:cluster';

const MAX_PROCESSES = 64;
/** A worker that dies is replaced after this long, so a worker that cannot start does not spin. */
const RESPAWN_DELAY_MS = 1_000;

export function siteProcessCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SITE_PROCESSES?.trim();
  if (!raw) return 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_PROCESSES) {
    throw new Error(`SITE_PROCESSES không hợp lệ: "${raw}" (cần một số nguyên từ 1 đến ${MAX_PROCESSES}).`);
  }
  return count;
}

/** The primary process: starts `count` workers (this same script), replaces those that die, stops them all on a signal. */
export function runPrimary(count: number): void {
  let stopping = false;
  const alive = () => Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
  const stop = (): void => {
    stopping = true;
    if (alive().length === 0) process.exit(0);
    for (const worker of alive()) worker.process.kill('SIGTERM');
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (alive().length === 0) process.exit(0);
      return;
    }
    console.error('[site] process %d stopped (%s); starting another', worker.process.pid, signal ?? `code ${code}`);
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, RESPAWN_DELAY_MS);
  });
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, stop);
  for (let i = 0; i < count; i++) cluster.fork();
  console.log('[site] %d processes on one port (SITE_PROCESSES)', count);
}
