/** Problems -> LSP diagnostics: severity per code from the settings, suppression comments, related source. */
import { DiagnosticSeverity, type Diagnostic, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis } from './analysis';
import { Code } from './codes';
import { itemKeyAt, itemUri } from '../model/kb';
import type { SeverityName, TipLensSettings } from './settings';
import { type CancellationToken, throwIfCancelled } from './types';
import { lineOf, rangeInReport } from './positions';
import type { Suppression } from './draft';

const SEVERITY: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * doc.positionAt, from the line starts the draft reading already has when the text has no
 * carriage return (then both split lines at \n alone and agree), so a big draft's lines are
 * not counted a second time.
 */
function positionsOf(doc: TextDocument, analysis: DraftAnalysis): (offset: number) => Position {
  const text = analysis.draft.text;
  if (text !== doc.getText() || text.indexOf('\r') >= 0) return (offset) => doc.positionAt(offset);
  const starts = analysis.draft.lineStarts;
  return (offset) => {
    const o = Math.max(Math.min(offset, text.length), 0);
    const line = lineOf(starts, o);
    return { line, character: o - starts[line] };
  };
}

export function provideDiagnostics(doc: TextDocument, analysis: DraftAnalysis, settings: TipLensSettings, token: CancellationToken): Diagnostic[] {
  throwIfCancelled(token);
  if (!settings.enable) return [];
  const out: Diagnostic[] = [];
  const positionAt = positionsOf(doc, analysis);
  const problems = [...analysis.problems].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  // Problems in document order against suppressions by start: only those open at a problem's start are looked at (linear, however many there are).
  const suppressions = [...analysis.draft.suppressions].sort((a, b) => a.span.start - b.span.start);
  let next = 0;
  let open: Suppression[] = [];
  for (const p of problems) {
    const configured = settings.severity[p.code];
    if (configured === 'off') continue;
    const at = p.span.start;
    while (next < suppressions.length && suppressions[next].span.start <= at) open.push(suppressions[next++]);
    if (open.length && open.some((s) => s.span.end <= at)) open = open.filter((s) => s.span.end > at);
    if (open.some((s) => s.codes.length === 0 || s.codes.includes(p.code))) continue;
    let severity = SEVERITY[configured];
    if (p.partialSource && severity < DiagnosticSeverity.Information) severity = DiagnosticSeverity.Information;
    const d: Diagnostic = {
      range: { start: positionAt(p.span.start), end: positionAt(p.span.end) },
      severity,
      code: p.code,
      source: 'tip-lens',
      message: p.message,
      data: p.data,
    };
    if (p.code === Code.CitationMissing) d.tags = [];
    if (p.related) {
      const { report, span, message } = p.related;
      d.relatedInformation = [{ location: { uri: itemUri(report, itemKeyAt(report, span.start)), range: rangeInReport(report, span) }, message }];
    }
    out.push(d);
  }
  return out;
}
