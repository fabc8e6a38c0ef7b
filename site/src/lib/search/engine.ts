/**
 * The search engine proper: documents, their stored excerpt text and the inverted index of their folded
 * words, updated one document at a time, and the ranking. Pure and synchronous (no CMS, no files), so it
 * is tested and measured on its own; index.ts feeds it from the CMS and persist.ts writes it to disk.
 */

import { type SearchedKey, searchedSections, searchLabel } from '@portal/common/sections';
import { fold } from '../text/fold.ts';
import { excerpt, highlight, tokenize } from './highlight.ts';
import { type Field, InvertedIndex, type TermMatch, weighTerms } from './inverted-index.ts';

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
  /** The CMS's updatedAt of the published version: how reconciliation tells a changed document. */
  stamp?: string | null;
}

/**
 * What the engine keeps of a document besides its index terms. The body is matched in full but only its
 * beginning is kept for excerpts: ten thousand full bodies as JS strings would be most of the process's
 * memory, and an excerpt shows 200 characters.
 */
export interface StoredDocument {
  id: string;
  type: SearchType;
  title: string;
  number: string;
  /** Summary and the beginning of the body, at most EXCERPT_SOURCE_LENGTH characters. */
  text: string;
  url: string;
  date: string | null;
  stamp: string | null;
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

/** Typo variants are searched only when fewer documents than this (a page) have every word exactly. */
export const TYPO_SEARCH_BELOW = 20;

const MAX_QUERY_WORDS = 30;

/** A last word this short is not expanded as a prefix: one letter begins half the vocabulary. */
const PREFIX_MIN_LENGTH = 2;

/** Characters of summary + body kept per document for excerpts (a match further in shows the beginning). */
export const EXCERPT_SOURCE_LENGTH = 600;

/**
 * Title first (the issue: "ranks title matches first"); số ký hiệu above everything, since typing one
 * means the reader wants that very document.
 */
const BOOST: Record<Field, number> = { number: 6, title: 4, summary: 1.5, body: 1 };

/** How much a word counts when it only begins an index term, or is one typo away from it. */
const PREFIX_FACTOR = 0.4;
const TYPO_FACTOR = 0.35;

/** Bumped whenever indexing changes (fields, weights, folding, stored shape): older persisted files are ignored. */
export const ENGINE_VERSION = 3;

/** "380/QĐ-MNHH" → "380qdmnhh": how a typed number is compared, whatever separators the reader used. */
export function numberKey(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}

/** How much a directive whose number is exactly the query outranks documents that merely cite it. */
const EXACT_NUMBER_BOOST = 20;
const NUMBER_PREFIX_BOOST = 3;

/** Folded words of a text, as the index and the queries see them. */
export function words(text: string): string[] {
  return text ? tokenize(fold(text)) : [];
}

/** The query's words after folding, each once: what "nothing to search for" is judged on. */
export function queryTerms(query: string): string[] {
  return [...new Set(words(query))];
}

function store(doc: SearchDocument): StoredDocument {
  const text = [doc.summary, doc.body].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
  return {
    id: doc.id,
    type: doc.type,
    title: doc.title,
    number: doc.number,
    // A slice of a long string keeps the whole body alive in V8; a copy through UTF-8 owns only its characters.
    text: text.length > EXCERPT_SOURCE_LENGTH ? Buffer.from(text.slice(0, EXCERPT_SOURCE_LENGTH).trimEnd()).toString('utf8') : text,
    url: doc.url,
    date: doc.date,
    stamp: doc.stamp ?? null,
  };
}

/** The engine as written to disk (persist.ts): the stored documents, the vocabulary and the posting lists. */
export interface EngineSnapshot {
  version: number;
  docs: StoredDocument[];
  terms: string[];
  /** offsets[i]…offsets[i+1] are term i's postings in ordinals and weights. */
  offsets: Uint32Array;
  ordinals: Uint32Array;
  weights: Float32Array;
}

export interface RankedMatch {
  id: string;
  score: number;
  /** Found only by forgiving a typo. */
  fuzzy: boolean;
}

/** The index terms a query reaches, by tier: what is searched and, later, what is marked. */
interface Expansion {
  /** Per query word: the word itself and, for the last word, the terms it begins. */
  exact: TermMatch[][];
  /** Per query word: terms one typo away (longer words only). */
  typos: TermMatch[][];
}

interface Scratch {
  exactScore: Float64Array;
  anyScore: Float64Array;
  exactMask: Uint32Array;
  anyMask: Uint32Array;
  candidates: Int32Array;
  /** The two tiers' candidates. */
  first: Int32Array;
  second: Int32Array;
}

export interface ResultPage {
  hits: SearchHit[];
  total: number;
}

export class SearchEngine {
  private index = new InvertedIndex();
  /** Stored documents by ordinal; undefined for removed ones until compaction. */
  private byOrdinal: (StoredDocument | undefined)[] = [];
  /** Folded số ký hiệu without separators ("380qdmnhh") by ordinal, for exact-number ranking. */
  private numberKeys: (string | undefined)[] = [];
  private readonly ordinalOf = new Map<string, number>();

  get size(): number {
    return this.ordinalOf.size;
  }

  get termCount(): number {
    return this.index.termCount;
  }

  /** Removed or replaced documents whose postings are still in the lists (until compact()). */
  get deadCount(): number {
    return this.index.deadCount;
  }

  /** Adds a document or replaces the one with its id. */
  upsert(doc: SearchDocument): void {
    this.removeOrdinal(doc.id);
    const weights = weighTerms({ title: words(doc.title), number: words(doc.number), summary: words(doc.summary), body: words(doc.body) }, BOOST);
    const ordinal = this.index.add(weights);
    this.byOrdinal[ordinal] = store(doc);
    this.numberKeys[ordinal] = doc.number ? numberKey(doc.number) : undefined;
    this.ordinalOf.set(doc.id, ordinal);
  }

  /** Removes a document; false when it was not there. */
  remove(id: string): boolean {
    if (!this.removeOrdinal(id)) return false;
    if (this.index.wantsCompaction) this.compact();
    return true;
  }

  private removeOrdinal(id: string): boolean {
    const ordinal = this.ordinalOf.get(id);
    if (ordinal === undefined) return false;
    this.index.remove(ordinal);
    this.byOrdinal[ordinal] = undefined;
    this.numberKeys[ordinal] = undefined;
    this.ordinalOf.delete(id);
    return true;
  }

  /** Drops removed documents from the posting lists and renumbers the living ones. */
  compact(): void {
    const renumber = this.index.compact();
    const byOrdinal: StoredDocument[] = [];
    const numberKeys: (string | undefined)[] = [];
    renumber.forEach((to, from) => {
      const doc = this.byOrdinal[from];
      if (to < 0 || !doc) return;
      byOrdinal[to] = doc;
      numberKeys[to] = this.numberKeys[from];
      this.ordinalOf.set(doc.id, to);
    });
    this.byOrdinal = byOrdinal;
    this.numberKeys = numberKeys;
  }

  get(id: string): StoredDocument | undefined {
    const ordinal = this.ordinalOf.get(id);
    return ordinal === undefined ? undefined : this.byOrdinal[ordinal];
  }

  *documents(): IterableIterator<StoredDocument> {
    for (const doc of this.byOrdinal) if (doc) yield doc;
  }

  /** A snapshot for the file; compacts first, so ordinals are 0…n-1 in the order of `docs`. */
  toSnapshot(): EngineSnapshot {
    this.compact();
    return { version: ENGINE_VERSION, docs: this.byOrdinal.filter((d): d is StoredDocument => !!d), ...this.index.serialize() };
  }

  /** The engine a snapshot describes; throws when it is not one this code wrote or does not hold together. */
  static fromSnapshot(snapshot: EngineSnapshot): SearchEngine {
    if (snapshot.version !== ENGINE_VERSION) throw new Error(`search index version ${snapshot.version}, not ${ENGINE_VERSION}`);
    if (!Array.isArray(snapshot.docs) || !Array.isArray(snapshot.terms) || !snapshot.terms.every((t) => typeof t === 'string')) {
      throw new Error('not a search index snapshot');
    }
    const engine = new SearchEngine();
    engine.index = InvertedIndex.deserialize(snapshot, snapshot.docs.length);
    snapshot.docs.forEach((doc, ordinal) => {
      if (!isStoredDocument(doc) || engine.ordinalOf.has(doc.id)) throw new Error('a stored document is malformed or repeated');
      engine.byOrdinal[ordinal] = doc;
      engine.numberKeys[ordinal] = doc.number ? numberKey(doc.number) : undefined;
      engine.ordinalOf.set(doc.id, ordinal);
    });
    return engine;
  }

  private scratch: Scratch | null = null;

  /**
   * Per-document arrays for one query, allocated once (grown with the index) instead of per query: typed
   * arrays live outside V8's heap, which lets 64 MB of dead ones pile up in malloc before it collects them.
   */
  private scratchFor(size: number): Scratch {
    if (!this.scratch || this.scratch.candidates.length < size) {
      const capacity = Math.max(1024, size * 2);
      this.scratch = {
        exactScore: new Float64Array(capacity),
        anyScore: new Float64Array(capacity),
        exactMask: new Uint32Array(capacity),
        anyMask: new Uint32Array(capacity),
        candidates: new Int32Array(capacity),
        first: new Int32Array(capacity),
        second: new Int32Array(capacity),
      };
    }
    return this.scratch;
  }

  private expand(terms: string[]): Expansion {
    const last = terms.length - 1;
    const exact = terms.map((word, i) => {
      const found: TermMatch[] = this.index.has(word) ? [{ term: word, factor: 1 }] : [];
      // The last word is matched as a prefix, as it is typed ("khai gia" finds "khai giảng"); the others
      // are whole words, so "hiep hoa" does not also mean "hiệp hoạch…".
      if (i === last && word.length >= PREFIX_MIN_LENGTH) for (const term of this.index.withPrefix(word)) found.push({ term, factor: PREFIX_FACTOR });
      return found;
    });
    const typos = terms.map((word, i) => {
      if (word.length < FUZZY_MIN_LENGTH) return [];
      const already = new Set((exact[i] ?? []).map((m) => m.term));
      return this.index.oneEditFrom(word).flatMap((term) => (already.has(term) ? [] : [{ term, factor: TYPO_FACTOR }]));
    });
    return { exact, typos };
  }

  /**
   * Matches in two tiers, each by score: first documents where every word matches exactly (the last
   * one possibly as a prefix), then documents found only by forgiving one typo in a longer word. So a
   * typo match never outranks an exact one ("dinh duong" lists Dinh dưỡng before "định … dụng"). The
   * typo tier is searched only when the exact one has less than a page (TYPO_SEARCH_BELOW). When no
   * document has every word, any word may match, in the same two tiers.
   */
  search(query: string, offset: number, limit: number): { total: number; matches: RankedMatch[]; marked: { exact: Set<string>; typos: Set<string> } } {
    const none = { total: 0, matches: [], marked: { exact: new Set<string>(), typos: new Set<string>() } };
    const trimmed = query.trim();
    if (!trimmed || trimmed.length > MAX_QUERY_LENGTH) return none;
    // One bit per word in the match masks; a query of more than 30 different words is cut there.
    const terms = queryTerms(trimmed).slice(0, MAX_QUERY_WORDS);
    if (terms.length === 0) return none;
    const { exact, typos } = this.expand(terms);

    const scratch = this.scratchFor(this.index.ordinalCount);
    const alive = this.index.aliveFlags;
    // Per document: score of exact matches and of all matches, and which query words (one bit each) it
    // has exactly and in any way. Reused between queries, cleared after each.
    const { exactScore, anyScore, exactMask, anyMask, candidates, first, second } = scratch;
    let candidateCount = 0;
    const full = 2 ** terms.length - 1;
    // Plain loops over the typed arrays, no callbacks: this is where a query spends its time.
    for (let i = 0; i < terms.length; i++) {
      const bit = 1 << i;
      for (const { term, factor } of exact[i] ?? []) {
        const postings = this.index.postings(term);
        if (!postings) continue;
        const scale = this.index.idf(postings.length) * factor;
        const { ordinals, weights, length } = postings;
        for (let k = 0; k < length; k++) {
          const o = ordinals[k] as number;
          if (alive[o] !== 1) continue;
          const score = (weights[k] as number) * scale;
          exactScore[o] = (exactScore[o] as number) + score;
          anyScore[o] = (anyScore[o] as number) + score;
          exactMask[o] = (exactMask[o] as number) | bit;
          if (anyMask[o] === 0) candidates[candidateCount++] = o;
          anyMask[o] = (anyMask[o] as number) | bit;
        }
      }
    }
    let exactAll = 0;
    for (let c = 0; c < candidateCount; c++) if (exactMask[candidates[c] as number] === full) exactAll++;
    // Typo variants of common words reach most documents; they are worth the time only when the exact
    // words find less than a page. Below that, they come after every exact match anyway.
    if (exactAll < TYPO_SEARCH_BELOW) {
      for (let i = 0; i < terms.length; i++) {
        const bit = 1 << i;
        for (const { term, factor } of typos[i] ?? []) {
          const postings = this.index.postings(term);
          if (!postings) continue;
          const scale = this.index.idf(postings.length) * factor;
          const { ordinals, weights, length } = postings;
          for (let k = 0; k < length; k++) {
            const o = ordinals[k] as number;
            if (alive[o] !== 1) continue;
            anyScore[o] = (anyScore[o] as number) + (weights[k] as number) * scale;
            if (anyMask[o] === 0) candidates[candidateCount++] = o;
            anyMask[o] = (anyMask[o] as number) | bit;
          }
        }
      }
    }

    // A query that is a số ký hiệu (it has a digit) puts that very document above the ones citing it,
    // which can mention the number many times (the Quy chế attached to Quyết định 380 does).
    const key = numberKey(trimmed);
    if (/[0-9]/.test(key)) {
      for (let c = 0; c < candidateCount; c++) {
        const o = candidates[c] as number;
        const own = this.numberKeys[o];
        const factor = !own ? 1 : own === key ? EXACT_NUMBER_BOOST : own.startsWith(key) ? NUMBER_PREFIX_BOOST : 1;
        exactScore[o] = (exactScore[o] as number) * factor;
        anyScore[o] = (anyScore[o] as number) * factor;
      }
    }

    // Tier 1: every word exactly; tier 2: every word, some by a typo. Failing both, any word (same tiers).
    let firstCount = 0;
    let secondCount = 0;
    for (let c = 0; c < candidateCount; c++) {
      const o = candidates[c] as number;
      if (exactMask[o] === full) first[firstCount++] = o;
      else if (anyMask[o] === full) second[secondCount++] = o;
    }
    if (firstCount === 0 && secondCount === 0) {
      for (let c = 0; c < candidateCount; c++) {
        const o = candidates[c] as number;
        if (exactMask[o] !== 0) first[firstCount++] = o;
        else second[secondCount++] = o;
      }
    }

    const end = Math.min(offset + limit, firstCount + secondCount);
    const best = topByScore(first.subarray(0, firstCount), exactScore, end);
    const rest = best.length >= end ? [] : topByScore(second.subarray(0, secondCount), anyScore, end - best.length);
    const matches: RankedMatch[] = [];
    const ranked = [...best.map((o) => [o, false] as const), ...rest.map((o) => [o, true] as const)].slice(offset, end);
    for (const [o, fuzzy] of ranked) {
      const doc = this.byOrdinal[o];
      if (doc) matches.push({ id: doc.id, score: (fuzzy ? anyScore[o] : exactScore[o]) ?? 0, fuzzy });
    }
    for (let c = 0; c < candidateCount; c++) {
      const o = candidates[c] as number;
      exactScore[o] = 0;
      anyScore[o] = 0;
      exactMask[o] = 0;
      anyMask[o] = 0;
    }
    const markedExact = new Set(exact.flatMap((list) => list.map((m) => m.term)));
    const markedTypos = new Set(typos.flatMap((list) => list.map((m) => m.term)));
    return { total: firstCount + secondCount, matches, marked: { exact: markedExact, typos: markedTypos } };
  }
}

/**
 * The best `count` ordinals by score, best first (ties: the older document first). For a page (count
 * small) one pass keeps a sorted shortlist; a full sort only when most are wanted.
 */
function topByScore(ordinals: Int32Array, scores: Float64Array, count: number): number[] {
  if (count <= 0 || ordinals.length === 0) return [];
  const better = (a: number, b: number): number => (scores[b] as number) - (scores[a] as number) || a - b;
  if (count * 8 >= ordinals.length) return Array.from(ordinals).sort(better).slice(0, count);
  const top: number[] = [];
  for (const o of ordinals) {
    if (top.length === count && better(o, top[count - 1] as number) >= 0) continue;
    let at = top.length < count ? top.length : count - 1;
    if (top.length < count) top.push(o);
    else top[at] = o;
    while (at > 0 && better(top[at] as number, top[at - 1] as number) < 0) {
      // A temporary, not a destructuring swap: until the loop is optimised that allocates an array each time.
      const swapped = top[at - 1] as number;
      top[at - 1] = top[at] as number;
      top[at] = swapped;
      at--;
    }
  }
  return top;
}

function isStoredDocument(value: unknown): value is StoredDocument {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  const text = (k: string): boolean => typeof d[k] === 'string';
  const nullableText = (k: string): boolean => d[k] === null || typeof d[k] === 'string';
  return (
    text('id') &&
    typeof d.type === 'string' &&
    d.type in TYPE_LABELS &&
    text('title') &&
    text('number') &&
    text('text') &&
    text('url') &&
    nullableText('date') &&
    nullableText('stamp')
  );
}

export function createEngine(documents: Iterable<SearchDocument>): SearchEngine {
  const engine = new SearchEngine();
  // A duplicate id keeps the first, as the list's order decides.
  for (const doc of documents) if (!engine.get(doc.id)) engine.upsert(doc);
  // Trims the posting lists' spare capacity (they grow by doubling while the build appends).
  engine.compact();
  return engine;
}

/**
 * Which words of a hit to mark: only those that really answer a query word. For a document found
 * exactly, the words themselves and the terms the last word begins; for one found by forgiving a typo,
 * also the one-typo variants. A document found exactly can also hold a typo variant ("dụng" next to
 * "dưỡng"), which stays unmarked.
 */
function markedTerms(marked: { exact: Set<string>; typos: Set<string> }, fuzzy: boolean): Set<string> {
  return fuzzy ? new Set([...marked.exact, ...marked.typos]) : marked.exact;
}

/** One page of results: every match is ranked, but only the shown ones are highlighted. */
export function searchPage(engine: SearchEngine, query: string, offset: number, limit: number): ResultPage {
  const { total, matches, marked } = engine.search(query, offset, limit);
  const hits: SearchHit[] = [];
  for (const match of matches) {
    const doc = engine.get(match.id);
    if (!doc) continue;
    const terms = markedTerms(marked, match.fuzzy);
    hits.push({
      id: doc.id,
      type: doc.type,
      typeLabel: TYPE_LABELS[doc.type],
      url: doc.url,
      date: doc.date,
      score: match.score,
      titleHtml: highlight(doc.title, terms),
      excerptHtml: excerpt(doc.text, terms),
    });
  }
  return { hits, total };
}

/** Every match, best first, highlighted (tests and small indexes; pages use searchPage). */
export function runSearch(engine: SearchEngine, query: string): SearchHit[] {
  return searchPage(engine, query, 0, Number.MAX_SAFE_INTEGER).hits;
}

/** Kept for callers that name the engine's type. */
export type Engine = SearchEngine;
