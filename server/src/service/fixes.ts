/** The edit a diagnostic's fix makes, from the replacement or insertion its `data` carries. */
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticData } from './types';

export function isTipLensData(data: unknown): data is DiagnosticData {
  return typeof data === 'object' && data !== null && typeof (data as DiagnosticData).code === 'string' && typeof (data as DiagnosticData).anchor === 'string';
}

export function fixEdit(doc: TextDocument, d: Diagnostic): TextEdit | undefined {
  if (!isTipLensData(d.data)) return undefined;
  const data = d.data;
  if (typeof data.replacement === 'string') return { range: d.range, newText: data.replacement };
  if (typeof data.insertText === 'string' && typeof data.insertAt === 'number' && data.insertAt >= 0 && data.insertAt <= doc.getText().length) {
    const p = doc.positionAt(data.insertAt);
    return { range: { start: p, end: p }, newText: data.insertText };
  }
  return undefined;
}

/** An edit as offsets into the document's text (UTF-16 code units), start ≤ end. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Edits of the fixes with one right answer (`safeFix`), without overlaps, in document order.
 * Sorted once, then one sweep: an edit that overlaps one already kept (the earlier start wins) is left out.
 */
export function safeFixEdits(doc: TextDocument, diagnostics: readonly Diagnostic[]): TextEdit[] {
  const candidates: { start: number; end: number; edit: TextEdit }[] = [];
  for (const d of diagnostics) {
    if (!isTipLensData(d.data) || !d.data.safeFix) continue;
    const e = fixEdit(doc, d);
    if (!e) continue;
    candidates.push({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), edit: e });
  }
  return nonOverlapping(candidates).map((x) => x.edit);
}

/**
 * The edits sorted by start (insertions before a replacement at the same offset, otherwise stable),
 * without the ones that overlap an edit kept before them. Linear after the sort.
 */
export function nonOverlapping<E extends { start: number; end: number }>(edits: readonly E[]): E[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort(byStart);
  const kept: E[] = [];
  let last: E | undefined; // the kept non-empty edit that ends last (kept non-empty edits are disjoint)
  for (const { e } of sorted) {
    if (last && (e.start === e.end ? last.start < e.start && e.start < last.end : e.start < last.end)) continue;
    kept.push(e);
    if (e.end > e.start) last = e;
  }
  return kept;
}

/** Applies non-overlapping edits to a document's text in one pass (sorted once, output built once). */
export function applyEdits(doc: TextDocument, edits: readonly TextEdit[]): string {
  return applyOffsetEdits(
    doc.getText(),
    edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText })),
  );
}

/** Applies non-overlapping offset edits to `text`: one sort, one concatenation. Throws on overlapping or out-of-range edits. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of checked(edits, text.length)) {
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Applies offset edits of `text` (the UTF-8 decoding of `bytes`) to the bytes themselves: every byte
 * outside the edited spans is copied from `bytes`, never re-encoded. `bytes` must be valid UTF-8 (the
 * caller refuses files that are not: their offsets would not map to bytes), and no edit may start or
 * end inside a surrogate pair. One sort, one pass over the text up to the last edit, one concatenation.
 */
export function applyOffsetEditsToBytes(bytes: Uint8Array, text: string, edits: readonly OffsetEdit[]): Buffer {
  const parts: Buffer[] = [];
  let atChar = 0;
  let atByte = 0; // byte offset of text[atChar]
  let copiedTo = 0; // bytes before this are in parts
  const advance = (to: number) => {
    if (to > 0 && to < text.length && isHigh(text.charCodeAt(to - 1)) && isLow(text.charCodeAt(to))) throw new RangeError(`edit offset ${to} is inside a surrogate pair`);
    atByte += Buffer.byteLength(text.slice(atChar, to), 'utf8');
    atChar = to;
  };
  for (const e of checked(edits, text.length)) {
    advance(e.start);
    parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + copiedTo, atByte - copiedTo), Buffer.from(e.text, 'utf8'));
    advance(e.end);
    copiedTo = atByte;
  }
  parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + copiedTo, bytes.length - copiedTo));
  return Buffer.concat(parts);
}

function checked(edits: readonly OffsetEdit[], length: number): OffsetEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort(byStart).map((x) => x.e);
  let at = 0;
  for (const e of sorted) {
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && at <= e.start && e.start <= e.end && e.end <= length)) throw new RangeError(`edit ${e.start}-${e.end} overlaps another or is outside the text (length ${length})`);
    at = e.end;
  }
  return sorted;
}

/** Document order; at one offset an insertion goes before a replacement; otherwise the given order. */
function byStart(a: { e: { start: number; end: number }; i: number }, b: { e: { start: number; end: number }; i: number }): number {
  return a.e.start - b.e.start || Number(a.e.end > a.e.start) - Number(b.e.end > b.e.start) || a.i - b.i;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
