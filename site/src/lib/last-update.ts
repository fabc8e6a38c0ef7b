/**
 * When a published item first went online and, if it has been published again since, when it was last
 * updated. `firstPublishedAt` is set by the CMS at the first publication (cms/src/workflow/rules.ts);
 * Strapi's `publishedAt` is the time of the latest one. Items published before the field existed have
 * no first date: their latest publication is all that is known.
 */
type Instant = string | Date | null | undefined;

export interface PublicationDates {
  firstPublishedAt?: Instant;
  publishedAt?: Instant;
}

const iso = (value: Instant): string | null => (value == null || value === '' ? null : new Date(value).toISOString());

/** The CMS stamps the first date just before Strapi publishes: within this long, it is the same publication. */
const SAME_PUBLICATION_MS = 5_000;

export function publicationDates(item: PublicationDates): { published: string | null; updated: string | null } {
  const first = iso(item.firstPublishedAt);
  const latest = iso(item.publishedAt);
  if (!first) return { published: latest, updated: null };
  const later = latest !== null && Date.parse(latest) - Date.parse(first) > SAME_PUBLICATION_MS;
  return { published: first, updated: later ? latest : null };
}
