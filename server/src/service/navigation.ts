/**
 * Navigation on report items: go to definition (the item in the report's
 * read-only source text, `tip-lens:/KHM-2023.txt`), find references (every
 * reference to the same item across the given drafts), and document links.
 */
import type { DocumentLink, Location, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis } from './analysis';
import { citationLabel, reportUri, type Report, type Span } from '../model/kb';
import { rangeInReport } from './positions';
import { type CancellationToken, type DraftReference, type Finding, throwIfCancelled } from './types';

/** The reference whose key (with its `@`) holds the offset. */
export function referenceAt(analysis: Pick<DraftAnalysis, 'references'>, offset: number): DraftReference | undefined {
  return analysis.references.find((r) => offset >= r.span.start - 1 && offset <= r.span.end);
}

/** The finding (figure, quote, tier claim) that holds the offset; the narrowest when several do. */
export function findingAt(analysis: DraftAnalysis, offset: number): Finding | undefined {
  let best: Finding | undefined;
  for (const f of analysis.findings) {
    if (offset < f.span.start || offset > f.span.end) continue;
    if (!best || f.span.end - f.span.start < best.span.end - best.span.start) best = f;
  }
  return best;
}

/** True when the offset is on the value of `tip-report:` in the front matter. */
export function onFrontMatterReport(analysis: DraftAnalysis, offset: number): boolean {
  const s = analysis.draft.frontMatter?.tipReportSpan;
  return !!s && offset >= s.start && offset <= s.end;
}

/** Where a report item is, as an LSP location in its source text. */
export function sourceLocation(report: Report, span: Span): Location {
  return { uri: reportUri(report.id), range: rangeInReport(report, span) };
}

/** The report anchor (`KHM-2023/R3`) of whatever is at the offset, with its location in the source. */
export function targetAt(analysis: DraftAnalysis, kbGet: (id: string) => Report | undefined, offset: number): { anchor: string; report: Report; span: Span } | undefined {
  const ref = referenceAt(analysis, offset);
  if (ref?.target) return { anchor: ref.target.anchor, report: ref.target.report, span: ref.target.span };
  if (ref) return undefined;
  const f = findingAt(analysis, offset);
  if (f) return { anchor: f.anchor, report: f.report, span: f.source };
  if (onFrontMatterReport(analysis, offset) && analysis.defaultReport) {
    const report = kbGet(analysis.defaultReport);
    if (report) return { anchor: report.id, report, span: { start: 0, end: 0 } };
  }
  return undefined;
}

export function provideDefinition(doc: TextDocument, analysis: DraftAnalysis, kbGet: (id: string) => Report | undefined, position: Position, token: CancellationToken): Location | null {
  throwIfCancelled(token);
  const t = targetAt(analysis, kbGet, doc.offsetAt(position));
  return t ? sourceLocation(t.report, t.span) : null;
}

export interface DraftWithAnalysis {
  doc: TextDocument;
  analysis: DraftAnalysis;
}

/** Every reference to the item at the position, in `drafts` (the open documents), plus the item itself when asked. */
export function provideReferences(
  doc: TextDocument,
  analysis: DraftAnalysis,
  kbGet: (id: string) => Report | undefined,
  position: Position,
  drafts: () => Iterable<DraftWithAnalysis>,
  includeDeclaration: boolean,
  token: CancellationToken,
): Location[] | null {
  throwIfCancelled(token);
  const t = targetAt(analysis, kbGet, doc.offsetAt(position));
  if (!t) return null;
  const out: Location[] = [];
  if (includeDeclaration) out.push(sourceLocation(t.report, t.span));
  for (const d of drafts()) {
    throwIfCancelled(token);
    for (const r of d.analysis.references) {
      if (r.target?.anchor === t.anchor) out.push({ uri: d.doc.uri, range: { start: d.doc.positionAt(r.span.start), end: d.doc.positionAt(r.span.end) } });
    }
  }
  return out;
}

/** A link on each resolved reference key, to the item in the report's source text (`tip-lens:/KHM-2023.txt#L5,1`). */
export function provideDocumentLinks(doc: TextDocument, analysis: DraftAnalysis, token: CancellationToken): DocumentLink[] {
  throwIfCancelled(token);
  const out: DocumentLink[] = [];
  for (const r of analysis.references) {
    if (!r.target) continue;
    const start = rangeInReport(r.target.report, r.target.span).start;
    out.push({
      range: { start: doc.positionAt(r.span.start), end: doc.positionAt(r.span.end) },
      target: `${reportUri(r.target.report.id)}#L${start.line + 1},${start.character + 1}`,
      tooltip: `Open ${citationLabel(r.target.report, r.target.kind === 'report' ? undefined : r.item)}`,
    });
  }
  return out;
}
