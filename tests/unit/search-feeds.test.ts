import { describe, expect, it } from 'vitest';
import { renderRss } from '../../site/src/lib/feeds/rss.ts';
import { renderRobots, renderSitemap, renderSitemapIndex, sitemapPart, sitemapParts, uniqueEntries } from '../../site/src/lib/feeds/sitemap.ts';
import { escapeXml, rfc822 } from '../../site/src/lib/feeds/xml.ts';

describe('feed XML', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeXml('Công văn 963/PGD&ĐT-CNTT <b>"x"</b>\u0001')).toBe('Công văn 963/PGD&amp;ĐT-CNTT &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
  });

  it('writes RFC 822 dates, keeping a calendar day on its day in Vietnam', () => {
    expect(rfc822('2023-11-17')).toBe('Fri, 17 Nov 2023 00:00:00 +0700');
    expect(rfc822('2026-10-21T01:40:00.000Z')).toBe('Wed, 21 Oct 2026 01:40:00 GMT');
    expect(rfc822('not a date')).toBeNull();
  });

  it('renders an RSS 2.0 channel with absolute links', () => {
    const xml = renderRss({
      title: 'Văn bản',
      description: 'Mới',
      link: 'https://mn.example/van-ban',
      self: 'https://mn.example/van-ban/rss.xml',
      now: new Date('2026-11-01T00:00:00Z'),
      items: [{ title: 'Công văn số 963/PGD&ĐT-CNTT', path: '/van-ban/cv-963', description: 'A < B', date: '2023-11-16', guid: 'abc' }],
    });
    expect(xml).toContain('<rss version="2.0"');
    expect(xml).toContain('<title>Công văn số 963/PGD&amp;ĐT-CNTT</title>');
    expect(xml).toMatch(/<link>https?:\/\/[^<]+\/van-ban\/cv-963<\/link>/);
    expect(xml).toContain('<pubDate>Thu, 16 Nov 2023 00:00:00 +0700</pubDate>');
    expect(xml).toContain('<description>A &lt; B</description>');
  });
});

describe('a sitemap above the protocol limit', () => {
  const entries = Array.from({ length: 7 }, (_, i) => ({ path: `/tin-tuc/bai-${i}`, lastmod: null }));

  it('stays one file up to the limit and splits into parts above it', () => {
    expect(sitemapParts(50_000)).toBe(1);
    expect(sitemapParts(50_001)).toBe(2);
    expect(sitemapParts(0)).toBe(1);
    expect(sitemapParts(7, 3)).toBe(3);
  });

  it('gives each part its own slice, and no part when one file is enough', () => {
    expect(sitemapPart(entries, 1, 3)?.map((e) => e.path)).toEqual(['/tin-tuc/bai-0', '/tin-tuc/bai-1', '/tin-tuc/bai-2']);
    expect(sitemapPart(entries, 3, 3)?.map((e) => e.path)).toEqual(['/tin-tuc/bai-6']);
    expect(sitemapPart(entries, 4, 3)).toBeNull();
    expect(sitemapPart(entries, 0, 3)).toBeNull();
    expect(sitemapPart(entries, 1)).toBeNull();
    expect(uniqueEntries([...entries, ...entries])).toHaveLength(7);
  });

  it('lists every part in the index', () => {
    const xml = renderSitemapIndex(3);
    expect(xml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml.match(/<sitemap><loc>https?:\/\/[^<]+\/sitemap-\d\.xml<\/loc><\/sitemap>/g)).toHaveLength(3);
  });
});

describe('sitemap and robots.txt', () => {
  it('lists each address once with its lastmod', () => {
    const xml = renderSitemap([
      { path: '/', lastmod: null },
      { path: '/van-ban/quyet-dinh-380-qd-mnhh', lastmod: '2026-11-01T02:03:04.000Z' },
      { path: '/', lastmod: null },
    ]);
    expect(xml.match(/<url>/g)).toHaveLength(2);
    expect(xml).toMatch(/<loc>https?:\/\/[^<]+\/van-ban\/quyet-dinh-380-qd-mnhh<\/loc><lastmod>2026-11-01T02:03:04.000Z<\/lastmod>/);
  });

  it('allows everything but previews and search results, and points to the sitemap', () => {
    const robots = renderRobots();
    expect(robots).toContain('Disallow: /xem-truoc');
    expect(robots).toContain('Disallow: /tim-kiem?');
    expect(robots).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
  });
});
