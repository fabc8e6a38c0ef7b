import { describe, expect, it } from 'vitest';
import { renderRss } from '../../site/src/lib/feeds/rss.ts';
import { renderRobots, renderSitemap } from '../../site/src/lib/feeds/sitemap.ts';
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
