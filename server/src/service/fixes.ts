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

/** Edits of the fixes with one right answer (`safeFix`), without overlaps, in document order. */
export function safeFixEdits(doc: TextDocument, diagnostics: readonly Diagnostic[]): TextEdit[] {
  const edits: { start: number; end: number; edit: TextEdit }[] = [];
  for (const d of diagnostics) {
    if (!isTipLensData(d.data) || !d.data.safeFix) continue;
    const e = fixEdit(doc, d);
    if (!e) continue;
    const start = doc.offsetAt(e.range.start);
    const end = doc.offsetAt(e.range.end);
    if (edits.some((x) => start < x.end && x.start < end)) continue;
    edits.push({ start, end, edit: e });
  }
  return edits.sort((a, b) => a.start - b.start).map((x) => x.edit);
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(doc: TextDocument, edits: readonly TextEdit[]): string {
  const text = doc.getText();
  const sorted = edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
