import slugify from 'slugify';

// Separators inside Vietnamese document numbers ("380/QĐ-MNHH", "963/PGD&ĐT-CNTT") must become
// hyphens: strict slugify would drop them and glue "380QD"; its charMap would turn & into "and".
const SEPARATORS = /[/&.,:;_+]+/g;

export function toSlug(text: string): string {
  return slugify(text.replace(SEPARATORS, ' '), { locale: 'vi', lower: true, strict: true, trim: true }).replace(/-+/g, '-').replace(/^-|-$/g, '');
}

export function directiveSlug(docType: string, number: string): string {
  return toSlug(`${docType} ${number}`);
}
