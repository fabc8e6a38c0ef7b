/**
 * Highlighting search matches in the original text when matching happened on folded text.
 *
 * Folding changes lengths ("ệ" precomposed is 1 code unit, NFD "ệ" is 3, folded "e" is 1; "İ" lowercases
 * to 2), so a position in the folded string is not a position in the original. foldWithMap folds code
 * point by code point and records, for every folded code unit, the original index it came from.
 */
import { escapeHtml } from '../blocks.ts';
import { fold } from '../text/fold.ts';

export interface FoldedText {
  /** The concatenation of fold() of each code point of the original. */
  folded: string;
  /**
   * map[i] is the index in the original of the code point that produced folded[i]; map[folded.length]
   * is the original's length. A combining mark folds to nothing, so it belongs to the range of the
   * letter before it: the end of a match (map[end]) lands after the marks.
   */
  map: number[];
}

/** fold() of single code points, memoised: highlighting folds every character of each shown excerpt. */
const foldedChars = new Map<string, string>();
const MAX_MEMO = 10_000;

function foldChar(char: string): string {
  let piece = foldedChars.get(char);
  if (piece === undefined) {
    piece = fold(char);
    // Text of a school site uses a few hundred distinct characters; the bound only guards odd input.
    if (foldedChars.size < MAX_MEMO) foldedChars.set(char, piece);
  }
  return piece;
}

export function foldWithMap(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  let index = 0;
  for (const char of text) {
    const piece = foldChar(char);
    folded += piece;
    for (let k = 0; k < piece.length; k++) map.push(index);
    index += char.length;
  }
  map.push(text.length);
  return { folded, map };
}

/** Words as the index sees them: letters, digits and the combining marks that belong to letters. */
export const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

export interface Range {
  start: number;
  end: number;
}

/** fold() of whole words, memoised: a school's texts repeat a few thousand syllables. */
const foldedWords = new Map<string, string>();

function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = fold(word);
    if (foldedWords.size < 50_000) foldedWords.set(word, folded);
  }
  return folded;
}

/**
 * Per UTF-16 code unit: 1 for a letter or digit, 3 for a combining mark (both in WORD), 2 for anything
 * else, 0 not asked yet. A surrogate pair is asked as one code point, never stored.
 */
const unitKinds = new Uint8Array(0x10000);
const WORD_CODE_POINT = /^[\p{L}\p{N}\p{M}]$/u;
const MARK = /^\p{M}$/u;
/** Per code unit: 1 + the length of its fold() (0: not asked yet), and the first code unit of that fold. */
const foldedLengths = new Uint8Array(0x10000);
const foldedFirsts = new Uint16Array(0x10000);

function unitKind(code: number): number {
  let kind = unitKinds[code] ?? 0;
  if (kind === 0) {
    const char = String.fromCharCode(code);
    kind = !WORD_CODE_POINT.test(char) ? 2 : MARK.test(char) ? 3 : 1;
    unitKinds[code] = kind;
  }
  return kind;
}

function foldedLength(code: number): number {
  let length = foldedLengths[code] ?? 0;
  if (length === 0) {
    const folded = fold(String.fromCharCode(code));
    length = folded.length + 1;
    foldedLengths[code] = length;
    foldedFirsts[code] = folded.charCodeAt(0) || 0;
  }
  return length - 1;
}

/** Code units of the word character at `i` (1, or 2 for a pair of surrogates), 0 when it is not one. */
function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return WORD_CODE_POINT.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return unitKind(code) === 2 ? 0 : 1;
}

/**
 * Ranges of the original text whose words, once folded, are one of `terms` (already folded: the index
 * terms the query really matched, see engine.ts). Words are found in the original text (letters with
 * their combining marks) and folded one by one, so a range is a whole original word, marks included;
 * that needs no position map, which matters because every shown hit's excerpt is scanned. Only words that
 * begin at `from` or later and end by `to` count; `firstOnly` stops at the first match.
 *
 * A loop over code units with tables, not WORD.matchAll: a results page scans twenty texts, and the
 * regular expression's match objects made that most of a search's time. A word is folded only when its
 * folded length is a term's and, when it begins with a letter, that letter folds to a term's first
 * letter. Both are exact: fold() (NFD, marks dropped, lower case) gives a word as many code units as it
 * gives its characters one by one, and never moves a word's first letter.
 */
export function findMatches(text: string, terms: Iterable<string>, from = 0, to = text.length, firstOnly = false): Range[] {
  const wanted = terms instanceof Set ? (terms as Set<string>) : new Set([...terms].filter(Boolean));
  if (wanted.size === 0 || !text) return [];
  const lengths = new Set<number>();
  const firsts = new Set<number>();
  for (const term of wanted) {
    lengths.add(term.length);
    firsts.add(term.charCodeAt(0));
  }
  const ranges: Range[] = [];
  // Begin at the start of the word that `from` falls in, so that its tail is not taken for a word.
  let i = Math.max(0, from);
  for (;;) {
    if (i >= 2 && wordCharAt(text, i - 2) === 2) i -= 2;
    else if (i >= 1 && wordCharAt(text, i - 1) === 1) i--;
    else break;
  }
  const length = Math.min(text.length, to);
  while (i < length) {
    let step = wordCharAt(text, i);
    if (step === 0) {
      i++;
      continue;
    }
    const start = i;
    let folded = 0;
    // The folded first letter, or -1 when the word begins with a mark or outside the BMP (not filtered).
    let first = -1;
    while (step > 0) {
      if (step === 1) {
        const code = text.charCodeAt(i);
        folded += foldedLength(code);
        if (i === start && unitKind(code) === 1) first = foldedFirsts[code] ?? -1;
      } else folded += fold(text.slice(i, i + 2)).length;
      i += step;
      step = i < text.length ? wordCharAt(text, i) : 0;
    }
    if (start < from || i > length || !lengths.has(folded) || (first >= 0 && !firsts.has(first))) continue;
    if (!wanted.has(foldWord(text.slice(start, i)))) continue;
    ranges.push({ start, end: i });
    if (firstOnly) break;
  }
  return ranges;
}

/** HTML of `text` with <mark> around the given ranges (sorted, non-overlapping), everything else escaped. */
export function markRanges(text: string, ranges: Range[]): string {
  let html = '';
  let at = 0;
  for (const { start, end } of ranges) {
    if (start < at) continue;
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/** The whole text, escaped, with matches marked (for titles). */
export function highlight(text: string, terms: Iterable<string>): string {
  return markRanges(text, findMatches(text, terms));
}

export const EXCERPT_LENGTH = 200;
/** Whitespace that excerpt() must even out: a run, a kind other than the space, or at the start. */
const UNEVEN_SPACE = /\s\s|[^\S ]|^\s/;
/** How much text to keep before the first match, so it reads in context. */
const LEAD = 60;

/**
 * A window of about `length` characters around the first match, cut at spaces, escaped, with every
 * match inside it marked. Without a match (the title matched, not the text) it is the text's beginning.
 */
export function excerpt(text: string, terms: Iterable<string>, length = EXCERPT_LENGTH): string {
  // The engine's texts are already single-spaced: testing costs no allocation, replacing a copy of the text
  // for each shown hit was most of what a search allocated.
  // A stored text cut at its 600th character may end with one space.
  const clean = UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.endsWith(' ') ? text.slice(0, -1) : text;
  if (!clean) return '';
  const wanted = terms instanceof Set ? (terms as Set<string>) : new Set([...terms].filter(Boolean));
  // The first match places the window; only the window is then scanned for the others.
  const first = findMatches(clean, wanted, 0, clean.length, true)[0];
  let start = 0;
  if (first && clean.length > length) {
    start = Math.max(0, Math.min(first.start - LEAD, clean.length - length));
    if (start > 0) {
      // Begin at a word, never inside one (nor inside a letter's combining marks).
      const space = clean.indexOf(' ', start);
      start = space >= 0 && space < first.start ? space + 1 : start;
    }
  }
  let end = Math.min(clean.length, start + length);
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end);
    if (space > start && (!first || space >= first.end)) end = space;
  }
  const inside = first ? findMatches(clean, wanted, start, end).map((m) => ({ start: m.start - start, end: m.end - start })) : [];
  const body = markRanges(clean.slice(start, end), inside);
  return `${start > 0 ? '… ' : ''}${body}${end < clean.length ? ' …' : ''}`;
}
