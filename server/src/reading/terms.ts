/**
 * Content terms of a sentence: lower-cased words, read through the report's synonyms
 * (vocab.ts), stop words dropped, stemmed (Porter2), so "prosecutions" in a draft
 * and "prosecuted" in the report are the same term.
 */
import stem from 'wink-porter2-stemmer';
import { STOPWORDS, SYNONYMS } from './vocab';

const STOP = new Set(STOPWORDS);
const WORD = /[\p{L}][\p{L}'’]*|\d{4}/gu;

/** The term of one lower-case word, or undefined for a stop word; `memo` (the caller's, for one pass) remembers stems. */
export function termOf(word: string, memo?: Map<string, string | undefined>): string | undefined {
  if (memo) {
    const known = memo.get(word);
    if (known !== undefined || memo.has(word)) return known;
    const t = termOf(word);
    memo.set(word, t);
    return t;
  }
  const w = word.replace(/['’]s?$/, '');
  if (w.length < 2 || STOP.has(w)) return undefined;
  const syn = SYNONYMS[w] ?? w;
  if (STOP.has(syn)) return undefined;
  return /^\d/.test(syn) ? syn : stem(syn);
}

/** The distinct terms of text[start, end) (hyphenated words count as their parts). */
export function termsOf(text: string, start = 0, end = text.length, memo?: Map<string, string | undefined>): Set<string> {
  const out = new Set<string>();
  addTermsOf(out, text, start, end, memo);
  return out;
}

/** Adds the terms of text[start, end) to `terms` (termsOf into a set the caller has). */
export function addTermsOf(terms: Set<string>, text: string, start: number, end: number, memo?: Map<string, string | undefined>): void {
  eachTerm(text, start, end, memo, (t) => terms.add(t));
}

/** Deletes the terms of text[start, end) from `terms` (what termsOf would give, taken out without a set of its own). */
export function deleteTermsOf(terms: Set<string>, text: string, start: number, end: number, memo?: Map<string, string | undefined>): void {
  eachTerm(text, start, end, memo, (t) => terms.delete(t));
}

function eachTerm(text: string, start: number, end: number, memo: Map<string, string | undefined> | undefined, use: (term: string) => void): void {
  const slice = text.slice(start, end).toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    const t = termOf(m[0], memo);
    if (t) use(t);
  }
}
