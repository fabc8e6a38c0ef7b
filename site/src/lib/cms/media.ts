import { getConfig } from '../config.ts';

/**
 * Browser-visible URL of a CMS media file.
 *
 * Local uploads come back as "/uploads/x.jpg", relative to the CMS, which the browser reaches through
 * CMS_PUBLIC_URL (it may differ from the server-side CMS_URL). Object-storage providers return absolute
 * https URLs, which are kept. Anything else (javascript:, data:, protocol-relative) is refused.
 */
export function mediaUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith('/') && !url.startsWith('//')) return `${getConfig().cmsPublicUrl}${url}`;
  return null;
}

export interface ImageVariant {
  url: string;
  width: number;
  height: number;
}

export type FormatName = 'thumbnail' | 'small' | 'medium' | 'large';

interface MediaLike {
  url?: string | null;
  width?: number | null;
  height?: number | null;
  formats?: unknown;
}

function readVariant(value: unknown): ImageVariant | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const url = typeof v.url === 'string' ? mediaUrl(v.url) : null;
  if (!url || typeof v.width !== 'number' || typeof v.height !== 'number') return null;
  return { url, width: v.width, height: v.height };
}

/** All usable sizes of an image, smallest first, the original included. */
export function imageVariants(media: MediaLike | null | undefined): ImageVariant[] {
  if (!media) return [];
  const variants: ImageVariant[] = [];
  if (typeof media.formats === 'object' && media.formats !== null) {
    for (const value of Object.values(media.formats as Record<string, unknown>)) {
      const variant = readVariant(value);
      if (variant) variants.push(variant);
    }
  }
  const original = readVariant({ url: media.url, width: media.width, height: media.height });
  if (original) variants.push(original);
  return variants.sort((a, b) => a.width - b.width);
}

/**
 * The smallest variant at least `minWidth` wide (or the largest there is), for a fixed-size slot.
 * Returns null for media without dimensions, which must not be shown as an <img> without width/height.
 */
export function pickImage(media: MediaLike | null | undefined, minWidth: number): ImageVariant | null {
  const variants = imageVariants(media);
  return variants.find((v) => v.width >= minWidth) ?? variants.at(-1) ?? null;
}

/** srcset for responsive images; empty when there is only one size. */
export function srcset(media: MediaLike | null | undefined): string {
  const variants = imageVariants(media);
  if (variants.length < 2) return '';
  const seen = new Set<number>();
  return variants
    .filter((v) => {
      if (seen.has(v.width)) return false;
      seen.add(v.width);
      return true;
    })
    .map((v) => `${v.url} ${v.width}w`)
    .join(', ');
}
