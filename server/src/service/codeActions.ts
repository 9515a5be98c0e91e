/**
 * Code actions: a quick fix for every TIP Lens diagnostic that has a right
 * answer (`data.replacement` replaces the diagnostic's range; `data.insertText`
 * goes in at `data.insertAt`), "Insert citation" on a matching figure or quote
 * that has none, and `source.fixAll.tipLens`, which applies every fix marked safe. On a sentence that
 * citation.missing flags, "Insert citation" offers the best-supported item (and a close second); a
 * reference.mismatch offers each replacement as good as its fix. `provideCiteSentence` answers the
 * command "Cite This Sentence" (request tipLens/citeSentence) the same way at any sentence.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis } from './analysis';
import { citationLabel, type KnowledgeBase, type Report } from '../model/kb';
import type { CiteCandidate, CiteSentenceResult } from '../protocol';
import { Code } from './codes';
import { spanAt } from './checks/context';
import { supportingItems, type Support } from './checks/referenceMismatch';
import { kbIndex } from './kbIndex';
import { firstWords } from './search';
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
export function provideCodeActions(doc: TextDocument, analysis: DraftAnalysis, diagnostics: Diagnostic[], request: CodeActionRequest, token: CancellationToken, kb?: KnowledgeBase): CodeAction[] {
  throwIfCancelled(token);
  const out: CodeAction[] = [];
  if (wants(request.only, CodeActionKind.QuickFix)) {
    for (const d of diagnostics) {
      if (!overlaps(d.range, request.range)) continue;
      const edit = fixEdit(doc, d);
      if (!edit) continue;
      const data = d.data as DiagnosticData;
      // Cite this sentence: the items that best support the sentence citation.missing flags (one, or two close ones).
      const cites = kb && data.code === Code.CitationMissing && edit.range.start.line === edit.range.end.line ? citeSentence(analysis, kb, doc.offsetAt(d.range.start)) : [];
      if (cites.length) {
        cites.forEach((c, i) => {
          const newText = ` [@${c.key}]`;
          out.push({
            title: i === 0 ? `Insert citation${newText}` : `Insert citation${newText} (as close a match)`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: i === 0 && cites.length === 1,
            edit: { changes: { [doc.uri]: [{ range: edit.range, newText }] } },
          });
        });
        continue;
      }
      out.push({
        title: fixTitle(d, edit),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: data.safeFix === true,
        edit: { changes: { [doc.uri]: [edit] } },
      });
      // reference.mismatch: a replacement as good as the fix.
      for (const alt of Array.isArray(data.alternatives) ? data.alternatives : []) {
        if (typeof alt?.replacement !== 'string') continue;
        out.push({ title: `Cite ${alt.replacement} instead`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: [{ range: d.range, newText: alt.replacement }] } } });
      }
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

/** A supporting item and the key to cite it by (short under the draft's default report). */
interface Cite extends Support {
  key: string;
}

/**
 * The items that best support the sentence holding `offset`: looked for in the reports of the figures and
 * quotes matched in it, the draft's default report and the reports it cites (else the newest loaded).
 */
function citeSentence(analysis: DraftAnalysis, kb: KnowledgeBase, offset: number): Cite[] {
  const sentence = spanAt(analysis.draft.sentences, offset);
  if (!sentence) return [];
  const index = kbIndex(kb);
  const reports = new Set<Report>();
  const def = analysis.defaultReport ? kb.get(analysis.defaultReport) : undefined;
  if (def) reports.add(def);
  for (const r of analysis.references) if (r.target && reports.size < 8) reports.add(r.target.report);
  if (reports.size === 0) for (const r of index.newestFirst().slice(0, 8)) reports.add(r);
  return supportingItems(index, analysis.draft.prose, sentence, analysis.findings, reports).map((s) => ({ ...s, key: analysis.defaultReport === s.report.id ? s.item.key : s.item.anchor }));
}

/** tipLens/citeSentence: the best-supported anchors for the sentence at `position` and where the citation goes. */
export function provideCiteSentence(doc: TextDocument, analysis: DraftAnalysis, kb: KnowledgeBase, position: { line: number; character: number }, token: CancellationToken): CiteSentenceResult {
  throwIfCancelled(token);
  const text = analysis.draft.text;
  let offset = doc.offsetAt(position);
  // The cursor just after the sentence's full stop (or at the end of its line) still means that sentence.
  const sentences = analysis.draft.sentences;
  if (!spanAt(sentences, offset) && offset > 0 && spanAt(sentences, offset - 1)) offset--;
  const sentence = spanAt(sentences, offset);
  if (!sentence) return null;
  const cites = citeSentence(analysis, kb, offset);
  if (cites.length === 0) return null;
  let at = sentence.end;
  while (at > sentence.start && /[\s.!?;:,]/.test(text[at - 1])) at--;
  const candidates: CiteCandidate[] = cites.map((c) => ({
    anchor: c.item.anchor,
    insertText: ` [@${c.key}]`,
    label: `${c.item.anchor} · ${firstWords(itemText(c), 60)}`,
    detail: c.holds ? `holds the sentence’s ${c.holds}` : `shares ${Math.round(c.share * 100)}% of the sentence’s weighted words`,
    score: Math.round(c.score * 100) / 100,
  }));
  return { sentence: { start: doc.positionAt(sentence.start), end: doc.positionAt(sentence.end) }, insertAt: doc.positionAt(at), candidates };
}

function itemText(c: Support): string {
  const r = c.report;
  const first = c.item.sentences[0];
  const rec = c.item.kind === 'recommendation' ? r.recommendations.find((x) => x.key === c.item.key) : undefined;
  return rec ? rec.text : first !== undefined && r.sentences[first] ? r.text.slice(r.sentences[first].span.start, r.sentences[first].span.end) : c.item.key;
}
