/** Problems -> LSP diagnostics: severity per code from the settings, suppression comments, related source. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis } from './analysis';
import { Code } from './codes';
import { reportUri } from './kb';
import type { SeverityName, TipLensSettings } from './settings';
import { type CancellationToken, throwIfCancelled } from './types';
import { rangeInReport } from './positions';

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
  for (const p of problems) {
    const configured = settings.severity[p.code];
    if (configured === 'off') continue;
    if (analysis.draft.suppressions.some((s) => p.span.start >= s.span.start && p.span.start < s.span.end && (s.codes.length === 0 || s.codes.includes(p.code)))) continue;
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
