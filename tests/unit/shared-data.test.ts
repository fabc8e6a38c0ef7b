import { describe, expect, it } from 'vitest';
import { sharedValue } from '../../site/src/lib/cms/shared.ts';
import { onContentChange } from '../../site/src/lib/content-events.ts';

describe('data every page shares', () => {
  it('reads once for any number of concurrent and later renders', async () => {
    let reads = 0;
    const school = sharedValue('test-school-a', 60_000, async () => ({ name: `Trường ${++reads}` }));
    const results = await Promise.all([school(), school(), school()]);
    expect(results.map((r) => r.name)).toEqual(['Trường 1', 'Trường 1', 'Trường 1']);
    expect((await school()).name).toBe('Trường 1');
    expect(reads).toBe(1);
  });

  it('reads again after the webhook names its tag, and not after other tags', async () => {
    let reads = 0;
    const notices = sharedValue('test-notice-b', 60_000, async () => ++reads);
    expect(await notices()).toBe(1);
    onContentChange(['article']);
    expect(await notices()).toBe(1);
    onContentChange(['test-notice-b']);
    expect(await notices()).toBe(2);
  });

  it('does not keep a read that a purge overtook', async () => {
    let reads = 0;
    let release: () => void = () => {};
    const value = sharedValue('test-race-c', 60_000, async () => {
      const n = ++reads;
      if (n === 1) await new Promise<void>((resolve) => (release = resolve));
      return n;
    });
    const first = value();
    onContentChange(['test-race-c']);
    release();
    expect(await first).toBe(1);
    expect(await value()).toBe(2);
  });

  it('keeps the last value when the CMS cannot be read, and fails only when it never had one', async () => {
    let fail = true;
    const never = sharedValue('test-down-d', 0, async () => {
      throw new Error('CMS tắt');
    });
    await expect(never()).rejects.toThrow('CMS tắt');
    const school = sharedValue('test-down-e', 0, async () => {
      if (!fail) return 'Hiệp Hòa';
      throw new Error('CMS tắt');
    });
    fail = false;
    expect(await school()).toBe('Hiệp Hòa');
    fail = true;
    expect(await school()).toBe('Hiệp Hòa');
  });
});
