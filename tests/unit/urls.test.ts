import { absoluteUrl, clampPage, MAX_PAGE, MAX_PAGE_SIZE } from '@portal/common/urls';
import { describe, expect, it } from 'vitest';

describe('absoluteUrl', () => {
  it('joins the base and a path, adding the missing slash', () => {
    expect(absoluteUrl('https://mnhiephoa.edu.vn', '/tin-tuc?trang=2')).toBe('https://mnhiephoa.edu.vn/tin-tuc?trang=2');
    expect(absoluteUrl('https://mnhiephoa.edu.vn', 'rss.xml')).toBe('https://mnhiephoa.edu.vn/rss.xml');
    expect(absoluteUrl('http://127.0.0.1:4321', '/')).toBe('http://127.0.0.1:4321/');
  });
});

describe('clampPage', () => {
  it('keeps a valid request', () => {
    expect(clampPage({ page: 3, pageSize: 20 }, 10)).toEqual({ page: 3, pageSize: 20 });
  });

  it('falls back to page 1 and the default size for missing or invalid values', () => {
    expect(clampPage({}, 10)).toEqual({ page: 1, pageSize: 10 });
    expect(clampPage({ page: 0, pageSize: -5 }, 20)).toEqual({ page: 1, pageSize: 20 });
    expect(clampPage({ page: 1.5, pageSize: 2.5 }, 20)).toEqual({ page: 1, pageSize: 20 });
    expect(clampPage({ page: Number.NaN }, 20)).toEqual({ page: 1, pageSize: 20 });
  });

  it('caps the page number and the page size', () => {
    expect(clampPage({ page: 10 ** 9, pageSize: 10 ** 6 }, 10)).toEqual({ page: MAX_PAGE, pageSize: MAX_PAGE_SIZE });
  });
});
