/** citation.missing: a figure or quote that matches a report but cites nothing near it. */
import { Code } from '../codes';
import { reportUri } from '../../model/kb';
import { rangeInReport } from '../positions';
import type { Finding } from '../types';
import { referencesIn, spanAt } from './context';
import type { Check, CheckInput, Problem } from './types';

export const citationMissingCheck: Check = {
  name: 'citation.missing',
  codes: [Code.CitationMissing],
  finish: (run) => addMissingCitations(run.input, run.findings, run.problems),
};

function addMissingCitations(input: CheckInput, findings: Finding[], problems: Problem[]): void {
  const { draft, references } = input;
  const seenSentences = new Set<number>();
  for (const f of findings) {
    if (f.status !== 'match' || f.kind === 'tier') continue;
    const sentence = spanAt(draft.sentences, f.span.start);
    const block = spanAt(draft.blocks, f.span.start);
    if (!sentence || !block) continue;
    const citedNearby = referencesIn(references, block.start, block.end + 2).some((r) => r.target && r.target.report.id === f.report.id);
    if (citedNearby) {
      f.cited = true;
      continue;
    }
    if (seenSentences.has(sentence.start)) continue;
    seenSentences.add(sentence.start);
    let at = sentence.end;
    while (at > sentence.start && /[.!?"'”’)\s]/.test(draft.text[at - 1])) at--;
    if (draft.text[at] === '"' || draft.text[at] === '”') at++;
    const insertText = ` [@${f.anchor}]`;
    problems.push({
      code: Code.CitationMissing,
      span: f.span,
      message: `This ${f.kind} matches the ${f.report.manifest.edition} report (${f.anchor}) but has no citation; add [@${f.anchor}].`,
      data: { code: Code.CitationMissing, anchor: f.anchor, reportId: f.report.id, sourceUri: reportUri(f.report.id), sourceRange: rangeInReport(f.report, f.source), sourceOffsets: f.source, sourceText: f.report.text.slice(f.source.start, f.source.end), insertText, insertAt: at, fixTitle: `Insert citation [@${f.anchor}]`, safeFix: false },
    });
  }
}
