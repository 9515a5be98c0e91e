/**
 * A cheap test of whether fuse.js could match a word against a text at all: the search's prefilter
 * (search.ts). fuse.js (Bitap, `ignoreLocation`, `minMatchCharLength: 2`) accepts a word of length m in a
 * text that equals it, or else when
 *  - some substring of the lowercased text is within e edits (insertions, deletions, substitutions) of the
 *    lowercased word with e / m ≤ threshold, and
 *  - its mask of matched characters (every text character that occurs in the word) has a run of two: two
 *    characters of the word side by side somewhere in the text (a one-letter word: that letter twice).
 * It runs one pass over the text per error level, allocating a mask as long as the text each time. Here
 * one pass checks the pair, and one more (Myers' bit-parallel edit distance, the word's positions as bits
 * of a 32-bit integer) finds the fewest edits of any substring. A text this rejects fuse.js would reject
 * too, so searching only what it accepts gives fuse.js's very results, faster.
 */

/** fuse.js's longest pattern per Bitap pass (longer ones it searches in chunks: not filtered here). */
export const MAX_FILTER_CHARS = 32;

/** A word compiled for the test: its length, the most edits fuse.js allows it, and each character's positions as bits. */
export interface FuzzyWord {
  word: string;
  length: number;
  maxEdits: number;
  ascii: Int32Array;
  other: Map<number, number>;
}

/** The most edits fuse.js allows a word of `length` characters at `threshold` (its score: edits / length). */
export function maxEdits(length: number, threshold: number): number {
  let k = 0;
  while (k + 1 < length && (k + 1) / length <= threshold) k++;
  return k;
}

/** The word compiled (lowercased, as fuse.js compares), or undefined when it is too long to filter or empty. */
export function fuzzyWord(word: string, threshold: number): FuzzyWord | undefined {
  const w = word.toLowerCase();
  if (w.length === 0 || w.length > MAX_FILTER_CHARS) return undefined;
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 128) ascii[c] |= 1 << i;
    else other.set(c, (other.get(c) ?? 0) | (1 << i));
  }
  return { word: w, length: w.length, maxEdits: maxEdits(w.length, threshold), ascii, other };
}

/** Whether fuse.js could match the word in `lowerText` (already lowercased): false only when it would not. */
export function mayMatch(p: FuzzyWord, lowerText: string): boolean {
  return lowerText === p.word || (hasPair(p, lowerText) && withinEdits(p, lowerText));
}

/** Whether two characters of the word stand side by side somewhere in `lowerText`. */
export function hasPair(p: FuzzyWord, lowerText: string): boolean {
  const { ascii, other } = p;
  let before = false;
  for (let j = 0; j < lowerText.length; j++) {
    const c = lowerText.charCodeAt(j);
    const inWord = (c < 128 ? ascii[c] : (other.get(c) ?? 0)) !== 0;
    if (inWord && before) return true;
    before = inWord;
  }
  return false;
}

/** Whether some substring of `lowerText` (already lowercased) is within the word's allowed edits of it. */
export function withinEdits(p: FuzzyWord, lowerText: string): boolean {
  const m = p.length;
  const k = p.maxEdits;
  // A substring within k edits of the word is at least m - k long.
  if (lowerText.length < m - k) return false;
  const high = 1 << (m - 1);
  const all = m === 32 ? -1 : (1 << m) - 1;
  let pv = all;
  let mv = 0;
  let score = m;
  const { ascii, other } = p;
  for (let j = 0; j < lowerText.length; j++) {
    const c = lowerText.charCodeAt(j);
    const eq = c < 128 ? ascii[c] : (other.get(c) ?? 0);
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) ^ pv) | eq) & all;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & high) score++;
    else if (mh & high) score--;
    if (score <= k) return true;
    // A substring may start anywhere: the top row stays 0 (no carry in at bit 0).
    ph = (ph << 1) & all;
    mh = (mh << 1) & all;
    pv = (mh | ~(xv | ph)) & all;
    mv = ph & xv;
  }
  return false;
}
