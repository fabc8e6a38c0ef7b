/**
 * Image URLs on the signed preview of a draft. The draft's photos are not in published content, so
 * /anh refuses them to everyone; on the preview page each image URL carries a short-lived signature
 * that lets /anh encode it for that request only (never cached, never shared).
 */
import { checkParts, MIN_SECRET_LENGTH, signParts } from '@portal/common/signed-request';

/** Long enough to read a preview, short enough that a copied image URL soon stops working. */
export const PREVIEW_IMAGE_SECONDS = 2 * 60 * 60;

function secret(): string | null {
  const value = process.env.WEBHOOK_SECRET ?? '';
  return value.length >= MIN_SECRET_LENGTH ? value : null;
}

const parts = (pathname: string, expires: number) => ['anh-preview', pathname, expires];

/** `<expires>.<signature>` for one /anh path, or null when the site has no secret to sign with. */
export function signPreviewImage(pathname: string, now = Date.now()): string | null {
  const key = secret();
  if (!key) return null;
  const expires = Math.floor(now / 1000) + PREVIEW_IMAGE_SECONDS;
  return `${expires}.${signParts(key, parts(pathname, expires))}`;
}

export function isPreviewImageAllowed(pathname: string, token: string | null, now = Date.now()): boolean {
  const key = secret();
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!key || !match) return false;
  const expires = Number(match[1]);
  if (expires < now / 1000 || expires > now / 1000 + PREVIEW_IMAGE_SECONDS + 60) return false;
  return checkParts(key, parts(pathname, expires), match[2]!);
}

/** The preview page's URL decorator for planPicture. */
export function previewImageUrl(pathname: string): string {
  const token = signPreviewImage(pathname);
  return token ? `${pathname}?p=${token}` : pathname;
}
