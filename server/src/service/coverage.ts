/**
 * Which prioritized recommendations a draft cites: the code lens at the top of
 * the draft ("Cites 5 of 17 prioritized recommendations") and `tipLens/coverage`.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis } from './analysis';
import type { KnowledgeBase, Report } from '../model/kb';
import { reportUri } from '../model/kb';
import { rangeInReport } from './positions';
import { Commands, type CoverageItem, type CoverageResult } from '../protocol';
import { type CancellationToken, throwIfCancelled } from './types';

/** The report whose recommendations the draft is measured against: its default report, else the one it cites recommendations of most. */
export function coverageReport(analysis: DraftAnalysis, kb: KnowledgeBase): Report | undefined {
  const preferred = analysis.defaultReport ? kb.get(analysis.defaultReport) : undefined;
  if (preferred && preferred.recommendations.length > 0) return preferred;
  const counts = new Map<Report, number>();
  for (const r of analysis.references) {
    if (r.target?.kind === 'recommendation') counts.set(r.target.report, (counts.get(r.target.report) ?? 0) + 1);
  }
  let best: Report | undefined;
  for (const [report, n] of counts) if (!best || n > counts.get(best)! || (n === counts.get(best) && report.id < best.id)) best = report;
  return best;
}

export function provideCoverage(doc: TextDocument, analysis: DraftAnalysis, kb: KnowledgeBase, token: CancellationToken): CoverageResult {
  throwIfCancelled(token);
  const report = coverageReport(analysis, kb);
  if (!report) return null;
  const items: CoverageItem[] = report.recommendations.map((rec) => {
    const anchor = `${report.id}/${rec.key}`;
    const citations = analysis.references
      .filter((r) => r.target?.anchor === anchor)
      .map((r) => ({ start: doc.positionAt(r.span.start), end: doc.positionAt(r.span.end) }));
    return { anchor, key: rec.key, text: rec.text, cited: citations.length > 0, citations, sourceUri: reportUri(report.id), sourceRange: rangeInReport(report, rec.span) };
  });
  return { reportId: report.id, total: items.length, cited: items.filter((i) => i.cited).length, items };
}

export function coverageTitle(c: NonNullable<CoverageResult>): string {
  return `Cites ${c.cited} of ${c.total} prioritized recommendation${c.total === 1 ? '' : 's'} (${c.reportId})`;
}

/** One lens on the first line of the draft, when it has a report with recommendations to measure against. */
export function provideCodeLenses(doc: TextDocument, analysis: DraftAnalysis, kb: KnowledgeBase, token: CancellationToken): CodeLens[] {
  const c = provideCoverage(doc, analysis, kb, token);
  if (!c || c.total === 0) return [];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [{ range, command: { title: coverageTitle(c), command: Commands.showCoverage, arguments: [doc.uri] } }];
}

/** Markdown list of the recommendations, cited ones checked (hover on `tip-report:`). */
export function coverageMarkdown(c: NonNullable<CoverageResult>, escape: (s: string) => string): string {
  const lines = [`**${coverageTitle(c)}**`, ''];
  for (const i of c.items) lines.push(`- ${i.cited ? '✓' : '·'} **${i.key}** ${escape(shorten(i.text, 90))}`);
  return lines.join('\n');
}

function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, t.lastIndexOf(' ', max)) + '…';
}
