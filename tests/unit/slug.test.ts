import { describe, expect, it } from 'vitest';
import { directiveSlug, toSlug } from '../../cms/src/text/slug.ts';

describe('Vietnamese slugs', () => {
  it('turns đ and Đ into d, not "dj"', () => {
    expect(toSlug('Đợt 1: Đại hội đoàn')).toBe('dot-1-dai-hoi-doan');
  });

  it('drops tone marks and keeps words apart', () => {
    expect(toSlug('Trường Mầm non Hiệp Hòa khai giảng năm học mới')).toBe('truong-mam-non-hiep-hoa-khai-giang-nam-hoc-moi');
  });

  it('builds a directive slug from its type and number', () => {
    expect(directiveSlug('Quyết định', '380/QĐ-MNHH')).toBe('quyet-dinh-380-qd-mnhh');
  });

  it('keeps separators inside numbers as hyphens, without "and" for &', () => {
    expect(directiveSlug('Công văn', '963/PGD&ĐT-CNTT')).toBe('cong-van-963-pgd-dt-cntt');
    expect(directiveSlug('Nghị định', '64/2007/NĐ-CP')).toBe('nghi-dinh-64-2007-nd-cp');
  });

  it('never starts or ends with a hyphen, nor repeats one', () => {
    expect(toSlug(' -- Tin   mới!! -- ')).toBe('tin-moi');
  });
});
