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
import { documentCountry, isClaimCountry, Sentence } from './checks/context';
import { CHECKS } from './checks/registry';
import { MAX_STEMS, type CheckInput, type CheckRun, type DocumentContext, type ExplainNote, type Problem } from './checks/types';
import { blockContext, copyOutputs } from './blockChecks';
import type { Span } from '../model/kb';

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
  if (!input.stems) {
    const kept = input.memo?.stems;
    if (kept && kept.size > MAX_STEMS) kept.clear();
    input = { ...input, stems: kept ?? new Map() };
  }
  const { draft, kb, references } = input;
  input.memo?.sentences.nextVersion();
  input.memo?.quotes.nextVersion();
  // Incremental re-checks (blockChecks.ts): each block's per-sentence results are reused while its key is unchanged.
  const blockCache = input.memo?.blocks;
  blockCache?.nextVersion(draft.prose);
  const explain = input.explain;
  const notesLog: ExplainNote[] = [];
  if (blockCache && explain) input = { ...input, explain: (n) => (notesLog.push(n), explain(n)) };
  const index = kbIndex(kb);
  const prose = draft.prose;
  const mentions = countryMentions(prose, 0, prose.length, index.countryCodes);
  const quotes = findQuotes(draft);
  const doc: DocumentContext = { prose, mentions, docCountry: documentCountry(input, mentions, index.byCountry), onlyLoadedCountries: mentions.every((m) => index.byCountry.has(m.country) || !isClaimCountry(prose, m)), inlineQuotes: quotes.filter((q) => !q.block).map((q) => q.span), countryCodes: index.countryCodes };
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
  /** The block being checked now, when its results are to be remembered. */
  let open: { context: string; block: Span; findings: number; problems: number; notes: number; lastEdition: number | undefined } | undefined;
  let openBlock: Span | undefined;
  let skipUntil = -1;
  const close = () => {
    if (open && blockCache) {
      blockCache.set(open.block.start, { start: open.block.start, length: open.block.end - open.block.start, context: open.context, lastEdition: open.lastEdition, ...copyOutputs({ findings: run.findings.slice(open.findings), problems: run.problems.slice(open.problems), notes: notesLog.slice(open.notes) }, 0) });
      blockCache.checked++;
    }
    open = undefined;
  };
  const context = blockCache ? `${doc.docCountry ?? ''}\u0000${input.defaultReport ?? ''}\u0000${doc.onlyLoadedCountries ? 1 : 0}` : '';
  for (const sentence of draft.sentences) {
    if (sentence.start < skipUntil) continue;
    if ((++sentenceCount & 63) === 0) throwIfCancelled(token);
    while (blockIdx < blocks.length && blocks[blockIdx].end <= sentence.start) blockIdx++;
    const b = blocks[blockIdx];
    const block = b && b.start <= sentence.start ? b : sentence;
    if (blockCache && block !== openBlock) {
      close();
      openBlock = block;
      const blockCtx = blockContext(block, `${context}\u0000${statedEdition ?? ''}`, doc.inlineQuotes);
      const hit = blockCache.get(block, blockCtx, prose.length);
      if (hit) {
        if (hit.findings.length || hit.problems.length || (explain && hit.notes.length)) {
          const copy = copyOutputs(hit, block.start - hit.start);
          for (const f of copy.findings) run.findings.push(f);
          for (const p of copy.problems) run.problems.push(p);
          if (explain) for (const n of copy.notes) explain(n);
        }
        if (hit.lastEdition !== undefined) statedEdition = hit.lastEdition;
        blockCache.reused++;
        blockCache.set(block.start, hit);
        skipUntil = block.end;
        continue;
      }
      open = { context: blockCtx, block, findings: run.findings.length, problems: run.problems.length, notes: notesLog.length, lastEdition: undefined };
    }
    const sText = prose.slice(sentence.start, sentence.end);
    if (!MAY_HOLD_A_CLAIM.test(sText)) continue;
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
    if (editionYear) {
      statedEdition = editionYear;
      if (open) open.lastEdition = editionYear;
    }
    const ctx = new Sentence(sentence, block, citations, edition, sText, doc);
    for (const check of perSentence) check.sentence!(run, ctx);
  }
  close();
  throwIfCancelled(token);
  for (const check of CHECKS) check.finish?.(run);
  return { findings: run.findings, problems: run.problems };
}
