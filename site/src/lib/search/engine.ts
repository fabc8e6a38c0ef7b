/**
 * The search engine proper: MiniSearch over a list of documents, with Vietnamese folding. Pure and
 * synchronous, so it is tested without a CMS; index.ts feeds it from the CMS and keeps it fresh.
 */

import { type SearchedKey, searchedSections, searchLabel } from '@portal/common/sections';
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import { fold } from '../text/fold.ts';
import { excerpt, highlight, tokenize } from './highlight.ts';

/** The registry's searched sections. */
export type SearchType = SearchedKey;

export const TYPE_LABELS = Object.fromEntries(searchedSections().map((s) => [s.key, searchLabel(s)])) as Record<SearchType, string>;

export interface SearchDocument {
  /** Unique across types, e.g. "article:abc123". */
  id: string;
  type: SearchType;
  title: string;
  /** Số ký hiệu of a directive; empty for other types. */
  number: string;
  /** Summary, trích yếu or message: shown first in the excerpt. */
  summary: string;
  body: string;
  url: string;
  /** ISO instant or calendar day, shown in vi-VN. */
  date: string | null;
}

export interface SearchHit {
  id: string;
  type: SearchType;
  typeLabel: string;
  url: string;
  date: string | null;
  score: number;
  /** Escaped HTML with <mark> around matched words. */
  titleHtml: string;
  excerptHtml: string;
}

/** Longest query the page accepts; longer input gets an explanation instead of a search. */
export const MAX_QUERY_LENGTH = 200;

/** One typo is forgiven only in longer words: in short ones it mostly finds other words. */
export const FUZZY_MIN_LENGTH = 5;

const FIELDS = ['title', 'number', 'summary', 'body'] as const;

/**
 * Title first (the issue: "ranks title matches first"); số ký hiệu above everything, since typing one
 * means the reader wants that very document.
 */
const BOOST: Record<(typeof FIELDS)[number], number> = { number: 6, title: 4, summary: 1.5, body: 1 };

const SEARCH_OPTIONS: SearchOptions = {
  boost: BOOST,
  prefix: true,
  fuzzy: (term: string) => (term.length >= FUZZY_MIN_LENGTH ? 1 : false),
  combineWith: 'AND',
};

export interface Engine {
  index: MiniSearch<SearchDocument>;
  docs: Map<string, SearchDocument>;
  /** Folded số ký hiệu without separators ("380qdmnhh") by document id, for exact-number ranking. */
  numberKeys: Map<string, string>;
}

/** "380/QĐ-MNHH" → "380qdmnhh": how a typed number is compared, whatever separators the reader used. */
export function numberKey(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}

/** How much a directive whose number is exactly the query outranks documents that merely cite it. */
const EXACT_NUMBER_BOOST = 20;
const NUMBER_PREFIX_BOOST = 3;

function processTerm(term: string): string | null {
  const folded = fold(term);
  return folded ? folded : null;
}

export function createEngine(documents: Iterable<SearchDocument>): Engine {
  const index = new MiniSearch<SearchDocument>({
    fields: [...FIELDS],
    idField: 'id',
    tokenize,
    processTerm,
    searchOptions: SEARCH_OPTIONS,
  });
  const docs = new Map<string, SearchDocument>();
  const numberKeys = new Map<string, string>();
  for (const doc of documents) {
    // A duplicate id would make MiniSearch throw and take the whole index down with one bad document.
    if (docs.has(doc.id)) continue;
    docs.set(doc.id, doc);
    if (doc.number) numberKeys.set(doc.id, numberKey(doc.number));
  }
  index.addAll([...docs.values()]);
  return { index, docs, numberKeys };
}

/** The query's words after folding: what "nothing to search for" is judged on. */
export function queryTerms(query: string): string[] {
  return tokenize(query).map(fold).filter(Boolean);
}

/**
 * Every match, best first. All words must match (each with prefix and, in longer words, one typo);
 * when that finds nothing, any word may match, so a query with one hopeless word still finds something.
 */
export function runSearch(engine: Engine, query: string): SearchHit[] {
  const trimmed = query.trim();
  if (!trimmed || trimmed.length > MAX_QUERY_LENGTH || queryTerms(trimmed).length === 0) return [];
  // A query that is a số ký hiệu (it has a digit) puts that very document above the ones citing it,
  // which can mention the number many times (the Quy chế attached to Quyết định 380 does).
  const key = numberKey(trimmed);
  const boostDocument = /[0-9]/.test(key)
    ? (id: unknown): number => {
        const own = engine.numberKeys.get(String(id));
        if (!own) return 1;
        if (own === key) return EXACT_NUMBER_BOOST;
        return own.startsWith(key) ? NUMBER_PREFIX_BOOST : 1;
      }
    : undefined;
  let results: SearchResult[] = engine.index.search(trimmed, { boostDocument });
  if (results.length === 0) results = engine.index.search(trimmed, { combineWith: 'OR', boostDocument });
  const hits: SearchHit[] = [];
  for (const result of results) {
    const doc = engine.docs.get(String(result.id));
    if (!doc) continue;
    const terms = result.terms;
    hits.push({
      id: doc.id,
      type: doc.type,
      typeLabel: TYPE_LABELS[doc.type],
      url: doc.url,
      date: doc.date,
      score: result.score,
      titleHtml: highlight(doc.title, terms),
      excerptHtml: excerpt([doc.summary, doc.body].filter(Boolean).join(' '), terms),
    });
  }
  return hits;
}
