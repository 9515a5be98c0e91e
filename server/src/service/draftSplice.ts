/**
 * Incremental reading of a draft: an edit inside one line of a Markdown draft that can change no mask (code,
 * fences, comments, HTML, links, URLs, front matter) and no block marker is read by splicing the last version's
 * reading instead of reading the whole draft again: the prose is the last one with the line replaced, line
 * starts, blocks and suppressions after the edit move by the change in length, and only the sentences of the
 * blocks around the line are split again. Any other edit reads the draft from scratch (readDraft).
 *
 * Why an edit that passes `lineEdit` leaves every mask as it was, moved: the line was wholly unmasked before
 * (so no mask covered any of it), neither version of it holds a character that opens, closes or shapes a mask
 * (` ~ < > \r, '](' and ']:', a line-start '['; '"' only without ')'), the edit itself changes no '"', bracket or
 * parenthesis, and the new line holds no URL; its blank, indented-code, table-separator and marker shape are the
 * same. test/unit/draftSplice.test.ts holds the spliced reading equal to readDraft after random edits.
 */
import { splitSentencesInto } from '../ingest/sentences';
import type { Span } from '../model/kb';
import { commonPrefix, commonSuffix } from './blockChecks';
import { allSpace, indentedCode, lineShape, readDraft, tableSeparator, URL_PATTERN, type DraftText, type Suppression } from './draft';
import { lineOf } from './positions';

const URL_IN_LINE = new RegExp(URL_PATTERN.source, 'i');
/** A line holding any of these is read from scratch (see the file's comment). */
const UNSAFE_LINE = /[`~<>\r\u2028\u2029]|\]\(|\]:|^\s*\[/;
/** An edit inserting or removing any of these is read from scratch. */
const UNSAFE_EDIT = /["()[\]\n\r\u2028\u2029]/;
/** Blocks within this many code units of the edited line have their sentences split again (splitting looks a little past a block). */
const SENTENCE_MARGIN = 300;

/** Reads a document's versions, splicing the last reading where the edit allows. */
export class DraftReader {
  #last: DraftText | undefined;
  #languageId: string | undefined;
  /** Whether the last read was spliced (tests). */
  spliced = false;

  read(text: string, languageId: string | undefined): DraftText {
    const last = this.#last;
    const same = last !== undefined && languageId === this.#languageId;
    const spliced = same ? (last.text === text ? last : spliceDraft(last, text)) : undefined;
    this.spliced = spliced !== undefined;
    this.#last = spliced ?? readDraft(text, languageId);
    this.#languageId = languageId;
    return this.#last;
  }
}

/** Where a one-line edit is: the line's start `ls` and old end `leOld`, the edit's old range [p, qOld), the change in length. */
interface LineEdit {
  line: number;
  ls: number;
  leOld: number;
  p: number;
  qOld: number;
  delta: number;
}

/** The last reading spliced for `text`, or undefined when the edit is not one `lineEdit` accepts. */
export function spliceDraft(old: DraftText, text: string): DraftText | undefined {
  const e = lineEdit(old, text);
  if (!e) return undefined;
  const { line, ls, leOld, delta } = e;
  const startAt = (x: number) => (x <= e.p ? x : x + delta);
  const endAt = (x: number) => (x < e.qOld ? x : x + delta);
  const span = (s: Span): Span => (delta === 0 || s.end < e.qOld ? s : { start: startAt(s.start), end: endAt(s.end) });
  const prose = old.prose.slice(0, ls) + text.slice(ls, leOld + delta) + old.prose.slice(leOld);
  const lineStarts = delta === 0 ? old.lineStarts : old.lineStarts.map((s, i) => (i <= line ? s : s + delta));
  const blocks = delta === 0 ? old.blocks : old.blocks.map(span);
  const suppressions: Suppression[] = delta === 0 ? old.suppressions : old.suppressions.map((s) => ({ span: span(s.span), codes: s.codes }));
  const sentences = resplit(old, blocks, prose, ls, leOld, span);
  return { text, prose, isMarkdown: old.isMarkdown, frontMatter: old.frontMatter, suppressions, blocks, sentences, lineStarts };
}

/** The sentences: the old ones moved, those of the blocks near the edited line (old offsets ls…leOld) split again. */
function resplit(old: DraftText, blocks: Span[], prose: string, ls: number, leOld: number, span: (s: Span) => Span): Span[] {
  const ob = old.blocks;
  let i0 = 0;
  while (i0 < ob.length && ob[i0].end <= ls - SENTENCE_MARGIN) i0++;
  let i1 = i0;
  while (i1 < ob.length && ob[i1].start < leOld + SENTENCE_MARGIN) i1++;
  const from = i0 < ob.length ? ob[i0].start : Infinity;
  const to = i1 < ob.length ? ob[i1].start : Infinity;
  const out: Span[] = [];
  const os = old.sentences;
  let k = 0;
  for (; k < os.length && os[k].start < from; k++) out.push(os[k]);
  // (No BreakFinder: a new one's first search for a rare mark such as '!' would run on to the draft's end.)
  for (let b = i0; b < i1; b++) splitSentencesInto(out, prose, blocks[b].start, blocks[b].end);
  while (k < os.length && os[k].start < to) k++;
  for (; k < os.length; k++) out.push(span(os[k]));
  return out;
}

/** The edit from `old.text` to `text` when it lies inside one line and can change no mask or block marker (see the file's comment). */
function lineEdit(old: DraftText, text: string): LineEdit | undefined {
  if (!old.isMarkdown) return undefined;
  const p = commonPrefix(old.text, text);
  const qOld = old.text.length - commonSuffix(old.text, text, Math.min(old.text.length, text.length) - p);
  const delta = text.length - old.text.length;
  const line = lineOf(old.lineStarts, p);
  const ls = old.lineStarts[line];
  const next = old.lineStarts[line + 1];
  const leOld = next === undefined ? old.text.length : next - 1;
  if (p <= ls || qOld > leOld) return undefined;
  if (old.frontMatter ? ls < old.frontMatter.span.end : old.text.startsWith('---') || text.startsWith('---')) return undefined;
  if (UNSAFE_EDIT.test(old.text.slice(p, qOld)) || UNSAFE_EDIT.test(text.slice(p, qOld + delta))) return undefined;
  const oldLine = old.text.slice(ls, leOld);
  const newLine = text.slice(ls, leOld + delta);
  if (old.prose.slice(ls, leOld) !== oldLine || !safeLine(oldLine) || !safeLine(newLine) || URL_IN_LINE.test(newLine)) return undefined;
  if (indentedCode(oldLine, 0, oldLine.length) !== indentedCode(newLine, 0, newLine.length)) return undefined;
  if (tableSeparator(oldLine, 0, oldLine.length) || tableSeparator(newLine, 0, newLine.length)) return undefined;
  const a = lineShape(oldLine, 0, oldLine.length);
  const b = lineShape(newLine, 0, newLine.length);
  if (a.textStart !== b.textStart || a.own !== b.own || a.heading !== b.heading || a.rule !== b.rule || p < ls + a.textStart) return undefined;
  return { line, ls, leOld, p, qOld, delta };
}

/** Not blank, and holding nothing that opens, closes or shapes a mask. */
function safeLine(line: string): boolean {
  return !allSpace(line, 0, line.length) && !UNSAFE_LINE.test(line) && !(line.includes('"') && line.includes(')'));
}
