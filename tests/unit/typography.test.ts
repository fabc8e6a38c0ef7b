import { describe, expect, it } from 'vitest';
import { quoted } from '../../site/src/lib/format.ts';

describe('quoted', () => {
  it('puts a phrase between Vietnamese curly quotes, never French guillemets', () => {
    expect(quoted('dinh duong')).toBe('“dinh duong”');
    expect(quoted('  Khai giảng ')).toBe('“Khai giảng”');
    expect(quoted('x')).not.toMatch(/[«»"]/);
  });
});
