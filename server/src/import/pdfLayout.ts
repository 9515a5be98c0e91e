/**
 * A PDF's positioned text (pdf.js text items) → blocks in reading order. The TIP Report sets its
 * narratives in two columns with running heads ("COUNTRY NARRATIVES 55", "2023 TRAFFICKING IN
 * PERSONS REPORT"), the country's name up the outer margin and photos with small captions; a plain
 * extraction interleaves all of that. Here: heads, margin text and captions are dropped (heads are
 * kept as hints for the edition), each column is read top to bottom, lines are joined into
 * paragraphs across column and page breaks, and words hyphenated at a line end are rejoined.
 * Offsets are into `text`, the extracted text (every item's string, a newline after each line).
 */
import type { Block } from './blocks';
import { sectionOf } from './convert';
import { parseTitle } from './title';

export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size (the text matrix's scale). */
  size: number;
  /** Set at an angle (the margin's country name). */
  rotated: boolean;
  /** pdf.js says a line ends after this item. */
  eol: boolean;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
}

export interface PdfLayout {
  blocks: Block[];
  /** The extracted text that block offsets point into. */
  text: string;
  /** Running heads and margin text, for the edition ("2023 TRAFFICKING IN PERSONS REPORT"). */
  hints: string[];
  dropped: { heads: number; margin: number; captions: number };
}

interface Line {
  text: string;
  start: number;
  end: number;
  x: number;
  y: number;
  right: number;
  size: number;
  page: number;
  col: number;
  /** Where the text after a bullet starts (the bullet is an item of its own, often drawn after its line). */
  bodyStart?: number;
}

const RUNNING_HEAD = /^(?:COUNTRY NARRATIVES(?:\s*[|:–-]?\s*\d+)?|\d{1,4}|(?:\d{4}\s+)?TRAFFICKING IN PERSONS REPORT(?:\s+\d{1,4})?|\d{1,4}\s+(?:\d{4}\s+)?TRAFFICKING IN PERSONS REPORT)$/i;
const FINAL = /[.!?:;)"”’]$/;
/**
 * Words that keep their hyphen when broken after it ("anti-" + "trafficking" is anti-trafficking): only
 * those that are never a syllable a typesetter breaks at ("co-", "ex-", "pre-", "trans-" are: co-ercion,
 * ex-ploitation, pre-vention, trans-ferring).
 */
const HYPHEN_PREFIXES = new Set(['anti', 'non', 'self', 'cross', 'well', 'cyber', 'semi', 'quasi']);

/**
 * One line after another in a paragraph: a word broken with a hyphen (or a soft hyphen) at the line end
 * is joined again ("traf-" + "ficking"); a hyphen that belongs to the word stays ("anti-" + "trafficking",
 * "2024-" + "2028"); otherwise a space.
 */
export function joinLines(before: string, next: string): string {
  if (before.endsWith('\u00ad')) return before.slice(0, -1) + next;
  const m = /(\p{L}*)-$/u.exec(before);
  if (!m || /\s-$/.test(before)) return `${before} ${next}`;
  const word = m[1].toLowerCase();
  if (word && /^\p{Ll}/u.test(next) && !HYPHEN_PREFIXES.has(word)) return before.slice(0, -1) + next;
  return before + next;
}

/** The most common size of the body text, by characters. */
function bodySize(pages: PdfPage[]): number {
  const count = new Map<number, number>();
  for (const p of pages) for (const it of p.items) if (!it.rotated && it.str.trim()) count.set(Math.round(it.size * 2) / 2, (count.get(Math.round(it.size * 2) / 2) ?? 0) + it.str.length);
  let best = 10;
  let n = -1;
  for (const [s, c] of count) if (c > n) [best, n] = [s, c];
  return best;
}

export function pdfLayoutBlocks(pages: PdfPage[]): PdfLayout {
  const body = bodySize(pages);
  const extraction: Extraction = { text: '', hints: [], dropped: { heads: 0, margin: 0, captions: 0 } };
  const lines = pages.flatMap((page, pageIndex) => pageLines(bodyItems(page, body, extraction), pageIndex));
  const blocks = linesToBlocks(lines, body, fullLineTest(lines));
  return { blocks, ...extraction };
}

/** The extracted text so far, and what was left out of the reading. */
type Extraction = Pick<PdfLayout, 'text' | 'hints' | 'dropped'>;

/** An item of the body text, with its offset in the extracted text and its column (0 left, 1 right). */
type BodyItem = PdfItem & { start: number; col: number };

/** What an item is when it is not body text: margin text (or set at an angle), a running head, a caption. */
function leftOutAs(it: PdfItem, s: string, page: PdfPage, body: number): keyof PdfLayout['dropped'] | undefined {
  if (it.rotated || it.x > page.width * 0.94 || it.x + it.width < page.width * 0.06) return 'margin';
  if (it.y > page.height * 0.93 || it.y < page.height * 0.07 || (RUNNING_HEAD.test(s) && it.size <= body * 1.05)) return 'heads';
  if (it.size < body * 0.85) return 'captions';
  return undefined;
}

/** Adds a page's items to the extracted text; returns its body text items (heads and margin text kept as hints). */
function bodyItems(page: PdfPage, body: number, ex: Extraction): BodyItem[] {
  const kept: BodyItem[] = [];
  for (const it of page.items) {
    const start = ex.text.length;
    ex.text += it.str + (it.eol ? '\n' : '');
    const s = it.str.trim();
    if (!s) continue;
    const left = leftOutAs(it, s, page, body);
    if (left) {
      ex.dropped[left]++;
      if (left !== 'captions') ex.hints.push(s);
      continue;
    }
    kept.push({ ...it, start: start + it.str.indexOf(s[0]), col: it.x < page.width / 2 ? 0 : 1 });
  }
  return kept;
}

/** A page's body items as lines: each column top to bottom, items at the same height in a column one line. */
function pageLines(kept: BodyItem[], pageIndex: number): Line[] {
  const lines: Line[] = [];
  kept.sort((a, b) => a.col - b.col || b.y - a.y || a.x - b.x);
  let cur: Line | undefined;
  for (const it of kept) {
    const s = it.str.trim();
    if (cur && cur.col === it.col && Math.abs(cur.y - it.y) < it.size * 0.35) {
      if (/^[•▪◦·]$/.test(cur.text)) cur.bodyStart = it.start;
      cur.text += (it.x - cur.right > it.size * 0.1 || /\s$/.test(cur.text) ? ' ' : '') + s;
      cur.end = it.start + s.length;
      cur.right = it.x + it.width;
      continue;
    }
    cur = { text: s, start: it.start, end: it.start + s.length, x: it.x, y: it.y, right: it.x + it.width, size: it.size, page: pageIndex, col: it.col };
    lines.push(cur);
  }
  return lines;
}

/** Whether a line is full (the paragraph goes on) rather than a paragraph's short last line, by its column's width. */
function fullLineTest(lines: Line[]): (l: Line) => boolean {
  const colRight = new Map<string, number>();
  const colLeft = new Map<string, number>();
  for (const l of lines) {
    const k = `${l.page}:${l.col}`;
    colRight.set(k, Math.max(colRight.get(k) ?? 0, l.right));
    colLeft.set(k, Math.min(colLeft.get(k) ?? Infinity, l.x));
  }
  return (l) => {
    const k = `${l.page}:${l.col}`;
    const left = colLeft.get(k)!;
    return l.right - left >= 0.85 * (colRight.get(k)! - left);
  };
}

/** A block being read, with the line it ends at so far. */
type OpenBlock = Block & { last: Line };

const BULLET = /^[•▪◦·]\s*/;

/** Lines → blocks: headings (a large title over one or two lines, a section or country title), list items, paragraphs joined across column and page breaks. */
function linesToBlocks(lines: Line[], body: number, full: (l: Line) => boolean): Block[] {
  const blocks: Block[] = [];
  let open: OpenBlock | undefined;
  const close = () => {
    if (open) blocks.push({ kind: open.kind, text: open.text, start: open.start, end: open.end });
    open = undefined;
  };
  for (const l of lines) {
    if (l.size > body * 1.15) {
      if (open && continuesTitle(open, l)) extend(open, l, open.text + ' ' + l.text);
      else {
        close();
        open = { kind: 'heading', text: l.text, start: l.start, end: l.end, last: l };
      }
      continue;
    }
    const bullet = BULLET.exec(l.text);
    if (sectionOf(l.text) || parseTitle(l.text)) {
      close();
      blocks.push({ kind: 'heading', text: l.text, start: l.start, end: l.end });
    } else if (bullet) {
      close();
      open = { kind: 'item', text: l.text.slice(bullet[0].length), start: l.bodyStart ?? l.start + bullet[0].length, end: l.end, last: l };
    } else if (open && open.kind !== 'heading' && continuesParagraph(open, l, full)) extend(open, l, joinLines(open.text, l.text));
    else {
      close();
      open = { kind: 'paragraph', text: l.text, start: l.start, end: l.end, last: l };
    }
  }
  close();
  return blocks;
}

/** The block now ends at `l`, its text `text`. */
function extend(open: OpenBlock, l: Line, text: string): void {
  open.text = text;
  open.end = l.end;
  open.last = l;
}

/** A large line right under an open heading of its size, page and column: the title's second line. */
function continuesTitle(open: OpenBlock, l: Line): boolean {
  const last = open.last;
  return open.kind === 'heading' && last.size === l.size && last.page === l.page && last.col === l.col && last.y - l.y < l.size * 1.6;
}

/** Whether `l` goes on the open paragraph or item (no space or indent before it, or the line before does not end a sentence), in its size. */
function continuesParagraph(open: OpenBlock, l: Line, full: (l: Line) => boolean): boolean {
  const prev = open.last;
  const sameColumn = prev.page === l.page && prev.col === l.col;
  const gap = sameColumn ? prev.y - l.y : 0;
  // A paragraph starts after space, or (in a layout without space between paragraphs) with an indented first line.
  const indented = open.kind === 'paragraph' && l.x - prev.x > l.size * 0.8;
  const goesOn = sameColumn ? (gap < prev.size * 1.45 && !indented) || !FINAL.test(prev.text) : !FINAL.test(prev.text) || full(prev);
  return goesOn && Math.abs(prev.size - l.size) < 0.6;
}
