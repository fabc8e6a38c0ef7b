/**
 * Searches run once when the index is ready, before any visitor's, so that V8 has compiled the search
 * path (ranking, typo variants, highlighting) by then. The first searches of a process have a slow tail:
 * on the bench's full dataset a one-connection p95 of 16–22 ms, 8–11 ms once warm. On a synthetic index
 * of 10,000 documents the first round's p95 was 30–72 ms without the warm-up and 29–36 ms with it (p50
 * unchanged, about 16 ms); it costs about 0.4 s of one core at start.
 */
import { FUZZY_MIN_LENGTH, type SearchEngine, searchPage, words } from './engine.ts';

/** Enough calls for V8 to optimise the functions a results page calls twenty times each. */
export const WARM_UP_SEARCHES = 48;

/** A typo (one letter dropped from the middle of the longest word), as the forgiving search handles them. */
function misspelled(folded: string[]): string | null {
  const longest = folded.reduce((best, word) => (word.length > best.length ? word : best), '');
  if (longest.length < FUZZY_MIN_LENGTH + 1) return null;
  const at = Math.floor(longest.length / 2);
  return folded.map((word) => (word === longest ? word.slice(0, at) + word.slice(at + 1) : word)).join(' ');
}

/**
 * Queries made of titles spread over the index, in the forms visitors type them: two words as written,
 * the same without diacritics, one with a typo, and a single word (a long list of hits, and a prefix).
 */
export function warmUpQueries(engine: SearchEngine, count = WARM_UP_SEARCHES): string[] {
  const every = Math.max(1, Math.floor(engine.size / Math.ceil(count / 4)));
  const queries: string[] = [];
  let index = 0;
  for (const doc of engine.documents()) {
    if (queries.length >= count) break;
    if (index++ % every !== 0) continue;
    const written = doc.title.split(/\s+/).filter(Boolean).slice(0, 2);
    const folded = words(written.join(' '));
    if (folded.length === 0) continue;
    queries.push(
      written.join(' '),
      folded.join(' '),
      misspelled(words(doc.title)) ?? folded.join(' '),
      folded[0]!.slice(0, Math.max(2, folded[0]!.length - 1)),
    );
  }
  return queries.slice(0, count);
}

/** Runs the queries (a results page each; the number of hits shown), giving way to the event loop between two, so a request arriving meanwhile waits for one search at most. */
export async function warmUp(engine: SearchEngine, perPage: number, count = WARM_UP_SEARCHES): Promise<number> {
  let hits = 0;
  for (const query of warmUpQueries(engine, count)) {
    hits += searchPage(engine, query, 0, perPage).hits.length;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return hits;
}
