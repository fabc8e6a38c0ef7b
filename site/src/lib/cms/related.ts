/**
 * "Tin liên quan" / "Hoạt động khác" under an article or activity: items of the same category (or class
 * group) first, then the newest, never the item itself. Two small queries in parallel; the page's cache
 * tag (the section's own) is purged on any publish of that section, so the list follows new items.
 */
import { findFirst, IMAGE_FIELDS, isRecord, UID } from './client.ts';
import { isCmsError } from './errors.ts';
import type { QueryValue } from './query.ts';
import type { Activity, Article } from './types.ts';

export const RELATED_COUNT = 4;

/** The text of a field Strapi's generated types leave loose; anything else is no value. */
const textOf = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Same-group items first, then the newest, without duplicates or the current item, at most `count`. */
export function pickRelated<T>(currentId: unknown, sameGroup: T[], newest: T[], count = RELATED_COUNT): T[] {
  const picked: T[] = [];
  const current = textOf(currentId);
  const seen = new Set<string>(current ? [current] : []);
  for (const item of [...sameGroup, ...newest]) {
    const id = isRecord(item) ? textOf(item.documentId) : '';
    if (!id || seen.has(id)) continue;
    seen.add(id);
    picked.push(item);
    if (picked.length === count) break;
  }
  return picked;
}

const notThis = (documentId: unknown): Record<string, QueryValue> => (textOf(documentId) ? { documentId: { $ne: textOf(documentId) } } : {});
/** One more than shown: the item itself may be among them. */
const LIMIT = RELATED_COUNT + 1;

const ARTICLE_CARD = {
  fields: ['title', 'slug', 'summary', 'publishedAt'],
  populate: { cover: { fields: IMAGE_FIELDS }, category: { fields: ['name', 'slug'] } },
  sort: ['publishedAt:desc', 'id:desc'],
} satisfies Record<string, QueryValue>;

export async function relatedArticles(article: { documentId?: unknown; category?: { slug?: unknown } | null }): Promise<Article[]> {
  const categorySlug = textOf(article.category?.slug);
  const [sameGroup, newest] = await Promise.all([
    categorySlug
      ? findFirst<Article>(
          UID.article,
          'articles',
          { ...ARTICLE_CARD, filters: { ...notThis(article.documentId), category: { slug: { $eq: categorySlug } } } },
          LIMIT,
        )
      : Promise.resolve([]),
    findFirst<Article>(UID.article, 'articles', { ...ARTICLE_CARD, filters: notThis(article.documentId) }, LIMIT),
  ]);
  return pickRelated(article.documentId, sameGroup, newest);
}

const ACTIVITY_CARD = {
  fields: ['title', 'slug', 'kind', 'classGroup', 'date'],
  populate: { cover: { fields: IMAGE_FIELDS } },
  sort: ['date:desc', 'id:desc'],
} satisfies Record<string, QueryValue>;

export async function relatedActivities(activity: { documentId?: unknown; classGroup?: unknown }): Promise<Activity[]> {
  const group = textOf(activity.classGroup);
  const [sameGroup, newest] = await Promise.all([
    group
      ? findFirst<Activity>(UID.activity, 'activities', { ...ACTIVITY_CARD, filters: { ...notThis(activity.documentId), classGroup: { $eq: group } } }, LIMIT)
      : Promise.resolve([]),
    findFirst<Activity>(UID.activity, 'activities', { ...ACTIVITY_CARD, filters: notThis(activity.documentId) }, LIMIT),
  ]);
  return pickRelated(activity.documentId, sameGroup, newest);
}

/** Related items are a bonus: a CMS failure there leaves them out rather than failing the page. */
export async function orNone<T>(promise: Promise<T[]>): Promise<T[]> {
  try {
    return await promise;
  } catch (error) {
    if (isCmsError(error)) return [];
    throw error;
  }
}
