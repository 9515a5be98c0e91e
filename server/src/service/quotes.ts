/** Quotations in a draft and where they are in the reports: exact (after normalising PDF artefacts) or close (one word changed). */
import { codePointAt, isLetterOrNumber } from '../ingest/chars';
import { words, type WordToken } from '../ingest/normalize';
import type { DraftText } from './draft';
import type { Report, Span } from '../model/kb';
import { derived, derivedKey } from '../model/derived';
import { BRITISH_SPELLINGS, ISE_WORDS, STOPWORDS } from '../reading/vocab';

const BRITISH: ReadonlyMap<string, string> = new Map(BRITISH_SPELLINGS);
const STOP: ReadonlySet<string> = new Set(STOPWORDS);

export interface DraftQuote {
  /** With the quote marks. */
  span: Span;
  /** The quoted words only. */
  inner: Span;
  words: number;
  block: boolean;
}

/** A closing quotation mark, then a source line: a dash and a short attribution, or one in parentheses, to the block's end. */
const BLOCK_QUOTE_SOURCE = /[”"]\s*(?:(?:—|―|--|–)\s*[^\n”"]{1,160}|\([^()\n”"]{1,160}\)\.?)\s*$/;

/**
 * An inline quotation: “…”, "…", and in British style ‘…’ or '…' (an apostrophe inside, "government’s", is not its end; one
 * after a letter, "traffickers' networks", does not open one; a wiki's ''italics'' are not one). Bounded, so a line of unmatched
 * marks stays linear.
 */
const INLINE_QUOTE = /“([^“”]{3,}?)”|(?<![\w])"([^"\n]{3,}?)"(?![\w])|(?<![\p{L}\p{N}‘’'])‘((?:[^‘’\n]|’(?=\p{L})){3,400}?)’(?![\p{L}\p{N}])|(?<![\p{L}\p{N}‘’'])'(?!')((?:[^'\n]|'(?=\p{L})){3,400}?)(?<!')'(?![\p{L}\p{N}'])/gu;

/** “…”, "…", ‘…’, '…' and Markdown block quotes (> …), in prose only. */
export function findQuotes(draft: DraftText): DraftQuote[] {
  return findQuotesIn(draft, 0, draft.blocks.length, []);
}

/**
 * The quotations of blocks [from, to) of the draft, appended to `out` in block order. A block's quotations read only the
 * prose from the start of its first line to its end (quoteScan.ts reuses them while that is unchanged).
 */
export function findQuotesIn(draft: DraftText, from: number, to: number, out: DraftQuote[]): DraftQuote[] {
  const prose = draft.prose;
  for (let k = from; k < to; k++) {
    const b = draft.blocks[k];
    const t = prose.slice(b.start, b.end);
    const lineStart = prose.lastIndexOf('\n', b.start - 1) + 1;
    if (/^\s{0,3}>/.test(prose.slice(lineStart, b.start + 1))) {
      let end = b.end;
      const cite = /\s*\[[^\]]*@[^\]]*\]\s*\.?\s*$/.exec(t);
      if (cite) end = b.start + cite.index;
      // '> “…” — *2022 TIP Report, Cambodia*', '> "…" (State Department, 2022)': the source named after the closing quote is not quoted.
      const source = BLOCK_QUOTE_SOURCE.exec(prose.slice(b.start, end));
      if (source) end = b.start + source.index + 1;
      let start = b.start;
      while (start < end && /["“\s]/.test(prose[start])) start++;
      while (end > start && /["”\s]/.test(prose[end - 1])) end--;
      const n = countWords(prose.slice(start, end));
      if (n > 0) out.push({ span: { start: b.start, end: b.end }, inner: { start, end }, words: n, block: true });
      // A block quote that quotes in turn (a reply, an e-mail: '> For me it's the summary: "… remained widespread and
      // systemic".') holds quotations of its own, checked as any other.
      if (!/["“”]/.test(prose.slice(start, end))) continue;
    }
    if (t.indexOf('"') < 0 && t.indexOf('“') < 0 && t.indexOf('‘') < 0 && t.indexOf("'") < 0) continue; // no quote can start here
    for (const m of t.matchAll(INLINE_QUOTE)) {
      const inner = m[1] ?? m[2] ?? m[3] ?? m[4];
      // (Single quotation marks are apostrophes too: a span they close is a quotation only when it holds two words or more.)
      if ((m[3] !== undefined || m[4] !== undefined) && countWords(inner) < 2) continue;
      const s = b.start + m.index;
      const innerStart = s + 1;
      const innerEnd = s + m[0].length - 1;
      out.push({ span: { start: s, end: innerEnd + 1 }, inner: { start: innerStart, end: innerEnd }, words: countWords(inner), block: false });
    }
  }
  return out;
}

/** How many runs of letters and digits (`[\p{L}\p{N}]+` with the u flag) `s` holds, counted without a match per word. */
export function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; ) {
    const cp = codePointAt(s, i, s.length);
    const word = isLetterOrNumber(cp);
    if (word && !inWord) n++;
    inWord = word;
    i += cp > 0xffff ? 2 : 1;
  }
  return n;
}

interface WordIndex {
  words: WordToken[];
  index: Map<string, number[]>;
}

const WORD_INDEX = derivedKey<WordIndex>('quote word index');

function indexOf(report: Report): WordIndex {
  return derived(report, WORD_INDEX, () => {
    const ws = words(report.text);
    const index = new Map<string, number[]>();
    ws.forEach((w, i) => {
      const l = index.get(w.word);
      if (l) l.push(i);
      else index.set(w.word, [i]);
    });
    return { words: ws, index };
  });
}

export interface QuoteMatch {
  report: Report;
  exact: boolean;
  /** The matched passage in the report text. */
  span: Span;
  /** The sentence (or sentences) holding it. */
  sentence: Span;
  paragraph: string;
  /** The source's wording, PDF spacing repaired, to put back in the draft. */
  display: string;
  distance: number;
  /**
   * What quote.mismatch says of a quotation matched to this passage, worked out once for the quotation's text (a match
   * remembered from the draft's last version keeps it: an edit elsewhere does not diff the quote again).
   */
  described?: { quoted: string; changes: string; title: string };
}

/** Words whose insertion or omission does not change a quote's meaning (the source's PDF dropped some: "indicators forced labor"). */
/** The share of a quotation's words that may differ from a report passage for it still to be a (mis)quotation of it: "ahead of … through" for "in advance of … by" is three of nine. */
const MAX_QUOTE_CHANGE = 0.4;
const FREE = new Set(['of', 'the', 'a', 'an']);

/**
 * Drafts are re-checked on every keystroke with the same quotes in them: the answers for one document, owned by
 * whoever analyses it (the service, per URI). Two generations, as SentenceReadings: this version's quotes and the
 * last version's, nothing older. An answer is reused only for the same report objects (a reloaded report is new).
 */
export class QuoteMatches {
  #previous = new Map<string, { reports: readonly Report[]; match: QuoteMatch | undefined }>();
  #current = new Map<string, { reports: readonly Report[]; match: QuoteMatch | undefined }>();

  nextVersion(): void {
    if (this.#current.size) this.#previous = this.#current;
    this.#current = new Map();
  }

  lookup(quote: string, reports: readonly Report[], compute: () => QuoteMatch | undefined): QuoteMatch | undefined {
    const same = (e: { reports: readonly Report[] } | undefined) => e !== undefined && e.reports.length === reports.length && e.reports.every((r, i) => r === reports[i]);
    let e = this.#current.get(quote);
    if (!same(e)) {
      const old = this.#previous.get(quote);
      e = same(old) ? old! : { reports: [...reports], match: compute() };
      this.#current.set(quote, e);
    }
    return e!.match;
  }
}

export function matchQuote(draftText: string, inner: Span, reports: Report[], memo?: QuoteMatches): QuoteMatch | undefined {
  const compute = () => {
    const q = quoteWords(draftText.slice(inner.start, inner.end));
    return q.every((w) => w === GAP) ? undefined : findQuote(q, reports);
  };
  return memo ? memo.lookup(draftText.slice(inner.start, inner.end), reports, compute) : compute();
}

/** Where a quotation leaves words out ("…", "[did]"): any stretch of the source, up to GAP_REACH words, may stand there. */
const GAP = '\u0000gap';
const GAP_REACH = 60;
/** An editor's ellipsis or bracketed insertion ("[did]", "[the government]"), after a bracketed capital ("[l]aw") is undone. */
const EDITORIAL_GAP = /\s*(?:\.\s?\.\s?\.|…|\[[^\]\n@]{1,40}\])\s*/gu;

/**
 * A quotation's words as the report would spell them: "[l]aw" is "law", an ellipsis or a bracketed insertion is a GAP,
 * and British spellings are the report's American ones ("labour" is "labor").
 */
export function quoteWords(quoted: string): string[] {
  const text = quoted.replace(/\[(\p{L})\](?=\p{L})/gu, '$1');
  const out: string[] = [];
  for (const part of text.split(EDITORIAL_GAP)) {
    const ws = words(part).map((w) => americanSpelling(w.word));
    if (ws.length === 0) continue;
    if (out.length) out.push(GAP);
    out.push(...ws);
  }
  return out;
}

function findQuote(q: string[], reports: Report[]): QuoteMatch | undefined {
  let best: QuoteMatch | undefined;
  const gaps = q.filter((w) => w === GAP).length;
  const wordsOnly = q.length - gaps;
  for (const report of reports) {
    const ix = indexOf(report);
    const votes = new Map<number, number>();
    for (let i = 0, k = 0; i < q.length; i++) {
      if (q[i] === GAP) continue;
      const pos = ix.index.get(q[i]);
      k++;
      if (!pos || pos.length > 200) continue;
      for (const p of pos) votes.set(p - (k - 1), (votes.get(p - (k - 1)) ?? 0) + 1);
    }
    // Across a gap, later words vote for a later start: a start's votes are those up to the gaps' reach after it.
    const tally = gaps === 0 ? votes : gapTally(votes, gaps * GAP_REACH);
    // (The starts with enough votes, in the tally's order, without an entry array per start first.)
    const enough = Math.max(1, Math.ceil(wordsOnly * 0.4));
    const passing: [number, number][] = [];
    for (const [s, v] of tally) if (v >= enough) passing.push([s, v]);
    const starts = passing.sort((a, b) => b[1] - a[1]).slice(0, 4);
    for (const [s] of starts) {
      const a0 = Math.max(0, s - 3);
      const b0 = Math.min(ix.words.length, s + wordsOnly + 3 + gaps * GAP_REACH);
      const window = ix.words.slice(a0, b0).map((w) => w.word);
      const al = align(q, window);
      const n = Math.max(q.length, 1);
      if (al.distance / n > MAX_QUOTE_CHANGE || !sharesContent(q, window.slice(al.start, al.end))) continue;
      if (best && best.distance <= al.distance) continue;
      const first = ix.words[a0 + al.start];
      const last = ix.words[a0 + al.end - 1];
      if (!first || !last) continue;
      const span = { start: first.start, end: last.end };
      const sentences = report.sentences.filter((x) => x.span.end > span.start && x.span.start < span.end);
      const sentence = sentences.length ? { start: sentences[0].span.start, end: sentences[sentences.length - 1].span.end } : span;
      best = { report, exact: al.distance === 0, span, sentence, paragraph: sentences[0]?.paragraph ?? '', display: repair(report.text.slice(span.start, span.end)), distance: al.distance };
      if (al.distance === 0) return best;
    }
  }
  return best;
}

/**
 * A misquotation changes one content word, or few of many: "tolerated at the highest levels of government" shares only
 * "levels" and "government" with "corruption at many levels of government" and is another sentence, not a misquote of it.
 */
function sharesContent(q: readonly string[], passage: readonly string[]): boolean {
  const have = new Set(passage);
  let content = 0;
  let missing = 0;
  for (const w of q) {
    if (w === GAP || STOP.has(w)) continue;
    content++;
    if (!have.has(w)) missing++;
  }
  return missing <= 1 || missing / content <= MAX_QUOTE_CHANGE;
}

/** Each start's votes with those of the starts up to `reach` after it (the words after a gap). */
function gapTally(votes: Map<number, number>, reach: number): Map<number, number> {
  const keys = [...votes.keys()].sort((a, b) => a - b);
  const out = new Map<number, number>();
  for (let i = 0; i < keys.length; i++) {
    let sum = 0;
    for (let j = i; j < keys.length && keys[j] - keys[i] <= reach; j++) sum += votes.get(keys[j])!;
    out.set(keys[i], sum);
  }
  return out;
}

function americanSpelling(word: string): string {
  const b = BRITISH.get(word);
  if (b) return b;
  if (word.length > 6 && !ISE_WORDS.has(word)) {
    const m = /^(\p{L}{3,})is(e|ed|es|ing|ation|ations)$/u.exec(word);
    if (m) return `${m[1]}iz${m[2]}`;
  }
  return word;
}

/** Semi-global word alignment: the whole quote against the best stretch of the window (a GAP in the quote skips source words freely). */
function align(q: string[], w: string[]): { distance: number; start: number; end: number } {
  const n = q.length;
  const m = w.length;
  // dp[i][j]: cost of aligning q[0..i) ending at w[..j); free start in w.
  let prev = new Array<number>(m + 1).fill(0);
  let prevStart = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    const curStart = new Array<number>(m + 1);
    if (q[i - 1] === GAP) {
      // "… involved in … complicity": the gap stands for any stretch of the source, empty or not.
      cur[0] = prev[0];
      curStart[0] = prevStart[0];
      for (let j = 1; j <= m; j++) {
        if (prev[j] <= cur[j - 1]) {
          cur[j] = prev[j];
          curStart[j] = prevStart[j];
        } else {
          cur[j] = cur[j - 1];
          curStart[j] = curStart[j - 1];
        }
      }
      prev = cur;
      prevStart = curStart;
      continue;
    }
    const del = FREE.has(q[i - 1]) ? 0 : 1;
    cur[0] = prev[0] + del;
    curStart[0] = 0;
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1] + (q[i - 1] === w[j - 1] ? 0 : 1);
      const dq = prev[j] + del;
      const dw = cur[j - 1] + (FREE.has(w[j - 1]) ? 0 : 1);
      let best = sub;
      let st = prevStart[j - 1];
      if (dq < best) {
        best = dq;
        st = prevStart[j];
      }
      if (dw < best) {
        best = dw;
        st = curStart[j - 1];
      }
      cur[j] = best;
      curStart[j] = st;
    }
    prev = cur;
    prevStart = curStart;
  }
  // Least cost; among equals, the end whose last word is the quote's last word, else the longest that does not end on a free word.
  let min = Infinity;
  for (let j = 1; j <= m; j++) min = Math.min(min, prev[j]);
  let bestJ = -1;
  for (let j = 1; j <= m; j++) if (prev[j] === min && w[j - 1] === q[n - 1]) bestJ = j;
  if (bestJ < 0) for (let j = 1; j <= m; j++) if (prev[j] === min && !FREE.has(w[j - 1])) bestJ = j;
  if (bestJ < 0) bestJ = 1;
  return { distance: prev[bestJ], start: prevStart[bestJ], end: bestJ };
}

/** Original characters with the PDF's doubled spaces and broken hyphenation ("cross- border") repaired. */
export function repair(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/([\p{L}])- (?!(?:and|or|to)\b)([\p{L}])/gu, '$1-$2').trim();
}
