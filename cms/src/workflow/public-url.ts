import { publicPath } from '@portal/common/sections';

export function siteUrl(): string {
  return (process.env.SITE_URL || 'http://127.0.0.1:4321').replace(/\/+$/, '');
}

/** Address of an item on the public site (registry route + slug), or null if it has no page of its own. */
export function publicUrlOf(uid: string, slug: string | null | undefined): string | null {
  const path = publicPath(uid, slug);
  return path ? `${siteUrl()}${path}` : null;
}
