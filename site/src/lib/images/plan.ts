/**
 * Which transformed images the site asks for. Only these widths and formats are accepted by the
 * /anh endpoint, so the disk cache is bounded by (uploads × widths × formats) and nobody can make the
 * server encode arbitrary sizes.
 */

export const IMAGE_WIDTHS = [240, 480, 720, 960, 1440, 1920] as const;

export const IMAGE_FORMATS = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' } as const;
export type ImageFormat = keyof typeof IMAGE_FORMATS;

/** Strapi's stored file names: ASCII words, underscores, a hash, an image extension. */
const UPLOAD_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}\.(?:jpe?g|png|webp|avif|gif)$/i;

export function isAllowedWidth(width: number): boolean {
  return (IMAGE_WIDTHS as readonly number[]).includes(width);
}

export function isImageFormat(value: string): value is ImageFormat {
  return Object.hasOwn(IMAGE_FORMATS, value);
}

export function isUploadName(name: string): boolean {
  return UPLOAD_NAME.test(name) && !name.includes('..');
}

/**
 * The stored file name of a CMS image, when the transform endpoint can fetch it: a local upload
 * ("/uploads/x.jpg") or a file under the configured object-storage base URL. Anything else is shown as is.
 */
export function uploadName(url: string | null | undefined, mediaSourceUrl = ''): string | null {
  if (!url) return null;
  let rest: string | null = null;
  if (url.startsWith('/uploads/')) rest = url.slice('/uploads/'.length);
  else if (mediaSourceUrl && url.startsWith(`${mediaSourceUrl}/`)) rest = url.slice(mediaSourceUrl.length + 1);
  return rest !== null && isUploadName(rest) ? rest : null;
}

/** A file's version as image URLs carry it (the CMS computes the same: cms/src/media/public-files.ts). */
const VERSION = /^[0-9a-z]{1,16}$/;

export function isVersion(value: string): boolean {
  return VERSION.test(value);
}

/**
 * The version of a CMS file: its last change (`updatedAt`) in base 36. Replacing a file in the CMS keeps
 * its stored name, so the version is what gives changed bytes a new URL. Null when unknown.
 */
export function mediaVersion(media: { updatedAt?: unknown } | null | undefined): string | null {
  const value = media?.updatedAt;
  const time = typeof value === 'string' || value instanceof Date ? new Date(value).getTime() : NaN;
  return Number.isFinite(time) && time > 0 ? time.toString(36) : null;
}

/** /anh/<width>/<format>/<version>/<name>; without a version the endpoint redirects to the current one. */
export function transformPath(name: string, width: number, format: ImageFormat, version?: string | null): string {
  return version ? `/anh/${width}/${format}/${version}/${name}` : `/anh/${width}/${format}/${name}`;
}

export interface PictureSource {
  type: string;
  srcset: string;
}

export interface PicturePlan {
  sources: PictureSource[];
  src: string;
  srcset: string;
  width: number;
  height: number;
}

interface Original {
  url?: string | null;
  width?: number | null;
  height?: number | null;
  updatedAt?: unknown;
}

/**
 * A <picture> for a slot at most `slot` CSS pixels wide: AVIF and WebP sources, JPEG as the <img>
 * fallback, widths up to twice the slot for dense screens, never wider than the original (the endpoint
 * does not enlarge, so the descriptor is the real width). Null when the image cannot be transformed.
 * `decorate` may add to each URL (the signed preview of a draft adds its signature).
 */
export function planPicture(
  media: Original | null | undefined,
  slot: number,
  mediaSourceUrl = '',
  decorate: (path: string) => string = (path) => path,
): PicturePlan | null {
  const name = uploadName(media?.url, mediaSourceUrl);
  const version = mediaVersion(media);
  const originalWidth = media?.width ?? 0;
  const originalHeight = media?.height ?? 0;
  if (!name || originalWidth <= 0 || originalHeight <= 0) return null;

  const widest = IMAGE_WIDTHS.find((w) => w >= slot * 2) ?? IMAGE_WIDTHS.at(-1)!;
  const requested = IMAGE_WIDTHS.filter((w) => w <= widest);
  const variants: { requested: number; actual: number }[] = [];
  for (const w of requested) {
    const actual = Math.min(w, originalWidth);
    if (!variants.some((v) => v.actual === actual)) variants.push({ requested: w, actual });
  }
  const url = (width: number, format: ImageFormat) => decorate(transformPath(name, width, format, version));
  const setOf = (format: ImageFormat) => variants.map((v) => `${url(v.requested, format)} ${v.actual}w`).join(', ');
  const fallback = variants.find((v) => v.actual >= slot) ?? variants.at(-1)!;
  return {
    sources: (['avif', 'webp'] as const).map((format) => ({ type: IMAGE_FORMATS[format], srcset: setOf(format) })),
    src: url(fallback.requested, 'jpeg'),
    srcset: setOf('jpeg'),
    width: fallback.actual,
    height: Math.max(1, Math.round((fallback.actual * originalHeight) / originalWidth)),
  };
}
