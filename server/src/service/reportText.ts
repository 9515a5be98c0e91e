/** `tipLens/reportText`: the original text of a report for its `tip-lens:/KHM-2022.txt` URI (read-only source view). */
import type { KnowledgeBase } from '../model/kb';
import { reportIdFromUri, reportUri } from '../model/kb';
import type { ReportTextResult } from '../protocol';

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
  return { uri: reportUri(report.id), reportId: report.id, text: report.text, languageId: 'plaintext' };
}
