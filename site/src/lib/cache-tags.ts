/**
 * Route-cache tags. A page is tagged with the content types it shows (and the document, on detail
 * pages); the CMS's signed webhook names the tags to purge when something is published, unpublished,
 * deleted or changed, so readers see it at once while everything else stays cached.
 */

import { LAYOUT_SHOWS, pageTags } from '@portal/common/sections';

/** Content types every page shows through the layout (the registry's LAYOUT_SHOWS). */
const LAYOUT_TAGS: readonly string[] = LAYOUT_SHOWS;

// Section keys may hold hyphens (work-week).
export const TAG_PATTERN = /^(?:[a-z]+(?:-[a-z]+)*|doc:[a-z0-9]{10,40})$/;

export function tagsForPage(path: string, documentId?: string | null): string[] {
  const tags = new Set(LAYOUT_TAGS);
  // What the page shows, by the registry's pages (a section's tag is its key).
  for (const tag of pageTags(path)) tags.add(tag);
  if (documentId) tags.add(`doc:${documentId}`);
  return [...tags].sort();
}

/** Seconds a cached page is served as fresh; the webhook purges earlier on any change. */
export const CACHE_MAX_AGE = 300;
/** Seconds a page may still be served while it is re-rendered, and while the CMS cannot be reached. */
export const CACHE_STALE_SECONDS = 24 * 60 * 60;
