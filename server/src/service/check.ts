/** The checks: what the draft claims against what the reports say. */
import { Code } from './codes';
import type { KnowledgeBase, Report, Span } from './kb';
import type { DraftText } from './draft';
import type { CancellationToken, DiagnosticData, DraftReference, Finding } from './types';

export interface Problem {
  code: Code;
  span: Span;
  message: string;
  data: DiagnosticData;
  /** Lower the severity to information (the loaded source text is partial). */
  partialSource?: boolean;
  related?: { report: Report; span: Span; message: string };
}

export interface CheckInput {
  draft: DraftText;
  kb: KnowledgeBase;
  references: DraftReference[];
  defaultReport?: string;
}

export function checkClaims(input: CheckInput, _token: CancellationToken): { findings: Finding[]; problems: Problem[] } {
  const problems: Problem[] = [];
  for (const ref of input.references) {
    if (!ref.problem) continue;
    problems.push({ code: Code.ReferenceUnknown, span: ref.span, message: ref.problem, partialSource: ref.partialSource, data: { code: Code.ReferenceUnknown, anchor: ref.raw, reportId: ref.reportId ?? '' } });
  }
  return { findings: [], problems };
}
