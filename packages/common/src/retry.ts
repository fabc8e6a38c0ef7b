/**
 * Retries a background task in memory with growing delays. Timers are unref'd: a pending retry never
 * keeps the process alive, so a retry is lost when the process stops: what must survive a restart is kept
 * in the database instead (the delivery outbox of purges and e-mails, cms/src/cache/outbox.ts).
 */
export interface RetryOptions {
  /** Delay before each further attempt; the task runs at most `delaysMs.length + 1` times. */
  delaysMs: readonly number[];
  /** A failed attempt that will be retried after `delayMs`. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** The last attempt failed too: nothing more will be tried. */
  onGiveUp?: (error: unknown, attempts: number) => void;
  /** Injected by tests; defaults to an unref'd setTimeout. */
  schedule?: (run: () => void, delayMs: number) => void;
}

const unrefTimeout = (run: () => void, delayMs: number): void => {
  setTimeout(run, delayMs).unref();
};

/** Starts the task now and never throws: failures go to onRetry/onGiveUp. */
export function retry(task: () => Promise<unknown>, options: RetryOptions): void {
  const schedule = options.schedule ?? unrefTimeout;
  const attempt = async (index: number): Promise<void> => {
    try {
      await task();
    } catch (error) {
      const delay = options.delaysMs[index];
      if (delay === undefined) {
        options.onGiveUp?.(error, index + 1);
        return;
      }
      options.onRetry?.(error, index + 1, delay);
      schedule(() => void attempt(index + 1), delay);
    }
  };
  void attempt(0);
}

/** An error's message for a log line. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
