import { describe, expect, it } from 'vitest';
import { sortVi } from '../../site/src/lib/text/collate.ts';
import { fold } from '../../site/src/lib/text/fold.ts';

describe('fold', () => {
  it('makes "hiep hoa", "Hiệp Hòa" and "HIỆP HÒA" equal', () => {
    expect(fold('Hiệp Hòa')).toBe('hiep hoa');
    expect(fold('HIỆP HÒA')).toBe('hiep hoa');
    expect(fold('hiep hoa')).toBe('hiep hoa');
  });

  it('turns đ and Đ into d, which Unicode decomposition alone does not', () => {
    expect(fold('Đợt')).toBe('dot');
    expect(fold('đợt')).toBe('dot');
    expect(fold('dot')).toBe('dot');
    expect(fold('ĐỢT')).toBe('dot');
  });

  it('folds text typed with precomposed and with combining accents to the same result', () => {
    const precomposed = 'Trường Mầm non';
    const combining = precomposed.normalize('NFD');
    expect(combining).not.toBe(precomposed);
    expect(fold(combining)).toBe(fold(precomposed));
    expect(fold(precomposed)).toBe('truong mam non');
  });

  it('strips every tone and vowel mark of Vietnamese', () => {
    expect(fold('àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ')).toBe(
      'aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii ooooo oooooo oooooo uuuuu uuuuuu yyyyy',
    );
  });

  it('leaves digits, punctuation and document numbers readable', () => {
    expect(fold('Quyết định 380/QĐ-MNHH')).toBe('quyet dinh 380/qd-mnhh');
  });
});

describe('Vietnamese alphabetical order', () => {
  it('puts Ă and Â after A, Đ after D and Ê after E, where byte order puts them after Z', () => {
    const names = ['Đời sống', 'Zô', 'Ẩm thực', 'Em bé', 'Ăn uống', 'Bản tin', 'Dạy học', 'Ếch con'];
    expect(sortVi(names, (name) => name)).toEqual(['Ăn uống', 'Ẩm thực', 'Bản tin', 'Dạy học', 'Đời sống', 'Em bé', 'Ếch con', 'Zô']);
    expect([...names].sort().at(-1)).toBe('Ếch con');
  });
});
