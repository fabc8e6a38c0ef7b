/**
 * Open Graph / Twitter card data of a page, resolved to absolute URLs (link previews in Zalo, Facebook and
 * messengers fetch the page without a base URL, so relative addresses there are useless).
 */
import { type Media, mediaUrl, pickImage } from '../cms/index.ts';
import { getConfig } from '../config.ts';
import type { DateInput } from '../dates.ts';

export interface OgImage {
  url: string;
  alt: string;
  width?: number | undefined;
  height?: number | undefined;
}

export interface OgData {
  type?: 'website' | 'article';
  image?: OgImage | null | undefined;
  /** ISO date-times, only for og:type article. */
  publishedTime?: DateInput | null | undefined;
  modifiedTime?: DateInput | null | undefined;
  section?: string | null | undefined;
}

/**
 * An absolute http(s) URL, or null. CMS_PUBLIC_URL may be a path on this site (e.g. behind nginx), which
 * is resolved against SITE_URL.
 */
export function absoluteHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const resolved = new URL(url, `${getConfig().siteUrl}/`);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

/**
 * The cover as a share image: a variant near 1200 px wide (what link previews ask for) rather than the
 * original upload, which may be a 6 MB phone photo.
 */
export function ogImageFromMedia(media: Media | null | undefined, fallbackAlt: string): OgImage | null {
  if (!media) return null;
  const variant = pickImage(media, 1000);
  const url = absoluteHttpUrl(variant?.url ?? mediaUrl(media.url));
  if (!url) return null;
  return {
    url,
    alt: media.alternativeText || fallbackAlt,
    width: variant?.width,
    height: variant?.height,
  };
}
