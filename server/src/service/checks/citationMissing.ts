/** citation.missing: a figure or quote that matches a report but cites nothing near it. */
import { Code } from '../codes';
import { reportUri } from '../../model/kb';
import { rangeInReport } from '../positions';
import type { Finding } from '../types';
import { spanAt } from './context';
import type { Check, CheckInput, Problem } from './types';

export const citationMissingCheck: Check = {
  name: 'citation.missing',
  codes: [Code.CitationMissing],
  finish: (run) => addMissingCitations(run.input, run.findings, run.problems),
};

/** Quotations shorter than this many words never ask for a citation. */
const MIN_CITED_QUOTE_WORDS = 4;

function wordCount(text: string, span: { start: number; end: number }): number {
  let n = 0;
  for (const _ of text.slice(span.start, span.end).matchAll(/[\p{L}\p{N}]+/gu)) n++;
  return n;
}

function addMissingCitations(input: CheckInput, findings: Finding[], problems: Problem[]): void {
  const { draft } = input;
  const citedIn = reportsCitedPerBlock(input);
  const seenSentences = new Set<number>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.status !== 'match' || f.kind === 'tier') continue;
    // A quoted word or two ("Cambodia", "Tier 3") is a name or a term, not a passage that needs a citation.
    if (f.kind === 'quote' && wordCount(draft.prose, f.span) < MIN_CITED_QUOTE_WORDS) continue;
    const sentence = spanAt(draft.sentences, f.span.start);
    const block = spanAt(draft.blocks, f.span.start);
    if (!sentence || !block) continue;
    const citedNearby = citedIn.get(block.start)?.has(f.report.id) ?? false;
    if (citedNearby) {
      // (A copy: the finding object may be what the incremental re-check remembers of its block, for the next version.)
      findings[i] = { ...f, cited: true };
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

/**
 * The reports cited in each block (keyed by the block's start), in one pass over the references: a
 * reference counts for every block whose span, or the 2 characters after it, holds the bracket's start.
 * Asking each finding's block for its references instead is quadratic on one huge block.
 */
function reportsCitedPerBlock(input: CheckInput): Map<number, Set<string>> {
  const { draft, references } = input;
  const out = new Map<number, Set<string>>();
  for (const r of references) {
    if (!r.target) continue;
    const at = r.bracket.start;
    for (let back = 0; back <= 2 && at - back >= 0; back++) {
      const block = spanAt(draft.blocks, at - back);
      if (!block || at > block.end + 2) continue;
      let set = out.get(block.start);
      if (!set) out.set(block.start, (set = new Set()));
      set.add(r.target.report.id);
    }
  }
  return out;
}
