/**
 * Structured data (schema.org JSON-LD) and its safe serialisation.
 *
 * Everything here is plain data: the layout prints it inside <script type="application/ld+json">, where
 * the HTML parser ends the script at the first "</script" whatever the JSON says. CMS text is editor
 * input, so the serialiser escapes every character that could close the element or start a comment.
 */
import type { School } from '../cms/index.ts';
import { type DateInput, isoText } from '../dates.ts';

export type JsonLd = Record<string, unknown>;

/**
 * JSON for a <script type="application/ld+json"> element. `<`, `>` and `&` become \u escapes (still
 * valid JSON, same parsed value), and so do U+2028/U+2029, which some older parsers treat as newlines.
 */
export function serializeJsonLd(data: JsonLd | JsonLd[]): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Drops keys whose value is undefined, null or '' so that the output never claims an empty fact. */
function compact(value: Record<string, unknown>): JsonLd {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

export interface OrganizationInput {
  school: School | null;
  /** Used when the profile could not be read, so the home page still describes the school. */
  fallbackName: string;
  /** Absolute address of the site's home page. */
  url: string;
}

/** The school as an EducationalOrganization, for the home page. */
export function organizationJsonLd({ school, fallbackName, url }: OrganizationInput): JsonLd {
  return compact({
    '@context': 'https://schema.org',
    '@type': 'EducationalOrganization',
    '@id': `${url}#to-chuc`,
    name: school?.name || fallbackName,
    alternateName: school?.nameEn || undefined,
    url,
    telephone: school?.phone || undefined,
    email: school?.email || undefined,
    address: school?.address ? { '@type': 'PostalAddress', streetAddress: school.address, addressCountry: 'VN' } : undefined,
    parentOrganization: school?.governingBody ? { '@type': 'GovernmentOrganization', name: school.governingBody } : undefined,
  });
}

/** The publisher block of an article: the school itself, pointing at the home page's organisation. */
export function publisherJsonLd(name: string, homeUrl: string): JsonLd {
  return { '@type': 'EducationalOrganization', '@id': `${homeUrl}#to-chuc`, name, url: homeUrl };
}

export interface ArticleInput {
  headline: string;
  description?: string | null | undefined;
  /** Absolute canonical address of the article. */
  url: string;
  /** Absolute image URLs (the cover first). */
  images: string[];
  datePublished?: DateInput | null | undefined;
  dateModified?: DateInput | null | undefined;
  publisherName: string;
  homeUrl: string;
}

/** A NewsArticle for a news item (and for activity reports, which are news of the school as well). */
export function newsArticleJsonLd(input: ArticleInput): JsonLd {
  const published = input.datePublished ? isoText(input.datePublished) : undefined;
  return compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    // Search engines cut headlines at 110 characters; a longer one makes the whole block invalid for them.
    headline: input.headline.length > 110 ? `${input.headline.slice(0, 109)}…` : input.headline,
    description: input.description || undefined,
    image: input.images.length > 0 ? input.images : undefined,
    datePublished: published,
    dateModified: input.dateModified ? isoText(input.dateModified) : published,
    inLanguage: 'vi-VN',
    author: publisherJsonLd(input.publisherName, input.homeUrl),
    publisher: publisherJsonLd(input.publisherName, input.homeUrl),
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
  });
}
