/**
 * Serialises nested query objects the way Strapi's `qs` parser reads them:
 * { filters: { slug: { $eq: 'a' } } } → "filters[slug][$eq]=a"; arrays use numeric indexes.
 */
export type QueryValue = string | number | boolean | null | undefined | QueryValue[] | { [key: string]: QueryValue };

export function toQueryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  const add = (prefix: string, value: QueryValue): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) add(`${prefix}[${index}]`, item);
    } else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) add(prefix ? `${prefix}[${key}]` : key, item);
    } else {
      params.append(prefix, String(value));
    }
  };
  add('', query);
  return params.toString();
}
