import { describe, expect, it } from 'vitest';
import { countFeedItems, countSitemap, sitemapFilesFor } from '../../scripts/lib/bench/sitemap.ts';
import { percentile, summarise } from '../../scripts/lib/bench/stats.ts';
import { fixed, markdownTable, ratio } from '../../scripts/lib/bench/table.ts';

describe('percentiles of the bench samples', () => {
  it('takes the nearest rank, whatever the order of the samples', () => {
    const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 100)).toBe(10);
  });

  it('gives the one sample for any percentile of a single sample, and NaN for none', () => {
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it('puts one slow request at p95 of twenty samples, not hidden behind p50', () => {
    const samples = [...Array.from({ length: 19 }, () => 5), 900];
    expect(summarise(samples)).toEqual({ count: 20, p50: 5, p95: 5, max: 900 });
    expect(summarise([...samples, 900]).p95).toBe(900);
  });
});

describe('the sitemap index threshold', () => {
  it('keeps one sitemap up to 50,000 URLs and splits above', () => {
    expect(sitemapFilesFor(9_600)).toEqual({ index: false, files: 1 });
    expect(sitemapFilesFor(50_000)).toEqual({ index: false, files: 1 });
    expect(sitemapFilesFor(50_001)).toEqual({ index: true, files: 2 });
    expect(sitemapFilesFor(120_000)).toEqual({ index: true, files: 3 });
  });

  it('counts URLs of a sitemap, files of a sitemap index and items of a feed', () => {
    expect(countSitemap('<urlset><url><loc>a</loc></url><url><loc>b</loc></url></urlset>')).toEqual({ index: false, entries: 2 });
    expect(countSitemap('<sitemapindex xmlns="x"><sitemap><loc>a</loc></sitemap></sitemapindex>')).toEqual({ index: true, entries: 1 });
    expect(countFeedItems('<rss><channel><item><title>a</title></item><item>b</item></channel></rss>')).toBe(2);
  });
});

describe('the result table', () => {
  it('prints one markdown row per figure with ✓, ✗ or – for rows without a goal', () => {
    const table = markdownTable([
      { what: 'a', measured: '1 req/s', goal: '≥ 2', met: false },
      { what: 'b | c', measured: '3', goal: '–', met: null },
      { what: 'd', measured: '4', goal: '≥ 2', met: true },
    ]);
    expect(table.split('\n')).toEqual([
      '| đo gì | kết quả | mục tiêu | đạt? |',
      '|---|---|---|---|',
      '| a | 1 req/s | ≥ 2 | ✗ |',
      '| b \\| c | 3 | – | – |',
      '| d | 4 | ≥ 2 | ✓ |',
    ]);
  });

  it('writes plain figures and n/a for a ratio to nothing', () => {
    expect(fixed(1234.567, 1)).toBe('1234.6');
    expect(fixed(ratio(5, 0), 2)).toBe('n/a');
    expect(ratio(29, 58)).toBe(0.5);
  });
});
