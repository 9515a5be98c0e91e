/** Sentence boundaries in prose, as spans of the original text. Shared by the ingest and the draft analysis. */
import type { Span } from '../service/kb';

const ABBREVIATIONS = new Set(['u.s', 'u.n', 'e.g', 'i.e', 'mr', 'mrs', 'ms', 'dr', 'no', 'st', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'etc', 'vs', 'inc', 'ltd', 'co', 'gov', 'p', 'pp', 'para', 'art', 'sec', 'fig', 'approx']);

/**
 * Splits [start, end) of `text` into sentences. A sentence ends at . ! or ? (and
 * any closing quotes or brackets) followed by white space and an upper-case letter,
 * a digit, a quote or a bracket; not after a known abbreviation ("U.S.") or a
 * single initial. Line breaks that leave a blank line also end a sentence.
 */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const out: Span[] = [];
  let s = start;
  while (s < end && /\s/.test(text[s])) s++;
  let i = s;
  while (i < end) {
    // Most characters are none of \n . ! ?: skip them without making a one-character string.
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 46 && code !== 33 && code !== 63) {
      i++;
      continue;
    }
    const c = text[i];
    if (c === '\n' && /^\n[ \t]*\n/.test(text.slice(i, i + 40))) {
      push(out, text, s, i);
      while (i < end && /\s/.test(text[i])) i++;
      s = i;
      continue;
    }
    if (c === '.' || c === '!' || c === '?') {
      let j = i + 1;
      while (j < end && /["'”’)\]]/.test(text[j])) j++;
      if (j >= end) break;
      if (!/\s/.test(text[j])) {
        i++;
        continue;
      }
      let k = j;
      while (k < end && /\s/.test(text[k])) k++;
      const next = text[k];
      if (k < end && /[\p{Lu}\d"'“‘([]/u.test(next) && !(c === '.' && isAbbreviation(text, s, i))) {
        push(out, text, s, j);
        s = k;
        i = k;
        continue;
      }
      i = j;
      continue;
    }
    i++;
  }
  push(out, text, s, end);
  return out;
}

function isAbbreviation(text: string, sentenceStart: number, dot: number): boolean {
  let b = dot;
  while (b > sentenceStart && /[\p{L}.]/u.test(text[b - 1])) b--;
  const word = text.slice(b, dot).toLowerCase();
  if (word.length === 1) return true; // an initial: "J. Smith"
  return ABBREVIATIONS.has(word);
}

function push(out: Span[], text: string, start: number, end: number): void {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  if (e > start) out.push({ start, end: e });
}
