/**
 * Code actions: a quick fix for every TIP Lens diagnostic that has a right
 * answer (`data.replacement` replaces the diagnostic's range; `data.insertText`
 * goes in at `data.insertAt`), "Insert citation" on a matching figure or quote
 * that has none, and `source.fixAll.tipLens`, which applies every fix marked safe.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis } from './analysis';
import { citationLabel } from '../model/kb';
import { type CancellationToken, type DiagnosticData, type Finding, throwIfCancelled } from './types';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tipLens`;

export interface CodeActionRequest {
  range: Range;
  /** `context.only` of the request. */
  only?: string[];
}

const isData = (d: unknown): d is DiagnosticData => typeof d === 'object' && d !== null && typeof (d as { code?: unknown }).code === 'string';

/** The edit a diagnostic's data describes, if it has one. */
export function fixEdit(doc: TextDocument, d: Diagnostic): TextEdit | undefined {
  if (!isData(d.data)) return undefined;
  const data = d.data;
  if (typeof data.replacement === 'string') return { range: d.range, newText: data.replacement };
  if (typeof data.insertText === 'string' && typeof data.insertAt === 'number') {
    const p = doc.positionAt(data.insertAt);
    return { range: { start: p, end: p }, newText: data.insertText };
  }
  return undefined;
}

function fixTitle(d: Diagnostic, edit: TextEdit): string {
  const data = d.data as DiagnosticData;
  if (data.fixTitle) return data.fixTitle;
  if (typeof data.replacement === 'string') return `Replace with “${short(data.replacement)}” (${data.anchor})`;
  return `Insert citation ${edit.newText.trim()}`;
}

const short = (s: string) => (s.length > 60 ? s.slice(0, 57) + '…' : s);

const wants = (only: string[] | undefined, kind: string) => !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(o + '.'));

const overlaps = (a: Range, b: Range) => !(cmp(a.end, b.start) < 0 || cmp(b.end, a.start) < 0);
const cmp = (p: Range['start'], q: Range['start']) => p.line - q.line || p.character - q.character;

/**
 * `diagnostics` are the engine's own for this document version (authoritative:
 * they carry `data` even when the client dropped it).
 */
export function provideCodeActions(doc: TextDocument, analysis: DraftAnalysis, diagnostics: Diagnostic[], request: CodeActionRequest, token: CancellationToken): CodeAction[] {
  throwIfCancelled(token);
  const out: CodeAction[] = [];
  if (wants(request.only, CodeActionKind.QuickFix)) {
    for (const d of diagnostics) {
      if (!overlaps(d.range, request.range)) continue;
      const edit = fixEdit(doc, d);
      if (!edit) continue;
      const data = d.data as DiagnosticData;
      out.push({
        title: fixTitle(d, edit),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: data.safeFix === true,
        edit: { changes: { [doc.uri]: [edit] } },
      });
    }
    // Insert citation on a matching figure or quote that has none (when no diagnostic already offers it).
    const offered = new Set(out.map((a) => a.title));
    for (const f of analysis.findings) {
      if (f.status !== 'match' || f.cited) continue;
      const range = { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) };
      if (!overlaps(range, request.range)) continue;
      const at = citationOffset(analysis, f);
      const p = doc.positionAt(at);
      const citation = ` [@${citationKey(analysis, f)}]`;
      const title = `Insert citation ${citation.trim()}`;
      if (offered.has(title) || diagnostics.some((d) => isData(d.data) && d.data.insertText !== undefined && overlaps(d.range, range))) continue;
      offered.add(title);
      out.push({ title, kind: CodeActionKind.QuickFix, edit: { changes: { [doc.uri]: [{ range: { start: p, end: p }, newText: citation }] } } });
    }
  }
  if (request.only && request.only.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + '.'))) {
    const fixAll = provideFixAll(doc, diagnostics, token);
    if (fixAll) out.push(fixAll);
  }
  return out;
}

/** Every safe fix at once, edits in document order with none overlapping. */
export function provideFixAll(doc: TextDocument, diagnostics: Diagnostic[], token: CancellationToken): CodeAction | null {
  throwIfCancelled(token);
  const edits: TextEdit[] = [];
  const fixed: Diagnostic[] = [];
  const candidates = diagnostics
    .filter((d) => isData(d.data) && d.data.safeFix === true)
    .map((d) => ({ d, edit: fixEdit(doc, d) }))
    .filter((x): x is { d: Diagnostic; edit: TextEdit } => x.edit !== undefined)
    .sort((a, b) => doc.offsetAt(a.edit.range.start) - doc.offsetAt(b.edit.range.start));
  let lastEnd = -1;
  for (const { d, edit } of candidates) {
    const s = doc.offsetAt(edit.range.start);
    if (s < lastEnd) continue;
    lastEnd = Math.max(doc.offsetAt(edit.range.end), s + (s === doc.offsetAt(edit.range.end) ? 1 : 0));
    edits.push(edit);
    fixed.push(d);
  }
  if (edits.length === 0) return null;
  return { title: `Fix all TIP Lens problems (${edits.length})`, kind: FIX_ALL_KIND, diagnostics: fixed, edit: { changes: { [doc.uri]: edits } } };
}

/** Short form (`R3`) when the finding is in the draft's default report, else the full anchor. */
function citationKey(analysis: DraftAnalysis, f: Finding): string {
  if (analysis.defaultReport === f.report.id && f.anchor.startsWith(f.report.id + '/')) return f.anchor.slice(f.report.id.length + 1);
  return f.anchor;
}

/** Before the closing punctuation of the sentence that holds the finding (Pandoc style: `… traffickers [@KHM-2022/prosecution.2].`). */
function citationOffset(analysis: DraftAnalysis, f: Finding): number {
  const text = analysis.draft.text;
  const sentence = analysis.draft.sentences.find((s) => f.span.start >= s.start && f.span.start < s.end);
  let end = sentence ? Math.max(sentence.end, f.span.end) : f.span.end;
  while (end > f.span.end && /[\s.!?;:,"'”’)]/.test(text[end - 1])) {
    // Keep closing quotes and brackets that belong to the finding's own span inside.
    end--;
  }
  // Stay after a closing quote that ends the finding's quote.
  while (end < text.length && /["”’)]/.test(text[end]) && end < (sentence?.end ?? end)) end++;
  return end;
}

/** Label of the citation a finding would get, for titles. */
export function findingLabel(f: Finding): string {
  const item = f.anchor.includes('/') ? f.anchor.slice(f.anchor.indexOf('/') + 1) : undefined;
  return citationLabel(f.report, item);
}
