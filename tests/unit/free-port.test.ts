import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/stack.ts';

const saved = process.env.PORTAL_TEST_PORTS;
afterEach(() => {
  if (saved === undefined) delete process.env.PORTAL_TEST_PORTS;
  else process.env.PORTAL_TEST_PORTS = saved;
});

describe('free ports for test portals', () => {
  it('never hands out the same port twice in one process, though none of them is bound yet', async () => {
    delete process.env.PORTAL_TEST_PORTS;
    const ports = await Promise.all(Array.from({ length: 60 }, () => freePort()));
    expect(new Set(ports).size).toBe(60);
  });

  it('picks from the lane’s range and skips a port something already listens on', async () => {
    process.env.PORTAL_TEST_PORTS = '10000-10004';
    const busy = net.createServer();
    await new Promise<void>((resolve, reject) => {
      busy.once('error', reject);
      busy.listen(10002, '127.0.0.1', resolve);
    });
    try {
      const ports = [await freePort(), await freePort(), await freePort(), await freePort()].sort();
      expect(ports).toEqual([10000, 10001, 10003, 10004]);
      await expect(freePort()).rejects.toThrow('Không tìm được cổng trống trong khoảng 10000–10004');
    } finally {
      busy.close();
    }
  });
});
