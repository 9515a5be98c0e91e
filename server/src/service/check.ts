/**
 * The checks: what a draft claims (figures, tiers, quotes, citations) against what the loaded reports
 * say. Precision first: a claim is compared only when it is clearly about a loaded report's country and
 * the same subject; otherwise the engine stays silent. This file runs the checks of checks/registry.ts
 * over one draft: once before the sentences, once per sentence that may hold a claim, once after.
 */
import { yearRolesIn } from '../ingest/figures';
import { countryMentions, type CountryMention } from './countries';
import { kbIndex } from './kbIndex';
import { findQuotes } from './quotes';
import { type CancellationToken, type Finding, throwIfCancelled } from './types';
import { documentCountry, isClaimCountry, Sentence } from './checks/context';
import { CHECKS } from './checks/registry';
import { MAX_STEMS, type CheckInput, type CheckRun, type DocumentContext, type ExplainNote, type Problem } from './checks/types';
import { blockContext, copyOutputs, type BlockChecks } from './blockChecks';
import { offeredContexts } from './checks/notAsserted';
import { tableHeaders } from './checks/tableColumns';
import { lineOf } from '../ingest/lines';
import type { Span } from '../model/kb';
import { NUMBER_WORDS } from '../reading/vocab';

export { createDraftMemo, type CheckInput, type DraftMemo, type ExplainNote, type Problem } from './checks/types';
export { describeFact, paragraphAnchor } from './checks/report';
export { spanAt } from './checks/context';
export { valueAgrees } from './checks/figures';
export { tierRank } from './checks/tiers';

/** Cheap test before the edition phrases: "this year's report", "last year's narrative", "the latest report". */
const RELATIVE_EDITION_HINT = /year['’]s|latest|current|newest|most\s+recent/i;
/** Cheap test for a sentence that may hold a figure, tier or quotation: the others are not read. */
const MAY_HOLD_A_CLAIM = new RegExp(`[0-9"“”«»]|\\b(?:tier|${NUMBER_WORDS.join('|')})\\b`, 'i');

export function checkClaims(input: CheckInput, token: CancellationToken): { findings: Finding[]; problems: Problem[] } {
  input = withStems(input);
  const walk = new ClaimWalk(input);
  input = walk.input;
  const { run } = walk;
  const perSentence = CHECKS.filter((c) => c.sentence);
  const { draft, references } = input;
  const prose = draft.prose;
  const blocks = draft.blocks;
  // Sentences come in document order: the block of each is found by walking forward.
  let blockIdx = 0;
  let refIdx = 0;
  let sentenceCount = 0;
  for (const sentence of draft.sentences) {
    if (sentence.start < walk.skipUntil) continue;
    if ((++sentenceCount & 63) === 0) throwIfCancelled(token);
    while (blockIdx < blocks.length && blocks[blockIdx].end <= sentence.start) blockIdx++;
    const b = blocks[blockIdx];
    const block = b && b.start <= sentence.start ? b : sentence;
    if (walk.reused(block)) continue;
    const sText = prose.slice(sentence.start, sentence.end);
    if (!MAY_HOLD_A_CLAIM.test(sText)) continue;
    while (refIdx < references.length && references[refIdx].bracket.end <= sentence.start) refIdx++;
    const citations = [];
    for (let k = refIdx; k < references.length && references[k].bracket.start <= sentence.end + 3; k++) if (references[k].target) citations.push(references[k]);
    const ctx = new Sentence(sentence, block, citations, walk.editionOf(sText), sText, run.doc);
    for (const check of perSentence) check.sentence!(run, ctx);
  }
  walk.close();
  throwIfCancelled(token);
  for (const check of CHECKS) check.finish?.(run);
  return { findings: run.findings, problems: run.problems };
}

const movedMention = (m: CountryMention, d: number): CountryMention => ({ country: m.country, start: m.start + d, end: m.end + d });

/** The input with a stem memo: the draft memo's (cleared when it grows too big), else a new one. */
function withStems(input: CheckInput): CheckInput {
  if (input.stems) return input;
  const kept = input.memo?.stems;
  if (kept && kept.size > MAX_STEMS) kept.clear();
  return { ...input, stems: kept ?? new Map() };
}

/**
 * One pass of the checks over a draft: the run they report into, the edition the sentences so far named, and the
 * incremental re-check (blockChecks.ts): each block's per-sentence results are reused while its key is unchanged.
 */
class ClaimWalk {
  readonly input: CheckInput;
  readonly run: CheckRun;
  /** Sentences before this offset belong to a block whose results were reused. */
  skipUntil = -1;
  readonly #blockCache: BlockChecks | undefined;
  readonly #notesLog: ExplainNote[] = [];
  readonly #context: string;
  readonly #defaultEdition: number | undefined;
  #statedEdition: number | undefined;
  /** The block being checked now, when its results are to be remembered. */
  #open: { context: string; block: Span; findings: number; problems: number; notes: number; lastEdition: number | undefined } | undefined;
  #openBlock: Span | undefined;
  #headers: ((line: number) => string) | undefined;

  constructor(given: CheckInput) {
    let input = given;
    input.memo?.sentences.nextVersion();
    input.memo?.quotes.nextVersion();
    this.#blockCache = input.memo?.blocks;
    this.#blockCache?.nextVersion(input.draft.prose);
    const explain = input.explain;
    if (this.#blockCache && explain) input = { ...input, explain: (n) => (this.#notesLog.push(n), explain(n)) };
    this.input = input;
    const index = kbIndex(input.kb);
    const prose = input.draft.prose;
    const codes = index.countryCodes;
    const scan = (p: string, from: number, to: number) => countryMentions(p, from, to, codes);
    const mentions = input.memo?.mentions?.get(prose, [codes], scan, movedMention) ?? scan(prose, 0, prose.length);
    const quotes = input.memo?.quoteScan?.get(input.draft) ?? findQuotes(input.draft);
    let offered: ((line: number) => string) | undefined;
    const doc: DocumentContext = {
      prose,
      mentions,
      docCountry: documentCountry(input, mentions, index.byCountry),
      onlyLoadedCountries: mentions.every((m) => index.byCountry.has(m.country) || !isClaimCountry(prose, m)),
      inlineQuotes: quotes.filter((q) => !q.block).map((q) => q.span),
      countryCodes: index.countryCodes,
      offered: (line) => (offered ??= input.memo?.offered?.get(prose, input.draft.lineStarts) ?? offeredContexts(prose, input.draft.lineStarts))(line),
    };
    this.run = { input, index, doc, quotes, findings: [], problems: [] };
    for (const check of CHECKS) check.start?.(this.run);
    this.#defaultEdition = input.defaultReport ? input.kb.get(input.defaultReport)?.manifest.edition : undefined;
    this.#context = this.#blockCache ? `${doc.docCountry ?? ''}\u0000${input.defaultReport ?? ''}\u0000${doc.onlyLoadedCountries ? 1 : 0}` : '';
  }

  /** On entering a new block: copies its remembered results when its key is unchanged (and says so), else starts remembering it. */
  reused(block: Span): boolean {
    const cache = this.#blockCache;
    if (!cache || block === this.#openBlock) return false;
    this.close();
    this.#openBlock = block;
    const { run } = this;
    const blockCtx = blockContext(block, `${this.#context}\u0000${this.#statedEdition ?? ''}\u0000${this.#linesAbove(block)}`, run.doc.inlineQuotes);
    const hit = cache.get(block, blockCtx, run.doc.prose.length);
    if (!hit) {
      this.#open = { context: blockCtx, block, findings: run.findings.length, problems: run.problems.length, notes: this.#notesLog.length, lastEdition: undefined };
      return false;
    }
    const explain = this.input.explain;
    if (hit.findings.length || hit.problems.length || (explain && hit.notes.length)) {
      // (Outputs are never changed once made: where the block has not moved, the remembered objects themselves.)
      const copy = block.start === hit.start ? hit : copyOutputs(hit, block.start - hit.start);
      for (const f of copy.findings) run.findings.push(f);
      for (const p of copy.problems) run.problems.push(p);
      if (explain) for (const n of copy.notes) explain(n);
    }
    if (hit.lastEdition !== undefined) this.#statedEdition = hit.lastEdition;
    cache.reused++;
    cache.set(block.start, hit);
    this.skipUntil = block.end;
    return true;
  }

  /**
   * What the block's checks read of lines outside it, beyond blockChecks' MARGIN: a table row's header row, and whether
   * each of its lines is a quiz option or a true-or-false statement (which depends on the stem or heading above).
   */
  #linesAbove(block: Span): string {
    const { prose, lineStarts } = this.input.draft;
    this.#headers ??= tableHeaders(prose, lineStarts);
    const { offered } = this.run.doc;
    const first = lineOf(lineStarts, block.start);
    let key = this.#headers(first);
    for (let l = first; l < lineStarts.length && lineStarts[l] < block.end; l++) key += `,${offered(l)}`;
    return key;
  }

  /** The edition a sentence names ("the 2022 report", "last year's report"), remembering the newest one named for the sentences after it. */
  editionOf(sText: string): number | undefined {
    const editionYear = yearRolesIn(sText, this.input.memo?.sentences).find((y) => y.role === 'edition')?.year;
    let edition = editionYear;
    if (RELATIVE_EDITION_HINT.test(sText)) {
      // ("this year's", "last year's" count from the newest edition the draft has named, else its front matter's, else the newest
      // loaded: "SOURCE: 2022 TIP REPORT" after "the 2023 report" leaves this year's report the 2023 one.)
      const base = () => this.#statedEdition ?? this.#defaultEdition ?? this.run.index.newestFirst()[0]?.manifest.edition;
      if (/\blast\s+year['’]s\s+(?:[\p{L}.]+\s+){0,4}?(?:report|narrative|edition)\b/iu.test(sText)) {
        const b = base();
        if (b) edition = b - 1;
      } else if (/\bthe\s+(?:latest|newest|most\s+recent)\s+(?:[\p{L}.]+\s+){0,4}?(?:report|narrative|edition)\b/iu.test(sText)) {
        // ("The latest edition, published in June 2023, …": the newest loaded, whatever edition the sentences before named.)
        edition = this.run.index.newestFirst()[0]?.manifest.edition;
      } else if (/\b(?:this\s+year['’]s|the\s+current)\s+(?:[\p{L}.]+\s+){0,4}?(?:report|narrative|edition)\b/iu.test(sText)) edition = base();
    }
    if (editionYear && editionYear > (this.#statedEdition ?? 0)) {
      this.#statedEdition = editionYear;
      if (this.#open) this.#open.lastEdition = editionYear;
    }
    return edition;
  }

  /** Remembers the block being checked, with what its sentences found. */
  close(): void {
    const open = this.#open;
    if (open && this.#blockCache) {
      const { run } = this;
      // (Not copies: no check changes a finding, problem or note once made; citation.missing replaces the findings it marks cited.)
      this.#blockCache.set(open.block.start, { start: open.block.start, length: open.block.end - open.block.start, context: open.context, lastEdition: open.lastEdition, findings: run.findings.slice(open.findings), problems: run.problems.slice(open.problems), notes: this.#notesLog.slice(open.notes) });
      this.#blockCache.checked++;
    }
    this.#open = undefined;
  }
}
