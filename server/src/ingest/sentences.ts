/** Sentence boundaries in prose, as spans of the original text. Shared by the ingest and the draft analysis. */
import type { Span } from '../model/kb';
import { CharFinder, isSpaceCode } from './chars';
import { NUMBER_WORDS } from '../reading/vocab';

const ABBREVIATIONS = new Set(['u.s', 'u.n', 'e.g', 'i.e', 'mr', 'mrs', 'ms', 'dr', 'no', 'st', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'etc', 'vs', 'inc', 'ltd', 'co', 'gov', 'p', 'pp', 'para', 'art', 'sec', 'fig', 'approx', 'incl', 'esp', 'est', 'ca', 'cf', 'viz', 'vol', 'ch', 'fn', 'nos']);

const UPPER_START = /[\p{Lu}\d"'“‘([]/u;
const LETTER_OR_DOT = /[\p{L}.]/u;

/** Whether the code unit at `i` may start a sentence: what `/[\p{Lu}\d"'“‘([]/u` matches on that one code unit. */
function startsSentence(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  // Markdown emphasis may open a sentence too ("*Trainer's note:* …", "**Answer:** …").
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 34 || c === 39 || c === 40 || c === 91 || ((c === 42 || c === 95) && emphasisOpens(text, i));
  if (c === 0x201c || c === 0x2018) return true;
  return UPPER_START.test(text[i]);
}

/** `*` or `_` (up to three) right before an upper-case letter: emphasis that opens a sentence. */
function emphasisOpens(text: string, i: number): boolean {
  let j = i;
  while (j < i + 3 && (text.charCodeAt(j) === 42 || text.charCodeAt(j) === 95)) j++;
  const c = text.charCodeAt(j);
  return (c >= 65 && c <= 90) || (c > 127 && UPPER_START.test(text[j]));
}

/** What `/[\p{L}.]/u` matches on the one code unit at `i`. */
function letterOrDot(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 46 || ((c | 32) >= 97 && (c | 32) <= 122);
  return LETTER_OR_DOT.test(text[i]);
}

/** What `/["'”’)\]]/` matches on the code unit `c`. */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019;
}

/**
 * Splits [start, end) of `text` into sentences. A sentence ends at . ! or ? (and
 * any closing quotes or brackets) followed by white space and an upper-case letter,
 * a digit, a quote or a bracket; not after a known abbreviation ("U.S.") or a
 * single initial. Line breaks that leave a blank line also end a sentence.
 */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const out: Span[] = [];
  splitSentencesInto(out, text, start, end);
  return out;
}

/** The next line feed, '.', '!' or '?' of one text (what the splitter stops at), for many ranges of one big text. */
export class BreakFinder extends CharFinder {
  constructor(text: string) {
    super(text, '\n.!?');
  }
}

/**
 * `splitSentences`, appending to `out` (no array per block). With a `finder` for
 * `text`, ordinary characters are skipped by `indexOf` (for many ranges of one big
 * text); without one, by char code (a finder per call could search far past `end`).
 */
export function splitSentencesInto(out: Span[], text: string, start = 0, end = text.length, finder?: BreakFinder): void {
  let s = start;
  while (s < end && isSpaceCode(text.charCodeAt(s))) s++;
  let i = s;
  while (i < end) {
    // Most characters are none of \n . ! ?: skip them.
    if (finder) {
      i = finder.at(i);
      if (i >= end) break;
    }
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 46 && code !== 33 && code !== 63) {
      i++;
      continue;
    }
    if (code === 10) {
      if (blankLineAfter(text, i) || (i + 1 < end && TIMESTAMP_LINE.test(text.slice(i + 1, Math.min(end, i + 40)))) || LIST_CLAUSE_END.test(text.slice(Math.max(s, i - 8), i)) || (i + 1 < end && LIST_ITEM_LINE.test(text.slice(i + 1, Math.min(end, i + 12))))) {
        push(out, text, s, i);
        while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
        s = i;
        continue;
      }
      i++;
      continue;
    }
    let j = afterMarks(text, i + 1, end);
    if (j >= end) break;
    if (!isSpaceCode(text.charCodeAt(j))) {
      i++;
      continue;
    }
    let k = j;
    let newLine = false;
    // (A block quote's '>' marks at the start of a line come before the next sentence, not in it.)
    for (;;) {
      const c = text.charCodeAt(k);
      if (k >= end || !(isSpaceCode(c) || (c === 62 && newLine))) break;
      if (c === 10) newLine = true;
      k++;
    }
    if (k < end && startsSentence(text, k) && !(code === 46 && (isAbbreviation(text, s, i) || isLeader(text, s, i))) && !(code === 63 && isShortAnswer(text, k, end))) {
      push(out, text, s, j);
      s = k;
      i = k;
      continue;
    }
    i = j;
  }
  push(out, text, s, end);
}

/**
 * Past what may follow a sentence's end before the space: closing quotes and brackets, a footnote mark or a citation
 * ("… for sex trafficking.[^2] The …", "… in 2021.[@KHM-2022/prosecution.2] The …") and superscript note numbers.
 */
function afterMarks(text: string, from: number, end: number): number {
  let j = from;
  for (;;) {
    while (j < end && (isCloser(text.charCodeAt(j)) || isSuperscriptDigit(text.charCodeAt(j)))) j++;
    if (j + 1 < end && text.charCodeAt(j) === 91 && (text.charCodeAt(j + 1) === 94 || text.charCodeAt(j + 1) === 64)) {
      // (Looked for within 300 code units only: a mark with no closing bracket costs nothing more.)
      const limit = Math.min(end, j + 300);
      const inner = text.slice(j + 2, limit);
      const close = inner.indexOf(']');
      if (close < 0 || inner.slice(0, close).includes('\n')) return j;
      j = j + 2 + close + 1;
      continue;
    }
    return j;
  }
}

/**
 * A question answered at once by a figure is one statement: "Trafficking a child? Up to 25 years." reads the range with
 * the question's words (the answer alone says nothing of whom). The answer is a few words to its end mark, with a number.
 */
function isShortAnswer(text: string, from: number, end: number): boolean {
  const limit = Math.min(end, from + 48);
  const m = SHORT_ANSWER.exec(limit === end ? `${text.slice(from, end)}\n` : text.slice(from, limit));
  return m !== null && HAS_NUMBER.test(m[0]);
}
const HAS_NUMBER = new RegExp(`\\d|\\b(?:${NUMBER_WORDS.join('|')})\\b`, 'i');
const SHORT_ANSWER = /^[^\s.!?]+(?:[ \t]+[^\s.!?]+){0,5}[ \t]*(?:[.!](?=\s)|(?=\n))/;

/** ¹ ² ³ and ⁰ ⁴–⁹. */
function isSuperscriptDigit(c: number): boolean {
  return c === 0xb9 || c === 0xb2 || c === 0xb3 || c === 0x2070 || (c >= 0x2074 && c <= 0x2079);
}

/**
 * A line that opens with a time stamp starts a statement of its own, period or not: a chat message
 * ("[10/03/2024, 18:07] Priya: …"), a caption ("00:30 — ON SCREEN: …"), a log or transcript line ("14:05:12 …").
 */
const TIMESTAMP_LINE = /^[ \t]*(?:\[(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?\]|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?=[ \t,])|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?:[ \t]*[AaPp]\.?[Mm]\.?(?=[ \t])|(?=[ \t]*[-–—|])))/;

/** A line that opens a list item ("- Child victim: …", "2. …") is a statement of its own, whatever ended the line before. */
const LIST_ITEM_LINE = /^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\S/;

/**
 * A line that ends with a semicolon, or "; and" / "; or", ends a clause of a legal or listed enumeration: "WHEREAS, … 38
 * traffickers …; and" and the next "WHEREAS, …" line are statements of their own, period or not.
 */
const LIST_CLAUSE_END = /;[ \t]*(?:and|or)?[ \t]*\r?$/;

/** What `/^\n[ \t]*\n/` matches on `text.slice(i, i + 40)`, given a line feed at `i`. */
function blankLineAfter(text: string, i: number): boolean {
  const limit = Math.min(i + 40, text.length);
  let j = i + 1;
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
    j++;
  }
  return false;
}

/** Dot leaders ("CAMBODIA ........ TIER 3", "Cambodia . . . . Tier 3"): four or more dots, each at most a space apart, end no sentence. */
function isLeader(text: string, sentenceStart: number, dot: number): boolean {
  let n = 1;
  let j = dot - 1;
  while (j >= sentenceStart && n < 4) {
    if (text.charCodeAt(j) === 46) {
      n++;
      j--;
    } else if (text.charCodeAt(j) === 32 && j - 1 >= sentenceStart && text.charCodeAt(j - 1) === 46) j--;
    else break;
  }
  return n >= 4;
}

function isAbbreviation(text: string, sentenceStart: number, dot: number): boolean {
  let b = dot;
  while (b > sentenceStart && letterOrDot(text, b - 1)) b--;
  const word = text.slice(b, dot).toLowerCase();
  if (word.length === 1) return true; // an initial: "J. Smith"
  return ABBREVIATIONS.has(word);
}

/**
 * The longest sentence the checks see, in code units. Real sentences stay far below it (the longest in
 * the source texts and the evaluation drafts is about 1,200); a longer run of text without a sentence
 * end (a pasted table row, a column of numbers, an attack) is cut into windows of at most this length at
 * white space, so that no check's work on one sentence can grow with the size of the document.
 */
export const MAX_SENTENCE = 2000;

function push(out: Span[], text: string, start: number, end: number): void {
  let e = end;
  while (e > start && isSpaceCode(text.charCodeAt(e - 1))) e--;
  while (e - start > MAX_SENTENCE) {
    let cut = start + MAX_SENTENCE;
    const floor = start + (MAX_SENTENCE >> 1);
    while (cut > floor && !isSpaceCode(text.charCodeAt(cut))) cut--;
    if (cut === floor) cut = start + MAX_SENTENCE;
    // Never between the two halves of a surrogate pair.
    const c = text.charCodeAt(cut);
    if (c >= 0xdc00 && c <= 0xdfff) cut--;
    let windowEnd = cut;
    while (windowEnd > start && isSpaceCode(text.charCodeAt(windowEnd - 1))) windowEnd--;
    if (windowEnd > start) out.push({ start, end: windowEnd });
    start = cut;
    while (start < e && isSpaceCode(text.charCodeAt(start))) start++;
  }
  if (e > start) out.push({ start, end: e });
}
