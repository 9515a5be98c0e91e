/**
 * `tipLens/reportText`: the original text of a report for its `tip-lens:` URI (the read-only source view),
 * with where each recommendation and paragraph starts, so that the view can show the R-numbers and ¶
 * numbers citations use without changing the text (and so every range into it).
 */
import type { KnowledgeBase, Report } from '../model/kb';
import { citationLabel, reportIdFromUri, reportUri, sectionTitle } from '../model/kb';
import type { ReportTextItem, ReportTextResult } from '../protocol';
import { rangeInReport } from './positions';

export function provideReportText(kb: KnowledgeBase, uri: unknown): ReportTextResult {
  if (typeof uri !== 'string') return null;
  // Clients may keep a selection fragment (#L5,1) or a query on the URI; `tip-lens:///X.txt` and `tip-lens:/x.txt` are the same report.
  const bare = uri.replace(/[?#].*$/, '');
  let id = reportIdFromUri(bare);
  if (!id) {
    try {
      id = reportIdFromUri(decodeURIComponent(bare));
    } catch {
      id = undefined;
    }
  }
  const report = id ? kb.get(id) : undefined;
  if (!report) return null;
  return { uri: reportUri(report.id), reportId: report.id, text: report.text, languageId: 'plaintext', title: citationLabel(report), items: reportTextItems(report) };
}

/** The report's recommendations (R1 …) and the paragraphs of its other sections (¶1 …), in text order. */
export function reportTextItems(report: Report): ReportTextItem[] {
  const items: ReportTextItem[] = report.recommendations.map((r) => ({ key: r.key, label: r.key, title: citationLabel(report, r.key), range: rangeInReport(report, r.span) }));
  for (const p of report.paragraphs) {
    if (p.section === 'recommendations') continue;
    const label = p.index === 1 ? `${sectionTitle(report, p.section)} ¶1` : `¶${p.index}`;
    items.push({ key: p.anchor, label, title: citationLabel(report, p.anchor), range: rangeInReport(report, p.span) });
  }
  return items.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
