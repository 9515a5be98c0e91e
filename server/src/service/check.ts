/**
 * The checks: what a draft claims (figures, tiers, quotes, citations) against what the loaded reports
 * say. Precision first: a claim is compared only when it is clearly about a loaded report's country and
 * the same subject; otherwise the engine stays silent. This file runs the checks of checks/registry.ts
 * over one draft: once before the sentences, once per sentence that may hold a claim, once after.
 */
import { yearRolesIn } from '../ingest/figures';
import { countryMentions } from './countries';
import { kbIndex } from './kbIndex';
import { findQuotes } from './quotes';
import { type CancellationToken, type Finding, throwIfCancelled } from './types';
import { documentCountry, Sentence } from './checks/context';
import { CHECKS } from './checks/registry';
import type { CheckInput, CheckRun, DocumentContext, Problem } from './checks/types';

export { createDraftMemo, type CheckInput, type DraftMemo, type ExplainNote, type Problem } from './checks/types';
export { describeFact, paragraphAnchor } from './checks/report';
export { spanAt } from './checks/context';
export { valueAgrees } from './checks/figures';
export { tierRank } from './checks/tiers';

/** Cheap test before the edition phrases: "this year's report", "last year's narrative", "the latest report". */
const RELATIVE_EDITION_HINT = /year['’]s|latest|current|newest/i;
/** Cheap test for a sentence that may hold a figure, tier or quotation: the others are not read. */
const MAY_HOLD_A_CLAIM = /[0-9"“”«»]|\b(?:tier|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)\b/i;

export function checkClaims(input: CheckInput, token: CancellationToken): { findings: Finding[]; problems: Problem[] } {
  input = input.stems ? input : { ...input, stems: new Map() };
  const { draft, kb, references } = input;
  input.memo?.sentences.nextVersion();
  input.memo?.quotes.nextVersion();
  const index = kbIndex(kb);
  const prose = draft.prose;
  const mentions = countryMentions(prose);
  const quotes = findQuotes(draft);
  const doc: DocumentContext = { prose, mentions, docCountry: documentCountry(input, mentions, index.byCountry), inlineQuotes: quotes.filter((q) => !q.block).map((q) => q.span) };
  const run: CheckRun = { input, index, doc, quotes, findings: [], problems: [] };
  for (const check of CHECKS) check.start?.(run);
  const perSentence = CHECKS.filter((c) => c.sentence);
  const defaultEdition = input.defaultReport ? kb.get(input.defaultReport)?.manifest.edition : undefined;
  let statedEdition: number | undefined;
  // Sentences come in document order: the block of each is found by walking forward.
  const blocks = draft.blocks;
  let blockIdx = 0;
  let refIdx = 0;
  let sentenceCount = 0;
  for (const sentence of draft.sentences) {
    if ((++sentenceCount & 63) === 0) throwIfCancelled(token);
    const sText = prose.slice(sentence.start, sentence.end);
    if (!MAY_HOLD_A_CLAIM.test(sText)) continue;
    while (blockIdx < blocks.length && blocks[blockIdx].end <= sentence.start) blockIdx++;
    const b = blocks[blockIdx];
    const block = b && b.start <= sentence.start ? b : sentence;
    while (refIdx < references.length && references[refIdx].bracket.end <= sentence.start) refIdx++;
    const citations = [];
    for (let k = refIdx; k < references.length && references[k].bracket.start <= sentence.end + 3; k++) if (references[k].target) citations.push(references[k]);
    const editionYear = yearRolesIn(sText, input.memo?.sentences).find((y) => y.role === 'edition')?.year;
    let edition = editionYear;
    if (RELATIVE_EDITION_HINT.test(sText)) {
      if (/\blast\s+year['’]s\s+(?:[\p{L}.]+\s+){0,4}?(?:report|narrative|edition)\b/iu.test(sText)) {
        const base = statedEdition ?? defaultEdition ?? index.newestFirst()[0]?.manifest.edition;
        if (base) edition = base - 1;
      } else if (/\b(?:this\s+year['’]s|the\s+(?:latest|current|newest))\s+(?:[\p{L}.]+\s+){0,4}?(?:report|narrative|edition)\b/iu.test(sText)) edition = statedEdition ?? defaultEdition ?? index.newestFirst()[0]?.manifest.edition;
    }
    if (editionYear) statedEdition = editionYear;
    const ctx = new Sentence(sentence, block, citations, edition, sText, doc);
    for (const check of perSentence) check.sentence!(run, ctx);
  }
  throwIfCancelled(token);
  for (const check of CHECKS) check.finish?.(run);
  return { findings: run.findings, problems: run.problems };
}
