/** The signals on which a long-running command stops everything it started: Ctrl-C, systemd/Docker/`timeout`, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Calls `stop` once, on any of STOP_SIGNALS or when the process that started us goes away. The latter
 * matters because npm runs scripts through `sh -c`, and a shell that is killed does not pass the signal
 * on: without the check, a killed `npm start` would leave us (and our servers) running as orphans.
 */
export function onStop(stop: (reason: NodeJS.Signals | 'orphaned') => void, parentCheckMs = 500): void {
  let called = false;
  const once = (reason: NodeJS.Signals | 'orphaned') => {
    if (called) return;
    called = true;
    clearInterval(watch);
    stop(reason);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => once(signal));
  const parent = process.ppid;
  // Unref'd: the check alone never keeps the process alive.
  const watch = setInterval(() => {
    if (process.ppid !== parent) once('orphaned');
  }, parentCheckMs);
  watch.unref();
}
