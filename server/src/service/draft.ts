/**
 * Reading a draft: front matter, the prose (code, comments, URLs and link
 * targets masked out with spaces so every offset stays the draft's own),
 * suppression comments, references in Pandoc citation syntax, and sentences.
 */
import { parse as parseYaml } from 'yaml';
import { CharFinder, isSpaceCode } from '../ingest/chars';
import { BreakFinder, splitSentencesInto } from '../ingest/sentences';
import type { KnowledgeBase, Paragraph, Recommendation, Report, Span } from '../model/kb';
import { sectionTitle } from '../model/kb';
import { kbIndex } from './kbIndex';
import { lineOf } from './positions';
import { PLAIN_TEXT_REPORT_LINE } from '../protocol';
import type { DraftReference, ReferenceTarget } from './types';
import { bibliographyPaths, cslEntries, type BibEntry, type DraftBibliography } from './draftBibliography';
import { derived, derivedKey } from '../model/derived';

export interface Suppression {
  /** Offsets where it applies. */
  span: Span;
  /** Codes; empty = all. */
  codes: string[];
}

export interface DraftText {
  text: string;
  /** The text with non-prose masked by spaces (same length, same line breaks). */
  prose: string;
  isMarkdown: boolean;
  frontMatter?: { span: Span; tipReport?: string; tipReportSpan?: Span; problem?: string; bibliography?: string[]; references?: BibEntry[] };
  suppressions: Suppression[];
  /** Block spans (paragraphs, list items, headings, block quotes) in prose. */
  blocks: Span[];
  /** Sentence spans within blocks. */
  sentences: Span[];
  lineStarts: number[];
}

/** URLs, masked everywhere (draftSplice.ts tests a line with its pattern). */
export const URL_PATTERN = /\b(?:https?|ftp|file|mailto):[^\s<>()\]]+|\bwww\.[^\s<>()\]]+/gi;

export function readDraft(text: string, languageId: string | undefined): DraftText {
  const isMarkdown = languageId !== 'plaintext';
  const masks: Span[] = [];
  const mask = (s: number, e: number) => {
    if (e > s) masks.push({ start: s, end: Math.min(e, text.length) });
  };
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const frontMatter = readFrontMatter(text, isMarkdown);
  if (frontMatter) mask(0, frontMatter.span.end);
  const suppressions = readSuppressions(text, lineStarts, frontMatter, isMarkdown ? mask : undefined);
  if (isMarkdown) maskMarkdown(text, lineStarts, mask, frontMatter?.span.end ?? 0);
  // URLs everywhere.
  for (const m of text.matchAll(URL_PATTERN)) mask(m.index, m.index + m[0].length);
  const prose = applyMasks(text, masks);
  const blocks = isMarkdown ? markdownBlocks(prose, lineStarts) : plainBlocks(prose);
  const sentences: Span[] = [];
  const finder = new BreakFinder(prose);
  for (const b of blocks) splitSentencesInto(sentences, prose, b.start, b.end, finder);
  return { text, prose, isMarkdown, frontMatter, suppressions, blocks, sentences, lineStarts };
}

/** The YAML front matter (its `tip-report`, bibliography and inline references), or a plain-text draft's first `tip-report:` line. */
function readFrontMatter(text: string, isMarkdown: boolean): DraftText['frontMatter'] {
  const fm = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!fm) {
    if (isMarkdown) return undefined;
    // A plain-text draft has no front matter block: a first line of its own `tip-report: KHM-2023` does its work.
    const line = PLAIN_TEXT_REPORT_LINE.exec(text);
    if (!line) return undefined;
    const s = line[0].indexOf(line[1]);
    return { span: { start: 0, end: line[0].length }, tipReport: line[1].toUpperCase(), tipReportSpan: { start: s, end: s + line[1].length } };
  }
  const frontMatter: NonNullable<DraftText['frontMatter']> = { span: { start: 0, end: fm[0].length } };
  try {
    // Most front matter is a few `key: value` lines: read those without loading the YAML library (tens of ms at a cold start).
    const data: unknown = simpleFrontMatter(fm[1]) ?? parseYaml(fm[1]);
    if (data && typeof data === 'object' && !Array.isArray(data)) readFrontMatterKeys(data as Record<string, unknown>, fm, frontMatter);
  } catch (e) {
    frontMatter.problem = `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`;
  }
  return frontMatter;
}

/** `tip-report` (with where its value is), and Pandoc's own keys: the draft's bibliography files and inline entries (draftBibliography.ts). */
function readFrontMatterKeys(data: Record<string, unknown>, fm: RegExpExecArray, frontMatter: NonNullable<DraftText['frontMatter']>): void {
  const v = data['tip-report'];
  if (typeof v === 'string') {
    frontMatter.tipReport = v.trim().toUpperCase();
    const m = /^tip-report:[ \t]*["']?([^\s"'#]+)/m.exec(fm[1]);
    if (m) {
      const s = fm[0].indexOf(fm[1]) + m.index + m[0].length - m[1].length;
      frontMatter.tipReportSpan = { start: s, end: s + m[1].length };
    }
  } else if (v !== undefined) frontMatter.problem = '"tip-report" in the front matter must be a report id such as KHM-2023';
  const bib = bibliographyPaths(data.bibliography);
  if (bib.length) frontMatter.bibliography = bib;
  const refs = data.references;
  if (Array.isArray(refs)) frontMatter.references = cslEntries(refs);
}

/** The suppression directives of the draft's HTML comments (`<!-- tip-lens-disable-next-line figure.mismatch -->`); `mask` blanks each comment. */
function readSuppressions(text: string, lineStarts: readonly number[], frontMatter: DraftText['frontMatter'], mask: ((s: number, e: number) => void) | undefined): Suppression[] {
  const suppressions: Suppression[] = [];
  const openDisables: { start: number; codes: string[] }[] = [];
  for (const m of matchesFrom(text, '<!--', COMMENT)) {
    const start = m.index;
    const end = start + m[0].length;
    const d = /^tip-lens-(disable-next-line|disable-line|disable|enable)\b([\s\S]*)$/.exec(m[1].trim());
    if (d && (!frontMatter || start >= frontMatter.span.end)) {
      const codes = d[2].split(/[\s,]+/).filter(Boolean);
      if (d[1] === 'disable-next-line') {
        const endLine = lineOf(lineStarts, end);
        suppressions.push({ span: { start: lineStarts[endLine + 1] ?? text.length, end: lineStarts[endLine + 2] ?? text.length }, codes });
      } else if (d[1] === 'disable-line') {
        const line = lineOf(lineStarts, start);
        suppressions.push({ span: { start: lineStarts[line], end: lineStarts[line + 1] ?? text.length }, codes });
      } else if (d[1] === 'disable') openDisables.push({ start: end, codes });
      else enableAgain(openDisables, codes, start, suppressions);
    }
    mask?.(start, end);
  }
  for (const o of openDisables) suppressions.push({ span: { start: o.start, end: text.length }, codes: o.codes });
  return suppressions;
}

/** `tip-lens-enable [codes]`: closes the open `disable` regions it names (all, without codes) at `at`. */
function enableAgain(openDisables: { start: number; codes: string[] }[], codes: string[], at: number, suppressions: Suppression[]): void {
  for (let k = openDisables.length - 1; k >= 0; k--) {
    const o = openDisables[k];
    if (codes.length === 0 || o.codes.length === 0 || codes.some((c) => o.codes.includes(c))) {
      suppressions.push({ span: { start: o.start, end: at }, codes: o.codes });
      openDisables.splice(k, 1);
    }
  }
}

const SIMPLE_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?: +([A-Za-z][A-Za-z0-9 ._/()-]*))?$/;

/**
 * What the YAML library makes of front matter that is only `key: value` lines with plain values (a letter
 * first; letters, digits, spaces and . _ / ( ) - after), comments and blank lines, unique keys, and a
 * `tip-report` that is a report id when there is one; undefined for anything else (the library reads it).
 * Values are returned as text: only `tip-report` is read, and a report id is text to YAML too.
 */
export function simpleFrontMatter(body: string): Record<string, string> | undefined {
  if (/[\r\t]/.test(body)) return undefined;
  const out: Record<string, string> = {};
  for (const line of body.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = SIMPLE_LINE.exec(line);
    if (!m || Object.prototype.hasOwnProperty.call(out, m[1]) || /^(?:true|false|null)$/i.test(m[1])) return undefined;
    const value = (m[2] ?? '').trim();
    if (m[1] === 'tip-report' && !/^[A-Za-z]{3}-\d{4}$/.test(value)) return undefined;
    out[m[1]] = value;
  }
  return out;
}

/** The text with every masked range blanked to spaces (line breaks kept, so offsets and lines stay the same). */
function applyMasks(text: string, masks: Span[]): string {
  if (masks.length === 0) return text;
  masks.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const breaks = new CharFinder(text, '\n\r'); // masks are blanked in order
  let at = 0;
  for (const m of masks) {
    const s = Math.max(m.start, at);
    if (m.end <= s) continue;
    if (s > at) parts.push(text.slice(at, s));
    // text[s, m.end) with every character but line breaks turned into a space.
    let from = s;
    for (let nl = breaks.at(from); nl < m.end; nl = breaks.at(from)) {
      if (nl > from) parts.push(spaces(nl - from));
      parts.push(text.charCodeAt(nl) === 10 ? '\n' : '\r');
      from = nl + 1;
    }
    if (m.end > from) parts.push(spaces(m.end - from));
    at = m.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts.join('');
}

/** 64 K spaces in one flat string (`' '.repeat` makes a rope that the final join must walk), made once. */
const SPACES = new Array<string>(65537).join(' ');
/** A run of n spaces, sliced from SPACES. */
function spaces(n: number): string {
  if (n > SPACES.length) return ' '.repeat(n);
  return n === SPACES.length ? SPACES : SPACES.slice(0, n);
}

export function maskMarkdown(text: string, lineStarts: number[], mask: (s: number, e: number) => void, from: number): void {
  // Fenced code blocks.
  let fenceChar = 0;
  let fenceLength = 0;
  let fenceStart = 0;
  for (let l = 0; l < lineStarts.length; l++) {
    const s = lineStarts[l];
    if (s < from) continue;
    const e = lineStarts[l + 1] ?? text.length;
    const run = fenceRun(text, s, e);
    if (fenceChar === 0) {
      if (run >= 0) {
        fenceChar = text.charCodeAt(run);
        fenceLength = runLength(text, run, e);
        fenceStart = s;
      } else if (indentedCode(text, s, e) && l > 0 && allSpace(text, lineStarts[l - 1], s)) {
        mask(s, e); // indented code block line after a blank line
      }
    } else if (run >= 0 && text.charCodeAt(run) === fenceChar) {
      const n = runLength(text, run, e);
      if (n >= fenceLength && allSpace(text, run + n, e)) {
        mask(fenceStart, e);
        fenceChar = 0;
      }
    }
  }
  if (fenceChar !== 0) mask(fenceStart, text.length);
  // Inline code, link targets, autolinks, reference definitions, raw HTML tags.
  for (const [s, e] of codeSpans(text)) if (s >= from) mask(s, e);
  for (const m of matchesFrom(text, '](', LINK_TARGET)) mask(m.index + 1, m.index + m[0].length);
  for (const m of matchesFrom(text, '<', AUTOLINK)) mask(m.index, m.index + m[0].length);
  for (const m of referenceDefinitions(text, lineStarts)) mask(m.index, m.index + m[0].length);
  for (const m of matchesFrom(text, '<', HTML_TAG)) mask(m.index, m.index + m[0].length);
}

/**
 * Where a fence opens on the line [s, e): the offset of its first ` or ~ when
 * the line matches `/^( {0,3})(`{3,}|~{3,})/`, else -1.
 */
export function fenceRun(text: string, s: number, e: number): number {
  let p = s;
  while (p < e && p - s < 3 && text.charCodeAt(p) === 32) p++;
  const c = text.charCodeAt(p);
  if ((c !== 96 && c !== 126) || p >= e) return -1;
  return runLength(text, p, e) >= 3 ? p : -1;
}

/** How many copies of the code unit at `p` follow one another from `p` (before `e`). */
function runLength(text: string, p: number, e: number): number {
  const c = text.charCodeAt(p);
  let q = p;
  while (q < e && text.charCodeAt(q) === c) q++;
  return q - p;
}

/** What `/^( {4}|\t)/` says of the line [s, e). */
export function indentedCode(text: string, s: number, e: number): boolean {
  if (s < e && text.charCodeAt(s) === 9) return true;
  if (e - s < 4) return false;
  return text.charCodeAt(s) === 32 && text.charCodeAt(s + 1) === 32 && text.charCodeAt(s + 2) === 32 && text.charCodeAt(s + 3) === 32;
}

/** What `/^\s*$/` says of text[s, e). */
export function allSpace(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A Markdown line's block markers, read by char code. */
export interface LineShape {
  /** Where the line's text starts: the end of what `/^(\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+|\|)?)(?:>\s?)*\/` matches. */
  textStart: number;
  /** `/^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|\||(?:[-*_]\s*){3,}$)/`: the line starts a block of its own. */
  own: boolean;
  /** `/^\s{0,3}#{1,6}\s/`: a heading. */
  heading: boolean;
  /** `/^\s{0,3}(?:[-*_]\s*){3,}$/`: a thematic break. */
  rule: boolean;
}

/** The shape of the line [s, e) (no line break inside but possibly a carriage return). */
export function lineShape(text: string, s: number, e: number): LineShape {
  let p = s;
  while (p < e && p - s < 3 && isSpaceCode(text.charCodeAt(p))) p++;
  let m = p;
  let own = false;
  let heading = false;
  let rule = false;
  if (p < e) {
    const c = text.charCodeAt(p);
    const marker = c === 35 ? headingMarkerEnd(text, p, e) : c === 45 || c === 42 || c === 43 ? bulletMarkerEnd(text, p, e) : isDigit(c) ? orderedMarkerEnd(text, p, e) : -1;
    if (marker >= 0) {
      m = marker;
      own = true;
      heading = c === 35;
    } else if (c === 62) m = p + 1;
    else if (c === 124) {
      m = p + 1;
      own = true;
    }
    if ((c === 45 || c === 42 || c === 95) && thematicBreak(text, p, e)) own = rule = true;
  }
  m = afterQuoteMarkers(text, p, m, e);
  // "> | Indicator | Figure |": a table row inside a block quote is a block of its own, as outside one.
  if (text.charCodeAt(p) === 62 && m < e && text.charCodeAt(m) === 124) {
    m++;
    own = true;
  }
  return { textStart: m, own, heading, rule };
}

/** Past the spaces from `q`. */
function skipSpaces(text: string, q: number, e: number): number {
  while (q < e && isSpaceCode(text.charCodeAt(q))) q++;
  return q;
}

/** `#{1,6}\s+` at `p`: where the heading's text starts, or -1. */
function headingMarkerEnd(text: string, p: number, e: number): number {
  let q = p;
  while (q < e && q - p < 6 && text.charCodeAt(q) === 35) q++;
  return q < e && isSpaceCode(text.charCodeAt(q)) ? skipSpaces(text, q + 1, e) : -1;
}

/** `[-*+]\s+` at `p`: where the item's text starts, or -1. */
function bulletMarkerEnd(text: string, p: number, e: number): number {
  return p + 1 < e && isSpaceCode(text.charCodeAt(p + 1)) ? skipSpaces(text, p + 2, e) : -1;
}

/** `\d{1,9}[.)]\s+` at `p`: where the item's text starts, or -1. */
function orderedMarkerEnd(text: string, p: number, e: number): number {
  let q = p;
  while (q < e && q - p < 9 && isDigit(text.charCodeAt(q))) q++;
  const d = text.charCodeAt(q);
  return q < e && (d === 46 || d === 41) && q + 1 < e && isSpaceCode(text.charCodeAt(q + 1)) ? skipSpaces(text, q + 2, e) : -1;
}

/** `(?:[-*_]\s*){3,}$` from `p`: a thematic break. */
function thematicBreak(text: string, p: number, e: number): boolean {
  let marks = 0;
  let q = p;
  for (; q < e; q++) {
    const d = text.charCodeAt(q);
    if (d === 45 || d === 42 || d === 95) marks++;
    else if (!isSpaceCode(d)) break;
  }
  return q === e && marks >= 3;
}

/** `(?:>\s?)*` from `m` — after a '>' marker the first group already took one '>' and at most one white space. */
function afterQuoteMarkers(text: string, p: number, m: number, e: number): number {
  if (m === p + 1 && text.charCodeAt(p) === 62 && m < e && isSpaceCode(text.charCodeAt(m))) m++;
  while (m < e && text.charCodeAt(m) === 62) {
    m++;
    if (m < e && isSpaceCode(text.charCodeAt(m))) m++;
  }
  return m;
}

/** What `/^\s*\|?[\s:|-]+\|[\s:|-]*$/` says of the line [s, e): a table's separator row. */
export function tableSeparator(text: string, s: number, e: number): boolean {
  let bar = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 124) {
      if (i > s) bar = true;
    } else if (c !== 58 && c !== 45 && !isSpaceCode(c)) return false;
  }
  return bar;
}

// Sticky versions of the global regexes the reader ran with matchAll: every match starts with the string
// `matchesFrom` is given, so it finds the same matches, in order, by indexOf and one sticky exec per candidate.
export const COMMENT = /<!--([\s\S]*?)(?:-->|$)/y;
export const LINK_TARGET = /\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)(?:\s+"[^"]*")?\)/y;
export const AUTOLINK = /<(?:https?:|mailto:)[^>\s]+>/iy;
export const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/y;
// A footnote's definition (`[^7]: …`) is prose (its citations count); a link reference definition is not.
const REFERENCE_DEFINITION = /^ {0,3}\[(?!\^)[^\]]+\]:\s+\S.*$/gm;
const REFERENCE_DEFINITION_AT = / {0,3}\[(?!\^)[^\]]+\]:\s+\S.*$/my;

/**
 * Inline code spans, as CommonMark finds them: a run of n backticks opens a span that the next run of
 * exactly n backticks closes; a run with no such closer is literal text. Linear: every run is listed
 * once, and the next run of the same length is looked up from a table built in one backward pass
 * (a lazy regex with a back-reference rescans the rest of the text for every unclosed run).
 */
export function codeSpans(text: string): [number, number][] {
  const at: number[] = [];
  const len: number[] = [];
  for (let p = text.indexOf('`'); p >= 0; ) {
    let q = p;
    while (text.charCodeAt(q) === 96) q++;
    at.push(p);
    len.push(q - p);
    p = text.indexOf('`', q);
  }
  const nextSame = new Int32Array(at.length);
  const lastOfLength = new Map<number, number>();
  for (let i = at.length - 1; i >= 0; i--) {
    nextSame[i] = lastOfLength.get(len[i]) ?? -1;
    lastOfLength.set(len[i], i);
  }
  const out: [number, number][] = [];
  for (let i = 0; i < at.length; ) {
    const j = nextSame[i];
    if (j < 0) {
      i++;
      continue;
    }
    out.push([at[i], at[j] + len[j]]);
    i = j + 1;
  }
  return out;
}

/**
 * What `text.matchAll(g)` gives, for the global regex `g` with `sticky`'s pattern,
 * when every match of that pattern starts with `first` (none is empty): each
 * candidate is tried where `first` occurs, at or after the end of the last match.
 */
export function matchesFrom(text: string, first: string, sticky: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let p = text.indexOf(first);
  while (p >= 0) {
    sticky.lastIndex = p;
    const m = sticky.exec(text);
    if (m) {
      out.push(m);
      p = text.indexOf(first, p + Math.max(m[0].length, 1));
    } else p = text.indexOf(first, p + 1);
  }
  return out;
}

/**
 * What `text.matchAll(/^ {0,3}\[(?!\^)[^\]]+\]:\s+\S.*$/gm)` gives: a match starts at a
 * line start, after at most three spaces, with '['. When the text has no line
 * break but \n, its line starts are `lineStarts`; otherwise the regex itself.
 */
export function referenceDefinitions(text: string, lineStarts: readonly number[]): RegExpExecArray[] {
  if (text.indexOf('\r') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0) return [...text.matchAll(REFERENCE_DEFINITION)];
  const out: RegExpExecArray[] = [];
  let last = 0;
  for (const s of lineStarts) {
    if (s < last) continue;
    let p = s;
    while (p < s + 3 && text.charCodeAt(p) === 32) p++;
    if (text.charCodeAt(p) !== 91) continue;
    REFERENCE_DEFINITION_AT.lastIndex = s;
    const m = REFERENCE_DEFINITION_AT.exec(text);
    if (m) {
      out.push(m);
      last = s + m[0].length;
    }
  }
  return out;
}

/** Paragraphs, list items, headings, table rows and block quotes: sentences never cross them. */
export function markdownBlocks(prose: string, lineStarts: number[]): Span[] {
  const out: Span[] = [];
  let cur: Span | undefined;
  const close = () => {
    if (cur) out.push(cur);
    cur = undefined;
  };
  for (let l = 0; l < lineStarts.length; l++) {
    const s = lineStarts[l];
    let e = lineStarts[l + 1] ?? prose.length;
    while (e > s && (prose.charCodeAt(e - 1) === 10 || prose.charCodeAt(e - 1) === 13)) e--;
    if (allSpace(prose, s, e)) {
      close();
      continue;
    }
    // Skip block markers so a block starts at its text.
    const shape = lineShape(prose, s, e);
    if (shape.own || !cur) {
      close();
      if (shape.rule || tableSeparator(prose, s, e)) continue; // rule or table separator
      cur = { start: shape.textStart, end: e };
      if (shape.heading) close();
    } else {
      cur.end = e;
    }
  }
  close();
  return out;
}

/**
 * A line of plain text that starts a block of its own although no blank line comes before it:
 * a list item ("- ", "-- ", "* ", "• ", "1. ", "a) "), a speaker or field label ("MODERATOR:", "Q:"), a timestamp ("[00:12]").
 */
const PLAIN_BLOCK_START = /^[ \t]*(?:\[?\d{1,2}\/\d{1,2}\/\d{2,4},?[ \t]+\d{1,2}:\d{2}|(?:--?|[*•–—+])[ \t]|\d{1,3}[.)][ \t]|\(?[a-z][.)][ \t]|\[?\d{1,2}:\d{2}|[A-Z][A-Z .'’-]{0,30}:[ \t]|>)/;

/**
 * In plain text, a short line followed by one that starts like a statement is a line of its own (notes,
 * flashcards, an address block), not a sentence wrapped at the margin: "Sex traff. convictions '21 -> 35" /
 * "Media -> 370 arrests". Text wrapped at a margin fills its lines; a line ending in a comma or a little
 * word goes on.
 */
const SHORT_LINE = 60;
function shortLineEnds(line: string, next: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length < SHORT_LINE && /^[ \t]*[\p{Lu}\d"“'‘([]/u.test(next) && !/[,\-–—&]$|\b(?:and|or|but|the|a|an|of|to|in|for|with|by|on|at)$/i.test(t);
}

function plainBlocks(prose: string): Span[] {
  const out: Span[] = [];
  const push = (s: number, e: number) => {
    while (e > s && /\s/.test(prose[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (const m of prose.matchAll(/[^\n]+(?:\n(?![ \t]*\r?\n)[^\n]*)*/g)) {
    const s = m.index;
    const e = s + m[0].length;
    let blockStart = s;
    let lineStart = s;
    for (let nl = prose.indexOf('\n', s); nl >= 0 && nl < e; nl = prose.indexOf('\n', nl + 1)) {
      const next = prose.slice(nl + 1, Math.min(e, nl + 40));
      if (PLAIN_BLOCK_START.test(next) || shortLineEnds(prose.slice(lineStart, nl), next)) {
        push(blockStart, nl);
        blockStart = nl + 1;
      }
      lineStart = nl + 1;
    }
    push(blockStart, e);
  }
  return out;
}

// ---------------------------------------------------------------------------
// References

const OUR_KEY = /^(?:[A-Za-z]{3}-\d{4}(?:\/[A-Za-z][\w-]*(?:\.\d+)?)?|R\d+|[a-z][a-z-]*\.\d+)$/;

/**
 * Finds `[@KEY]`, `[@KEY; @KEY2]`, `[see @KEY, p. 2]` and resolves each of TIP Lens's keys; other keys (`@smith2020`) are
 * someone else's bibliography and left alone. A key of the draft's own bibliography (`bib`) is the writer's: left alone too,
 * unless its entry is a loaded report (then it cites that report) or it is one of TIP Lens's keys that resolves.
 * `from` and `to`: only the brackets that start in that range (line starts).
 */
export function findReferences(draft: DraftText, kb: KnowledgeBase, defaultReport: string | undefined, bib?: DraftBibliography, from = 0, to = draft.prose.length): DraftReference[] {
  const out: DraftReference[] = [];
  const prose = draft.prose;
  // A big draft cites the same few keys thousands of times: each key as written is trimmed, tested and resolved once per call.
  const byKey = new Map<string, DraftReference | null>();
  // (A bracket never spans a line break: the references of lines [from, to) are those found from `from`, lineScans.ts.)
  const brackets = /\[([^\[\]\n]*@[^\[\]\n]*)\]/g;
  brackets.lastIndex = from;
  for (let m = brackets.exec(prose); m && m.index < to; m = brackets.exec(prose)) {
    const bracket = { start: m.index, end: m.index + m[0].length };
    const inner = m.index + 1;
    const innerEnd = inner + m[1].length;
    for (let at = prose.indexOf('@', inner); at >= 0 && at < innerEnd; at = prose.indexOf('@', at + 1)) {
      const key = keyAt(prose, at, inner, innerEnd);
      if (key === undefined) continue;
      let once = byKey.get(key);
      if (once === undefined) {
        let raw = key;
        while (/[.:/-]$/.test(raw)) raw = raw.slice(0, -1);
        once = OUR_KEY.test(raw) ? resolveReference({ bracket, span: { start: 0, end: 0 }, raw }, kb, defaultReport) : null;
        if (bib && (once === null || once.problem)) {
          // pandoc's key runs to the last word character, as `raw` does; the draft's bibliography decides.
          const entry = bib.get(raw);
          if (entry) once = resolved({ bracket, span: { start: 0, end: 0 }, raw }, entry.id, undefined, { report: entry, kind: 'report', anchor: entry.id, span: { start: 0, end: entry.text.length } }, undefined);
          else if (entry === null) once = null;
        }
        byKey.set(key, once);
      }
      if (once === null) continue;
      const start = at + 1;
      out.push(resolved({ bracket, span: { start, end: start + once.raw.length }, raw: once.raw }, once.reportId, once.item, once.target, once.problem, once.partialSource));
    }
  }
  return out;
}

/** `[A-Za-z0-9_]`, the regex `\w`. */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
}

/**
 * The key after the '@' at `at` in the bracket's inside [inner, innerEnd), as the
 * regex `/(?<![\w@])-?@([A-Za-z0-9][\w./:-]*)/g` run over that inside captures it:
 * no word character or '@' just before (a '-' before is the optional sign), a
 * letter or digit first. Undefined when this '@' starts no key.
 */
export function keyAt(text: string, at: number, inner: number, innerEnd: number): string | undefined {
  if (at > inner) {
    const b = text.charCodeAt(at - 1);
    if (b === 64 || isWordCode(b)) return undefined;
  }
  if (at + 1 >= innerEnd) return undefined;
  const c = text.charCodeAt(at + 1);
  if (c === 95 || !isWordCode(c)) return undefined;
  let e = at + 2;
  for (; e < innerEnd; e++) {
    const d = text.charCodeAt(e);
    if (!(isWordCode(d) || d === 46 || d === 47 || d === 58 || d === 45)) break;
  }
  return text.slice(at + 1, e);
}

/** Every resolved reference has the same fields in the same order (one object shape for the checks that read thousands of them). */
function resolved(ref: DraftReference, reportId: string | undefined, item: string | undefined, target: ReferenceTarget | undefined, problem: string | undefined, partialSource?: boolean): DraftReference {
  return { bracket: ref.bracket, span: ref.span, raw: ref.raw, reportId, item, target, problem, partialSource };
}

/** A report's recommendations by key and paragraphs by anchor (the first of each, as a search in order finds). */
const ITEMS = derivedKey<{ recommendations: Map<string, Recommendation>; paragraphs: Map<string, Paragraph> }>('items by key');
function itemsOf(report: Report): { recommendations: Map<string, Recommendation>; paragraphs: Map<string, Paragraph> } {
  return derived(report, ITEMS, () => {
    const ix = { recommendations: new Map<string, Recommendation>(), paragraphs: new Map<string, Paragraph>() };
    for (const r of report.recommendations) if (!ix.recommendations.has(r.key)) ix.recommendations.set(r.key, r);
    for (const p of report.paragraphs) if (!ix.paragraphs.has(p.anchor)) ix.paragraphs.set(p.anchor, p);
    return ix;
  });
}

export function resolveReference(ref: DraftReference, kb: KnowledgeBase, defaultReport: string | undefined): DraftReference {
  const m = /^(?:([A-Za-z]{3}-\d{4})(?:\/(.+))?|(.+))$/.exec(ref.raw)!;
  const reportId = (m[1] ?? defaultReport)?.toUpperCase();
  const item = m[1] ? m[2] : m[3];
  if (!reportId) return resolved(ref, undefined, item, undefined, `[@${ref.raw}] is a short reference, but the draft names no default report: add \`tip-report: KHM-2023\` to its front matter or set tipLens.defaultReport`);
  const report = kb.get(reportId);
  if (!report) {
    const loaded = kbIndex(kb).sortedIds();
    return resolved(ref, reportId, item, undefined, `No report ${reportId} is loaded (loaded: ${loaded.slice(0, 8).join(', ')}${loaded.length > 8 ? ', …' : ''}). Load its narrative with --report or the tipLens.reports setting.`);
  }
  if (!item) return resolved(ref, reportId, item, { report, kind: 'report', anchor: report.id, span: { start: 0, end: report.text.length } }, undefined);
  const rec = /^R(\d+)$/i.exec(item);
  if (rec) {
    const r = itemsOf(report).recommendations.get(`R${Number(rec[1])}`);
    if (r) return resolved(ref, reportId, r.key, { report, kind: 'recommendation', anchor: `${report.id}/${r.key}`, span: r.span }, undefined);
    if (report.recommendations.length === 0) {
      const holds = report.sections.map((s) => s.title).join(', ');
      return resolved(ref, reportId, item, undefined, `${report.id}'s loaded text holds only ${holds}; its prioritized recommendations are not loaded, so ${item} cannot be checked.`, !report.manifest.sections.includes('recommendations'));
    }
    return resolved(ref, reportId, item, undefined, `${report.id} has ${report.recommendations.length} prioritized recommendations (R1–R${report.recommendations.length}); there is no ${item}.`);
  }
  const para = /^([a-z][a-z-]*)\.(\d+)$/.exec(item);
  if (para) {
    const p = itemsOf(report).paragraphs.get(item);
    if (p) return resolved(ref, reportId, item, { report, kind: 'paragraph', anchor: `${report.id}/${p.anchor}`, span: p.span }, undefined);
    const section = report.sections.find((s) => s.slug === para[1]);
    if (section) return resolved(ref, reportId, item, undefined, `${report.id} ${section.title} has ${section.paragraphs.length} paragraphs (${para[1]}.1–${para[1]}.${section.paragraphs.length}); there is no ${item}.`);
    const holds = report.sections.map((s) => s.title).join(' and ');
    if (report.partial) return resolved(ref, reportId, item, undefined, `${report.id}'s loaded text holds only ${holds}; the ${sectionTitle(report, para[1])} section is not loaded, so ${item} cannot be checked.`, true);
    return resolved(ref, reportId, item, undefined, `${report.id} has no section "${para[1]}" (sections: ${report.sections.map((s) => s.slug).join(', ')}).`);
  }
  return resolved(ref, reportId, item, undefined, `[@${ref.raw}]: "${item}" is neither a recommendation (R1, R2, …) nor a paragraph anchor (prosecution.2).`);
}

/** The report short references resolve against: front matter `tip-report:`, else the setting. */
export function defaultReportOf(draft: DraftText, settingDefault: string): string | undefined {
  return draft.frontMatter?.tipReport || settingDefault.trim().toUpperCase() || undefined;
}
