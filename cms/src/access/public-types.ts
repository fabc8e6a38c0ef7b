import { publicUids } from '@portal/common/sections';

// Types the public site may read (the registry's `public` flag). Everything else (submissions, audit
// entries, users) stays private.
export const PUBLIC_COLLECTION_TYPES = publicUids('collection');
export const PUBLIC_SINGLE_TYPES = publicUids('single');

/** Content-API actions of the site's read-only token: find/findOne on public types, nothing else. */
export function readOnlyActions(): string[] {
  return [...PUBLIC_COLLECTION_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]), ...PUBLIC_SINGLE_TYPES.map((uid) => `${uid}.find`)].sort();
}
