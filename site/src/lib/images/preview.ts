/**
 * Image URLs on the signed preview of a draft. The draft's photos are not in published content, so
 * /anh refuses them to everyone; on the preview page each image URL carries a short-lived signature
 * that lets /anh encode it for that request only (never cached, never shared).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Long enough to read a preview, short enough that a copied image URL soon stops working. */
export const PREVIEW_IMAGE_SECONDS = 2 * 60 * 60;

function secret(): string | null {
  const value = process.env.WEBHOOK_SECRET ?? '';
  return value.length >= 32 ? value : null;
}

function signature(key: string, pathname: string, expires: number): string {
  return createHmac('sha256', key).update(`anh-preview\n${pathname}\n${expires}`).digest('base64url');
}

/** `<expires>.<signature>` for one /anh path, or null when the site has no secret to sign with. */
export function signPreviewImage(pathname: string, now = Date.now()): string | null {
  const key = secret();
  if (!key) return null;
  const expires = Math.floor(now / 1000) + PREVIEW_IMAGE_SECONDS;
  return `${expires}.${signature(key, pathname, expires)}`;
}

export function isPreviewImageAllowed(pathname: string, token: string | null, now = Date.now()): boolean {
  const key = secret();
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!key || !match) return false;
  const expires = Number(match[1]);
  if (expires < now / 1000 || expires > now / 1000 + PREVIEW_IMAGE_SECONDS + 60) return false;
  const expected = Buffer.from(signature(key, pathname, expires));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The preview page's URL decorator for planPicture. */
export function previewImageUrl(pathname: string): string {
  const token = signPreviewImage(pathname);
  return token ? `${pathname}?p=${token}` : pathname;
}
