import type { UID } from '@strapi/strapi';

// Types the public site may read. Everything else (submissions, audit entries, users) stays private.
export const PUBLIC_COLLECTION_TYPES = [
  'api::article.article',
  'api::category.category',
  'api::directive.directive',
  'api::activity.activity',
  'api::notice.notice',
  'api::disclosure.disclosure',
  'api::menu.menu',
] as const satisfies readonly UID.ContentType[];

export const PUBLIC_SINGLE_TYPES = ['api::school.school'] as const satisfies readonly UID.ContentType[];

/** Content-API actions of the site's read-only token: find/findOne on public types, nothing else. */
export function readOnlyActions(): string[] {
  return [
    ...PUBLIC_COLLECTION_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]),
    ...PUBLIC_SINGLE_TYPES.map((uid) => `${uid}.find`),
  ].sort();
}
