import { retry } from '@portal/common/retry';
import { describe, expect, it, vi } from 'vitest';

/** Runs scheduled retries by hand, so the test controls time without sleeping. */
function manualClock() {
  const pending: { run: () => void; delayMs: number }[] = [];
  return {
    pending,
    schedule: (run: () => void, delayMs: number) => void pending.push({ run, delayMs }),
    /** Fires the next retry and lets its attempt settle. */
    async next() {
      const due = pending.shift();
      if (!due) throw new Error('no retry scheduled');
      due.run();
      await new Promise((resolve) => setImmediate(resolve));
      return due.delayMs;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('retry', () => {
  it('runs once when the task succeeds', async () => {
    const clock = manualClock();
    let calls = 0;
    retry(
      async () => {
        calls += 1;
      },
      { delaysMs: [10, 20], schedule: clock.schedule },
    );
    await settle();
    expect(calls).toBe(1);
    expect(clock.pending).toHaveLength(0);
  });

  it('waits each delay in turn, reports every retry, and gives up after the last one', async () => {
    const clock = manualClock();
    const retries: [string, number, number][] = [];
    const gaveUp: [string, number][] = [];
    let calls = 0;
    retry(
      async () => {
        calls += 1;
        throw new Error(`failure ${calls}`);
      },
      {
        delaysMs: [1_000, 5_000],
        schedule: clock.schedule,
        onRetry: (error, attempt, delay) => retries.push([(error as Error).message, attempt, delay]),
        onGiveUp: (error, attempts) => gaveUp.push([(error as Error).message, attempts]),
      },
    );
    await settle();
    expect(calls).toBe(1);
    expect(await clock.next()).toBe(1_000);
    expect(calls).toBe(2);
    expect(await clock.next()).toBe(5_000);
    expect(calls).toBe(3);
    expect(clock.pending).toHaveLength(0);
    expect(retries).toEqual([
      ['failure 1', 1, 1_000],
      ['failure 2', 2, 5_000],
    ]);
    expect(gaveUp).toEqual([['failure 3', 3]]);
  });

  it('stops retrying once an attempt succeeds', async () => {
    const clock = manualClock();
    let calls = 0;
    const gaveUp: unknown[] = [];
    retry(
      async () => {
        calls += 1;
        if (calls < 2) throw new Error('not yet');
      },
      { delaysMs: [1, 1, 1], schedule: clock.schedule, onGiveUp: (error) => gaveUp.push(error) },
    );
    await settle();
    await clock.next();
    expect(calls).toBe(2);
    expect(clock.pending).toHaveLength(0);
    expect(gaveUp).toEqual([]);
  });

  it('waits on an unref’d timer by default, so a pending retry never keeps the process alive', async () => {
    vi.useFakeTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    try {
      let calls = 0;
      retry(
        async () => {
          calls += 1;
          throw new Error('down');
        },
        { delaysMs: [2_000] },
      );
      await vi.advanceTimersByTimeAsync(1_999);
      expect(calls).toBe(1);
      const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toBe(2);
    } finally {
      setTimeoutSpy.mockRestore();
      vi.useRealTimers();
    }
  });
});
