/**
 * RSS 2.0 feeds of the list sections (news, directives, activities): the 20 newest items, absolute links.
 */
import { feedSections, type SectionKey } from '@portal/common/sections';
import type { FeedItem } from '../cms/index.ts';
import { absoluteUrl, escapeXml, rfc822 } from './xml.ts';

/** Sections with a feed (the registry's `feed`), by key. */
export type FeedSection = Extract<SectionKey, ReturnType<typeof feedSections>[number]['key']>;

export const FEED_TITLES = Object.fromEntries(feedSections().map((s) => [s.key, s.feed])) as Record<FeedSection, { title: string; description: string }>;

export const FEED_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the section page. */
  link: string;
  /** Absolute URL of the feed itself. */
  self: string;
  items: FeedItem[];
  now?: Date;
}

export function renderRss(channel: FeedChannel): string {
  const items = channel.items.map((item) => {
    const link = absoluteUrl(item.path);
    const date = rfc822(item.date);
    return [
      '    <item>',
      `      <title>${escapeXml(item.title)}</title>`,
      `      <link>${escapeXml(link)}</link>`,
      `      <guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
      item.description ? `      <description>${escapeXml(item.description)}</description>` : '',
      date ? `      <pubDate>${date}</pubDate>` : '',
      '    </item>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(channel.title)}</title>`,
    `    <link>${escapeXml(channel.link)}</link>`,
    `    <description>${escapeXml(channel.description)}</description>`,
    '    <language>vi</language>',
    `    <lastBuildDate>${rfc822(channel.now ?? new Date())}</lastBuildDate>`,
    `    <atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
