/**
 * Vietnamese alphabetical order (A Ă Â B C D Đ E Ê …) for lists of names the site shows. The site sorts
 * text itself rather than asking the CMS's database: SQLite compares bytes (so "Đ" and "Ẩ" come after
 * "Z") and PostgreSQL follows its server's locale, so the same content would be ordered differently on
 * each. Numbers and dates are still sorted by the database.
 */
export const compareVi: (a: string, b: string) => number = new Intl.Collator('vi').compare;

/** A copy of `items` in Vietnamese order of the text `of` gives (none sorts first). */
export function sortVi<T>(items: readonly T[], of: (item: T) => unknown): T[] {
  const text = (item: T) => String(of(item) ?? '');
  return [...items].sort((a, b) => compareVi(text(a), text(b)));
}
