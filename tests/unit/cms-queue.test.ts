import { describe, expect, it } from 'vitest';
import { Gate, QueueFull, QueueWaitedTooLong } from '../../site/src/lib/cms/queue.ts';

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('the CMS queue', () => {
  it('runs at most `limit` calls at once and starts the next as one finishes', async () => {
    const gate = new Gate(2, 10, 10_000);
    const gates = [deferred(), deferred(), deferred()];
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const runs = gates.map((d, i) =>
      gate.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await d.promise;
        running--;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.waiting).toBe(1);
    gates[0]?.resolve();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve();
    gates[2]?.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(most).toBe(2);
    expect(gate.running).toBe(0);
  });

  it('refuses a call when the queue is full, and one that waited too long, without running them', async () => {
    const gate = new Gate(1, 1, 50);
    const block = deferred();
    const first = gate.run(() => block.promise);
    let ran = false;
    const waiting = gate.run(async () => {
      ran = true;
    });
    await expect(gate.run(async () => {})).rejects.toBeInstanceOf(QueueFull);
    await expect(waiting).rejects.toBeInstanceOf(QueueWaitedTooLong);
    expect(ran).toBe(false);
    block.resolve();
    await first;
    expect(gate.running).toBe(0);
    expect(gate.waiting).toBe(0);
  });

  it('frees its slot when a call fails', async () => {
    const gate = new Gate(1, 5, 1_000);
    await expect(gate.run(() => Promise.reject(new Error('CMS lỗi')))).rejects.toThrow('CMS lỗi');
    expect(await gate.run(async () => 'tiếp')).toBe('tiếp');
  });
});
