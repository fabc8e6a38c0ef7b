import type { ChildProcess } from 'node:child_process';

/** Short-lived helpers still running (wrk, the backup command): stopped with everything else on Ctrl-C or a failure. */
const running = new Set<ChildProcess>();

export function track<T extends ChildProcess>(child: T): T {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export function stopTracked(): void {
  for (const child of running) child.kill('SIGTERM');
  running.clear();
}
