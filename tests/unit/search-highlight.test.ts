import { describe, expect, it } from 'vitest';
import { excerpt, findMatches, foldWithMap, highlight } from '../../site/src/lib/search/highlight.ts';
import { fold } from '../../site/src/lib/text/fold.ts';

describe('foldWithMap', () => {
  it('folds like fold() and maps every folded character back to where it came from', () => {
    const text = 'Trường Hiệp Hòa';
    const { folded, map } = foldWithMap(text);
    expect(folded).toBe('truong hiep hoa');
    expect(map).toHaveLength(folded.length + 1);
    expect(text.slice(map[7]!, map[11]!)).toBe('Hiệp');
    expect(map[folded.length]).toBe(text.length);
  });

  it('keeps positions right when the text uses combining accents (NFD), which fold away to nothing', () => {
    const text = 'Dinh dưỡng'.normalize('NFD');
    const { folded, map } = foldWithMap(text);
    expect(folded).toBe('dinh duong');
    // "dưỡng" in NFD is longer than in the folded text; the range must still cover all of it, marks included.
    expect(text.slice(map[5]!, map[10]!)).toBe('dưỡng'.normalize('NFD'));
  });

  it('maps đ and Đ, which are letters of their own and not d with a mark', () => {
    const { folded, map } = foldWithMap('Đợt đầu');
    expect(folded).toBe('dot dau');
    expect(map.slice(0, 4)).toEqual([0, 1, 2, 3]);
  });
});

describe('highlighting matches found on folded text', () => {
  it('marks the original words, with their tone marks, for folded terms', () => {
    expect(highlight('Trường Mầm non Hiệp Hòa', ['hiep', 'hoa'])).toBe('Trường Mầm non <mark>Hiệp</mark> <mark>Hòa</mark>');
  });

  it('marks whole words only, not the same letters inside another word', () => {
    expect(findMatches('hoa hòa hoá hoàng', ['hoa'])).toEqual([
      { start: 0, end: 3 },
      { start: 4, end: 7 },
      { start: 8, end: 11 },
    ]);
  });

  it('escapes HTML in the text and never lets it through as markup', () => {
    expect(highlight('<script>alert("x")</script> Hiệp', ['hiep'])).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Hiệp</mark>');
  });

  it('marks NFD text so that the mark closes after the accents of the last letter', () => {
    const html = highlight('Hiệp Hòa'.normalize('NFD'), ['hoa']);
    expect(html).toBe(`${'Hiệp'.normalize('NFD')} <mark>${'Hòa'.normalize('NFD')}</mark>`);
  });
});

describe('excerpt', () => {
  const long =
    'Sáng nay, toàn thể cán bộ, giáo viên, nhân viên và các cháu của nhà trường đã tham gia buổi lễ. '.repeat(4) +
    'Chương trình chuyển đổi số của nhà trường được triển khai theo kế hoạch. ' +
    'Các lớp tiếp tục duy trì nề nếp, bảo đảm an toàn cho trẻ trong mọi hoạt động. '.repeat(4);

  it('is a window of about 200 characters around the first match, cut at spaces, with the match marked', () => {
    const html = excerpt(long, ['chuyen', 'doi']);
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(html).toContain('<mark>chuyển</mark> <mark>đổi</mark>');
    const plain = html.replace(/<\/?mark>/g, '').replace(/^… | …$/g, '');
    expect(plain.length).toBeLessThanOrEqual(200);
    expect(plain.length).toBeGreaterThan(120);
    expect(long).toContain(plain);
  });

  it('starts at the beginning of the text when nothing in it matched', () => {
    const html = excerpt(long, ['khongcotrongvanban']);
    expect(html.startsWith('Sáng nay')).toBe(true);
    expect(html).not.toContain('<mark>');
  });

  it('evens out whitespace: runs, tabs, line breaks and spaces at either end', () => {
    expect(excerpt('  Thực\tđơn\n\ntuần  này ', ['thuc'])).toBe('<mark>Thực</mark> đơn tuần này');
    expect(excerpt('Thực đơn tuần này ', ['thuc'])).toBe('<mark>Thực</mark> đơn tuần này');
    expect(excerpt(' \n ', ['thuc'])).toBe('');
  });

  it('keeps a short text whole', () => {
    expect(excerpt('Thực đơn tuần này', ['thuc'])).toBe('<mark>Thực</mark> đơn tuần này');
  });
});

describe('finding words without a regular expression', () => {
  /** What findMatches did with WORD.matchAll: the reference the table-driven scan must agree with. */
  function byRegExp(text: string, terms: string[]): { start: number; end: number }[] {
    const wanted = new Set(terms);
    return [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].filter((m) => wanted.has(fold(m[0]))).map((m) => ({ start: m.index, end: m.index + m[0].length }));
  }

  it('finds the same words as the regular expression in text with NFD marks, đ, digits, punctuation and characters outside the BMP', () => {
    const pieces = [
      'Hiệp',
      'Hòa'.normalize('NFD'),
      'đổi',
      'số',
      '380/QĐ-MNHH',
      '2024',
      '𝐀𝐁',
      '😀',
      'hoa',
      'HOA',
      '–',
      '…',
      '\u00a0',
      ' ',
      ', ',
      'Ǆ',
      'İstanbul',
      'năm',
    ];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: 3 + next(20) }, () => pieces[next(pieces.length)]).join(next(2) ? ' ' : '');
      const terms = [
        'hiep',
        'hoa',
        'doi',
        'so',
        '380',
        'qd',
        '2024',
        'nam',
        'dzstanbul',
        'istanbul',
        'οδος',
        fold('한국'),
        'a',
        fold('\u0483\u0301'),
        'ap',
      ].filter(() => next(2) === 1);
      expect(findMatches(text, terms), text).toEqual(byRegExp(text, terms));
    }
  });

  it('finds a word that begins with a combining mark, or outside the BMP, whatever its first letter folds to', () => {
    expect(findMatches('x \u0301a', ['a'])).toEqual([{ start: 2, end: 4 }]);
    expect(findMatches('Ấp ẤP'.normalize('NFD'), ['ap'])).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ]);
    expect(findMatches('𝐀 x', [fold('𝐀')])).toEqual([{ start: 0, end: 2 }]);
  });

  it('counts only whole words inside the span it is given, never the tail of a word cut by the span', () => {
    const text = 'Thòa hòa hòa';
    expect(findMatches(text, ['hoa'], 2, text.length)).toEqual([
      { start: 5, end: 8 },
      { start: 9, end: 12 },
    ]);
    expect(findMatches(text, ['hoa'], 0, 11)).toEqual([{ start: 5, end: 8 }]);
    expect(findMatches(text, ['hoa'], 0, text.length, true)).toEqual([{ start: 5, end: 8 }]);
    // A letter outside the BMP (two code units) just before the span still belongs to the word it begins.
    expect(findMatches('𝐀hoa hoa', ['hoa'], 2, 8)).toEqual([]);
    expect(findMatches('𝐀hoa hoa', ['hoa'], 2)).toEqual([{ start: 6, end: 9 }]);
  });
});
