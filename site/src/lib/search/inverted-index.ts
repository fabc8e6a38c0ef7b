/**
 * A compact inverted index over folded Vietnamese words, built for this site's sizes (tens of thousands of
 * documents, a vocabulary of a few thousand syllables) and for one-document updates.
 *
 * Each index term has a posting list of (document ordinal, weight) in typed arrays: 8 bytes a posting,
 * where a Map-per-term index (MiniSearch) costs several times that and scores through hash lookups. The
 * weight is the term's BM25 contribution in that document, field boosts included, computed once when the
 * document is added (with fixed average field lengths, so a document weighs the same whether it came in a
 * full build or a later update); idf is applied at query time.
 *
 * Updates: a document gets a new ordinal each time it is added; removing it marks its ordinal dead, and
 * queries skip dead postings. When a tenth of the ordinals are dead, compact() drops them and renumbers,
 * which needs no document text.
 */

export const FIELDS = ['title', 'number', 'summary', 'body'] as const;
export type Field = (typeof FIELDS)[number];

const K1 = 1.2;
const B = 0.7;
/** Typical lengths in words; fixed, so weights do not depend on what else was indexed first. */
const AVERAGE_LENGTH: Record<Field, number> = { title: 10, number: 3, summary: 30, body: 300 };

class Postings {
  ordinals: Uint32Array;
  weights: Float32Array;
  length = 0;

  constructor(capacity = 4, ordinals?: Uint32Array, weights?: Float32Array) {
    this.ordinals = ordinals ?? new Uint32Array(capacity);
    this.weights = weights ?? new Float32Array(capacity);
    if (ordinals) this.length = ordinals.length;
  }

  push(ordinal: number, weight: number): void {
    if (this.length === this.ordinals.length) {
      // Long lists grow by a quarter, not double: a publication adds one posting to each of its words'
      // lists, and doubling every common word's list (trimmed to size) made the first one after a start
      // take 25 MB more at the benchmark's scale.
      const capacity = this.length < 1024 ? Math.max(4, this.length * 2) : this.length + (this.length >> 2);
      const ordinals = new Uint32Array(capacity);
      ordinals.set(this.ordinals.subarray(0, this.length));
      const weights = new Float32Array(capacity);
      weights.set(this.weights.subarray(0, this.length));
      this.ordinals = ordinals;
      this.weights = weights;
    }
    this.ordinals[this.length] = ordinal;
    this.weights[this.length] = weight;
    this.length++;
  }
}

/** Index terms of one document with their weights: what add() needs, from the folded words of each field. */
export function weighTerms(fields: Record<Field, string[]>, boost: Record<Field, number>): Map<string, number> {
  const weights = new Map<string, number>();
  for (const field of FIELDS) {
    const words = fields[field];
    if (words.length === 0) continue;
    const counts = new Map<string, number>();
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    const norm = K1 * (1 - B + (B * words.length) / AVERAGE_LENGTH[field]);
    for (const [word, tf] of counts) {
      weights.set(word, (weights.get(word) ?? 0) + (boost[field] * tf * (K1 + 1)) / (tf + norm));
    }
  }
  return weights;
}

export type { Postings };

export interface TermMatch {
  term: string;
  /** 1 for the word itself, less for a prefix or a one-typo variant. */
  factor: number;
}

export class InvertedIndex {
  private readonly terms = new Map<string, Postings>();
  /** Vocabulary sorted, for prefix lookups; rebuilt lazily after new terms arrive. */
  private sorted: string[] | null = null;
  /** Vocabulary by length, for typo lookups. */
  private readonly byLength = new Map<number, string[]>();
  private alive = new Uint8Array(1024);
  /** Ordinals handed out so far (alive or dead). */
  ordinalCount = 0;
  aliveCount = 0;

  get termCount(): number {
    return this.terms.size;
  }

  get deadCount(): number {
    return this.ordinalCount - this.aliveCount;
  }

  isAlive(ordinal: number): boolean {
    return this.alive[ordinal] === 1;
  }

  /** Adds a document's weighted terms under a new ordinal, which it returns. */
  add(weights: Map<string, number>): number {
    const ordinal = this.ordinalCount++;
    if (ordinal >= this.alive.length) {
      const alive = new Uint8Array(this.alive.length * 2);
      alive.set(this.alive);
      this.alive = alive;
    }
    this.alive[ordinal] = 1;
    this.aliveCount++;
    for (const [term, weight] of weights) {
      let postings = this.terms.get(term);
      if (!postings) {
        postings = new Postings();
        this.terms.set(term, postings);
        this.sorted = null;
        const same = this.byLength.get(term.length);
        if (same) same.push(term);
        else this.byLength.set(term.length, [term]);
      }
      postings.push(ordinal, weight);
    }
    return ordinal;
  }

  remove(ordinal: number): void {
    if (this.alive[ordinal] !== 1) return;
    this.alive[ordinal] = 0;
    this.aliveCount--;
  }

  /** Worth compacting: a tenth of the ordinals (and at least a hundred) are dead. */
  get wantsCompaction(): boolean {
    return this.deadCount >= 100 && this.deadCount * 10 >= this.ordinalCount;
  }

  /**
   * Drops dead postings and renumbers the living ordinals 0…n-1 in their order; returns old → new ordinal
   * (-1 for dead ones) so the caller can renumber its documents.
   */
  compact(): Int32Array {
    const renumber = new Int32Array(this.ordinalCount).fill(-1);
    let next = 0;
    for (let ordinal = 0; ordinal < this.ordinalCount; ordinal++) if (this.alive[ordinal] === 1) renumber[ordinal] = next++;
    for (const [term, postings] of this.terms) {
      let kept = 0;
      for (let i = 0; i < postings.length; i++) {
        const to = renumber[postings.ordinals[i] ?? 0] ?? -1;
        if (to < 0) continue;
        postings.ordinals[kept] = to;
        postings.weights[kept] = postings.weights[i] ?? 0;
        kept++;
      }
      if (kept === 0) {
        this.terms.delete(term);
        this.sorted = null;
        const same = this.byLength.get(term.length);
        if (same)
          this.byLength.set(
            term.length,
            same.filter((t) => t !== term),
          );
        continue;
      }
      // Trimmed when a list has much spare capacity (after a build, from doubling); copying every list
      // after each publication would double the index's memory for a moment, for a few bytes.
      if (postings.ordinals.length - kept > kept / 4 + 4) {
        postings.ordinals = postings.ordinals.slice(0, kept);
        postings.weights = postings.weights.slice(0, kept);
      }
      postings.length = kept;
    }
    this.alive = new Uint8Array(Math.max(1024, next * 2));
    this.alive.fill(1, 0, next);
    this.ordinalCount = next;
    this.aliveCount = next;
    return renumber;
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** Terms that begin with `prefix`, the prefix itself excluded. */
  withPrefix(prefix: string): string[] {
    if (!this.sorted) this.sorted = [...this.terms.keys()].sort();
    const sorted = this.sorted;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((sorted[mid] ?? '') < prefix) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (let i = low; i < sorted.length; i++) {
      const term = sorted[i] ?? '';
      if (!term.startsWith(prefix)) break;
      if (term !== prefix) found.push(term);
    }
    return found;
  }

  /** Terms exactly one edit (insertion, deletion, substitution) away from `word`. */
  oneEditFrom(word: string): string[] {
    const found: string[] = [];
    for (let length = word.length - 1; length <= word.length + 1; length++) {
      for (const term of this.byLength.get(length) ?? []) if (term !== word && oneEditApart(term, word)) found.push(term);
    }
    return found;
  }

  /** A term's posting list (its arrays may hold spare capacity past `length`), or undefined. */
  postings(term: string): Readonly<Postings> | undefined {
    return this.terms.get(term);
  }

  /** 1 for a living ordinal, 0 for a removed one; read by the query loop directly, for speed. */
  get aliveFlags(): Uint8Array {
    return this.alive;
  }

  /** Inverse document frequency of a term held by `df` documents (removed ones count until compaction). */
  idf(df: number): number {
    const n = Math.max(1, this.aliveCount);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The index as plain arrays: living postings only, after compaction. */
  serialize(): { terms: string[]; offsets: Uint32Array; ordinals: Uint32Array; weights: Float32Array } {
    const terms = [...this.terms.keys()];
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    terms.forEach((term, i) => {
      offsets[i] = total;
      total += this.terms.get(term)?.length ?? 0;
    });
    offsets[terms.length] = total;
    const ordinals = new Uint32Array(total);
    const weights = new Float32Array(total);
    terms.forEach((term, i) => {
      const postings = this.terms.get(term);
      if (!postings) return;
      ordinals.set(postings.ordinals.subarray(0, postings.length), offsets[i]);
      weights.set(postings.weights.subarray(0, postings.length), offsets[i]);
    });
    return { terms, offsets, ordinals, weights };
  }

  static deserialize(data: { terms: string[]; offsets: Uint32Array; ordinals: Uint32Array; weights: Float32Array }, documentCount: number): InvertedIndex {
    const index = new InvertedIndex();
    const { terms, offsets, ordinals, weights } = data;
    if (offsets.length !== terms.length + 1 || ordinals.length !== weights.length || offsets[terms.length] !== ordinals.length) {
      throw new Error('posting lists do not fit together');
    }
    terms.forEach((term, i) => {
      const from = offsets[i] ?? 0;
      const to = offsets[i + 1] ?? 0;
      if (to < from) throw new Error('posting offsets go backwards');
      // Copies, not views: a list that grows later must not write into its neighbour's bytes.
      index.terms.set(term, new Postings(0, ordinals.slice(from, to), weights.slice(from, to)));
      const same = index.byLength.get(term.length);
      if (same) same.push(term);
      else index.byLength.set(term.length, [term]);
    });
    for (const ordinal of ordinals) if (ordinal >= documentCount) throw new Error('a posting names a document that is not there');
    index.alive = new Uint8Array(Math.max(1024, documentCount * 2));
    index.alive.fill(1, 0, documentCount);
    index.ordinalCount = documentCount;
    index.aliveCount = documentCount;
    return index;
  }
}

/** True when a and b differ by exactly one insertion, deletion or substitution. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (a.length < b.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) === 1;
}
