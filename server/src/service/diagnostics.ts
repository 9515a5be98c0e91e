/** Problems -> LSP diagnostics: severity per code from the settings, suppression comments, related source. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis } from './analysis';
import { Code } from './codes';
import { reportUri } from './kb';
import type { SeverityName, TipLensSettings } from './settings';
import { type CancellationToken, throwIfCancelled } from './types';
import { rangeInReport } from './positions';
import type { Suppression } from './draft';

const SEVERITY: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function provideDiagnostics(doc: TextDocument, analysis: DraftAnalysis, settings: TipLensSettings, token: CancellationToken): Diagnostic[] {
  throwIfCancelled(token);
  if (!settings.enable) return [];
  const out: Diagnostic[] = [];
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
      range: { start: doc.positionAt(p.span.start), end: doc.positionAt(p.span.end) },
      severity,
      code: p.code,
      source: 'tip-lens',
      message: p.message,
      data: p.data,
    };
    if (p.code === Code.CitationMissing) d.tags = [];
    if (p.related) d.relatedInformation = [{ location: { uri: reportUri(p.related.report.id), range: rangeInReport(p.related.report, p.related.span) }, message: p.related.message }];
    out.push(d);
  }
  return out;
}
