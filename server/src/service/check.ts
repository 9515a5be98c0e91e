/**
 * The checks: what a draft claims (figures, tiers, quotes) against what the
 * loaded reports say. Precision first: a claim is compared only when it is
 * clearly about a loaded report's country and the same subject; otherwise the
 * engine stays silent.
 */
import { figuresIn, SentenceReadings, unitsCompatible, yearRolesIn, type Figure } from '../ingest/figures';
import { changeOf, tierNumber } from '../ingest/tiers';
import { toTierName } from '../ingest/structure';
import { Code } from './codes';
import { countryMentions, type CountryMention } from './countries';
import type { DraftText } from './draft';
import { citationLabel, reportUri, type Action, type Fact, type KnowledgeBase, type Report, type Span, type TierName } from '../model/kb';
import { kbIndex, type KbIndex } from './kbIndex';
import { rangeInReport } from './positions';
import { findQuotes, matchQuote, QuoteMatches, type DraftQuote } from './quotes';
import { type CancellationToken, type DiagnosticData, type DraftReference, type Finding, throwIfCancelled } from './types';
import { clauseBetween, clauseBreaks, FIRST_PERSON, HYPOTHETICAL, namesOtherSource, NEGATION, OWN_NUMBER } from '../reading/cues';
import { termsOf } from '../reading/terms';
import { tierClaimRegex } from '../reading/tierWords';
import { describeQuoteChanges } from './quoteDiff';
import { enoughEvidence, evidenceFor, type ClaimSetting, type Evidence } from './evidence';

export interface Problem {
  code: Code;
  span: Span;
  message: string;
  data: DiagnosticData;
  /** Lower the severity to information (the loaded source text is partial). */
  partialSource?: boolean;
  related?: { report: Report; span: Span; message: string };
}

/** Why a claim was or was not compared (tip-lens check --explain). */
export interface ExplainNote {
  span: Span;
  kind: 'figure' | 'tier' | 'quote';
  decision: 'silent' | 'match' | 'mismatch' | 'wrong-year';
  why: string;
  evidence?: string[];
}

/** The readings an analysis of one document reuses from its previous version. */
export interface DraftMemo {
  sentences: SentenceReadings;
  quotes: QuoteMatches;
}

export function createDraftMemo(): DraftMemo {
  return { sentences: new SentenceReadings(), quotes: new QuoteMatches() };
}

export interface CheckInput {
  draft: DraftText;
  /** Receives one note per claim read: what was decided and why. */
  explain?: (note: ExplainNote) => void;
  /** What is remembered of this document's earlier versions (owned by the caller, per document). */
  memo?: DraftMemo;
  /** Word stems worked out during this check (made by checkClaims when absent). */
  stems?: Map<string, string | undefined>;
  kb: KnowledgeBase;
  references: DraftReference[];
  defaultReport?: string;
}

/** Cheap test before the edition phrases: "this year's report", "last year's narrative", "the latest report". */
const RELATIVE_EDITION_HINT = /year['’]s|latest|current|newest/i;
const REPORT_MENTION = /\b(?:TIP\s+Report|TIP\s+(?:19|20)\d\d|Trafficking\s+in\s+Persons\s+Report|(?:the|this|that|its|(?:this|last)\s+year['’]s)\s+(?:\d{4}\s+|latest\s+|current\s+|same\s+|U\.S\.\s+)?(?:report|narrative|edition)|(?:19|20)\d\d\s+(?:TIP\s+)?(?:report|narrative|edition)|State\s+Department|Department\s+of\s+State)\b/i;
const US_ACTOR = /^\s*(?:law\s+enforcement|authorities|government|officials|agencies|embassy|State\s+Department|Department|TIP\b|Trafficking\s+in\s+Persons|referr)/i;
/** "28 PRC nationals", "nationals of the People's Republic of China": the victims' nationality, not whose figure it is. */
const NATIONALITY_AFTER = /^\s*(?:nationals?|citizens?|workers?|migrants?|victims?|men|women|children|people|laborers|labourers|passport)\b/i;
const NATIONALITY_BEFORE = /\b(?:nationals?|citizens?|natives?)\s+(?:of|from)\s+(?:the\s+)?$/i;

interface SentenceContext {
  span: Span;
  /** prose.slice(span.start, span.end) */
  text: string;
  block: Span;
  /** TIP Lens references inside the sentence (or right after it). */
  citations: DraftReference[];
  /** The edition the sentence names ("the 2023 report"), if any. */
  edition?: number;
  /** Country of each position: resolved lazily. */
  countryAt(offset: number): string | undefined;
  /** The clause around [start, end) of the sentence's text (offsets relative to the sentence). */
  clauseAround(start: number, end: number): Span;
  /** Countries whose claim the sentence's words in [from, to) (prose offsets) may state: not nationalities, not the U.S. as actor. */
  claimCountriesIn(from: number, to: number): Set<string>;
  inQuote(offset: number): boolean;
  otherSource: boolean;
  firstPerson: boolean;
}

export function checkClaims(input: CheckInput, token: CancellationToken): { findings: Finding[]; problems: Problem[] } {
  input = input.stems ? input : { ...input, stems: new Map() };
  const { draft, kb, references } = input;
  input.memo?.sentences.nextVersion();
  input.memo?.quotes.nextVersion();
  const problems: Problem[] = [];
  const findings: Finding[] = [];
  for (const ref of references) {
    if (!ref.problem) continue;
    problems.push({
      code: Code.ReferenceUnknown,
      span: ref.span,
      message: ref.problem,
      partialSource: ref.partialSource,
      data: { code: Code.ReferenceUnknown, anchor: ref.raw, reportId: ref.reportId ?? '' },
    });
  }
  const index = kbIndex(kb);
  const kbCountries = index.byCountry;
  const prose = draft.prose;
  const mentions = countryMentions(prose);
  const docCountry = documentCountry(input, mentions, kbCountries);
  const defaultEdition = input.defaultReport ? kb.get(input.defaultReport)?.manifest.edition : undefined;
  let statedEdition: number | undefined;
  // Sentences come in document order: the block of each is found by walking forward (what spanAt(draft.blocks, start) finds).
  const blocks = draft.blocks;
  let blockIdx = 0;
  const blockOf = (s: Span): Span => {
    while (blockIdx < blocks.length && blocks[blockIdx].end <= s.start) blockIdx++;
    const b = blocks[blockIdx];
    return b && b.start <= s.start ? b : (spanAt(blocks, s.start) ?? s);
  };
  const quotes = findQuotes(draft);
  const inlineQuotes = quotes.filter((q) => !q.block).map((q) => q.span);
  const doc: DocumentContext = { prose, mentions, docCountry, inlineQuotes };
  let refIdx = 0;
  let sentenceCount = 0;
  for (const sentence of draft.sentences) {
    if ((++sentenceCount & 63) === 0) throwIfCancelled(token);
    const sText = prose.slice(sentence.start, sentence.end);
    if (!/[0-9"“”«»]|\b(?:tier|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)\b/i.test(sText)) continue;
    while (refIdx < references.length && references[refIdx].bracket.end <= sentence.start) refIdx++;
    const citations: DraftReference[] = [];
    for (let k = refIdx; k < references.length && references[k].bracket.start <= sentence.end + 3; k++) if (references[k].target) citations.push(references[k]);
    const years = yearRolesIn(sText, input.memo?.sentences);
    const editionYear = years.find((y) => y.role === 'edition')?.year;
    let edition = editionYear;
    const relative = RELATIVE_EDITION_HINT.test(sText);
    if (relative && /\blast\s+year['’]s\s+(?:[\p{L}.]+\s+){0,4}?(?:report|narrative|edition)\b/iu.test(sText)) {
      const base = statedEdition ?? defaultEdition ?? index.newestFirst()[0]?.manifest.edition;
      if (base) edition = base - 1;
    } else if (relative && /\b(?:this\s+year['’]s|the\s+(?:latest|current|newest))\s+(?:[\p{L}.]+\s+){0,4}?(?:report|narrative|edition)\b/iu.test(sText)) edition = statedEdition ?? defaultEdition ?? index.newestFirst()[0]?.manifest.edition;
    if (editionYear) statedEdition = editionYear;
    const ctx = new Sentence(sentence, blockOf(sentence), citations, edition, sText, doc);
    checkFigures(input, ctx, index, findings, problems);
    checkTiers(input, ctx, index, findings, problems);
  }
  throwIfCancelled(token);
  checkQuotes(input, quotes, kbCountries, docCountry, findings, problems);
  addMissingCitations(input, findings, problems);
  return { findings, problems };
}

interface DocumentContext {
  prose: string;
  mentions: CountryMention[];
  docCountry: string | undefined;
  /** Inline quotations ("…"), in document order. */
  inlineQuotes: Span[];
}

/** One sentence being checked; what is costly to know about it is worked out on first use. */
class Sentence implements SentenceContext {
  #otherSource: boolean | undefined;
  #firstPerson: boolean | undefined;
  #breaks: Span[] | undefined;
  #claimMentions: CountryMention[] | undefined;

  constructor(
    readonly span: Span,
    readonly block: Span,
    readonly citations: DraftReference[],
    readonly edition: number | undefined,
    /** The sentence's text (prose.slice(span.start, span.end)). */
    readonly text: string,
    private readonly doc: DocumentContext,
  ) {}

  get otherSource(): boolean {
    return (this.#otherSource ??= namesOtherSource(this.text) && !REPORT_MENTION.test(this.text) && this.citations.length === 0);
  }

  get firstPerson(): boolean {
    return (this.#firstPerson ??= FIRST_PERSON.test(this.text.indexOf('U') < 0 ? this.text : this.text.replace(/\bU\.?S\.?\b/g, '')));
  }

  clauseAround(start: number, end: number): Span {
    return clauseBetween((this.#breaks ??= clauseBreaks(this.text)), this.text.length, start, end);
  }

  claimCountriesIn(from: number, to: number): Set<string> {
    const prose = this.doc.prose;
    this.#claimMentions ??= countryMentions(prose, this.span.start, this.span.end).filter((m) => isClaimCountry(prose, m));
    const out = new Set<string>();
    for (const m of this.#claimMentions) if (m.start >= from && m.end <= to) out.add(m.country);
    return out;
  }

  /** Is the offset inside an inline quotation (someone's words: the quote check compares the report's)? */
  inQuote(offset: number): boolean {
    return spanAt(this.doc.inlineQuotes, offset) !== undefined;
  }

  countryAt(offset: number): string | undefined {
    return countryAt(offset, this.span, this.block, this.doc.mentions, this.doc.docCountry, this.citations, this.doc.prose);
  }
}

// ---------------------------------------------------------------------------
// Lookups in sorted spans (binary search keeps the checks linear in the draft)

/** The span of a sorted, non-overlapping list that contains `offset`. */
export function spanAt<T extends Span>(spans: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** References whose bracket starts in [from, to]; references are in document order. */
function referencesIn(references: readonly DraftReference[], from: number, to: number): DraftReference[] {
  let lo = 0;
  let hi = references.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (references[mid].bracket.start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: DraftReference[] = [];
  for (let i = lo; i < references.length && references[i].bracket.start <= to; i++) out.push(references[i]);
  return out;
}

// ---------------------------------------------------------------------------
// Whose figures

function documentCountry(input: CheckInput, mentions: { country: string }[], kbCountries: ReadonlyMap<string, Report[]>): string | undefined {
  const found = new Set<string>();
  if (input.defaultReport) {
    const r = input.kb.get(input.defaultReport);
    if (r) return r.manifest.country;
  }
  for (const ref of input.references) if (ref.target) found.add(ref.target.report.manifest.country);
  if (found.size === 1) return [...found][0];
  if (found.size > 1) return undefined;
  for (const m of mentions) if (kbCountries.has(m.country)) found.add(m.country);
  return found.size === 1 ? [...found][0] : undefined;
}

/** Not a mention of whose figure or tier it is: a nationality ("28 PRC nationals") or the report's publisher ("U.S. law enforcement", "the U.S. TIP Report"). */
function isClaimCountry(prose: string, m: CountryMention): boolean {
  if (NATIONALITY_AFTER.test(prose.slice(m.end, m.end + 14)) || NATIONALITY_BEFORE.test(prose.slice(Math.max(0, m.start - 24), m.start))) return false;
  return !(m.country === 'United States' && US_ACTOR.test(prose.slice(m.end, m.end + 30)));
}


function countryAt(offset: number, sentence: Span, block: Span, mentions: { country: string; start: number; end: number }[], docCountry: string | undefined, citations: DraftReference[], prose?: string): string | undefined {
  // First mention at or after the block start (mentions are in document order).
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < block.start) lo = mid + 1;
    else hi = mid;
  }
  let before: string | undefined;
  let after: string | undefined;
  let para: string | undefined;
  for (let i = lo; i < mentions.length && mentions[i].start < sentence.end; i++) {
    const m = mentions[i];
    if (prose && !isClaimCountry(prose, m)) continue;
    if (m.end <= sentence.start) para = m.country;
    else if (m.start >= sentence.start && m.end <= offset) before = m.country;
    else if (!after && m.start >= offset && m.end <= sentence.end) after = m.country;
  }
  if (before) return before;
  if (after) return after;
  if (citations.length) return citations[0].target!.report.manifest.country;
  return para ?? docCountry;
}

// ---------------------------------------------------------------------------
// Figures

const SPECIFIC_UNITS = new Set(['officers', 'participants', 'sessions', 'trainings', 'nationals', 'brokers', 'convictions', 'prosecutions', 'arrests']);

/** What a diagnostic quotes of a fact's source: the same for every claim checked against that fact, so worked out once per fact. */
interface FactSource {
  anchor: string;
  sourceText?: string;
  related?: string;
}

const factSources = new WeakMap<Fact, FactSource>();

function factSource(report: Report, fact: Fact): FactSource {
  let fs = factSources.get(fact);
  if (!fs) factSources.set(fact, (fs = { anchor: fact.sentence < 0 ? report.id : paragraphAnchor(report, report.sentences[fact.sentence].paragraph) }));
  return fs;
}

function anchorOf(report: Report, fact: Fact): string {
  return factSource(report, fact).anchor;
}

/** `KHM-2023/R1` for a recommendation's paragraph, else `KHM-2022/prosecution.2`. */
export function paragraphAnchor(report: Report, paragraph: string): string {
  const rec = report.recommendations.find((r) => r.paragraph === paragraph);
  return `${report.id}/${rec ? rec.key : paragraph}`;
}

function sentenceSpan(report: Report, fact: Fact): Span {
  return fact.sentence < 0 ? fact.span : report.sentences[fact.sentence].span;
}

/** Does the claim's value (with its approximation) agree with the fact's? */
export function valueAgrees(claim: Figure, fact: Fact): boolean {
  // "a general and six others" were convicted: "seven people" is the same group, counted whole.
  if (fact.others && !claim.others && claim.values.length === 1 && fact.values.length === 1) {
    return valueAgrees(claim, { ...fact, others: undefined }) || valueAgrees(claim, { ...fact, others: undefined, values: [fact.values[0] + 1] });
  }
  const f = fact.values;
  const c = claim.values;
  const fmin = f[0];
  const fmax = f[f.length - 1];
  if (fact.kind === 'penalty' || (fact.values.length === 2 && claim.kind !== 'count')) {
    if (c.length === 2) return c[0] === fmin && c[1] === fmax && claim.unit === fact.unit && (claim.unitMax ?? claim.unit) === (fact.unitMax ?? fact.unit);
    if (claim.approx === 'up-to') return c[0] === fmax && (fact.unitMax ?? fact.unit) === claim.unit;
    if (claim.approx === 'at-least') return c[0] === fmin && fact.unit === claim.unit;
    return c[0] === fmin || c[0] === fmax;
  }
  if (c.length === 2) return c[0] <= fmin && fmax <= c[1];
  const v = c[0];
  switch (claim.approx) {
    case 'more-than': return fmin > v;
    case 'at-least': return fmin >= v;
    case 'up-to': return fmin <= v;
    case 'fewer-than': return fmin < v;
    case 'nearly': return fmin <= v && fmin >= v * 0.85;
    case 'about': return Math.abs(fmin - v) <= Math.max(1, v * 0.1);
    default:
      if (v >= 1000 && v % 100 === 0) return Math.abs(fmin - v) <= v * 0.05; // a round figure ("12,800")
      return fmin === v;
  }
}

function sameContext(claim: Figure, fact: Fact): boolean {
  if ((claim.form ?? '') !== (fact.form ?? '')) return false;
  const ct = [...claim.topics].sort().join('|');
  const ft = [...fact.topics].sort().join('|');
  if (ct !== ft) return false;
  if (fact.kind === 'penalty' && claim.victim && fact.victim && claim.victim !== fact.victim) return false;
  if (fact.kind === 'penalty' && claim.victim && !fact.victim) return false;
  return true;
}

/** The claim states no qualifier the fact contradicts ("35 traffickers" may be the report's "35 for forced labor"). */
function narrower(claim: Figure, fact: Fact): boolean {
  if (claim.form && claim.form !== fact.form) return false;
  if (fact.kind === 'penalty' && claim.victim && claim.victim !== fact.victim) return false;
  return claim.topics.every((t) => fact.topics.includes(t));
}

function kindsCompatible(claim: Figure, fact: Fact): boolean {
  if (fact.kind === 'tier' || fact.kind === 'date-span') return false;
  if (claim.kind === 'penalty' || fact.kind === 'penalty') return claim.kind === fact.kind;
  if (claim.kind === 'duration' || fact.kind === 'duration') return claim.kind === fact.kind && claim.unit === fact.unit;
  return true;
}

function actionsCompatible(claim: Figure, fact: Fact): boolean {
  if (fact.kind === 'penalty') return true;
  if (claim.actions.length === 0) return SPECIFIC_UNITS.has(claim.unit) && (fact.actions.length === 0 || fact.unit === claim.unit || unitsCompatible(claim.unit, fact.unit));
  return claim.actions.some((a) => fact.actions.includes(a));
}

function checkFigures(input: CheckInput, ctx: SentenceContext, index: KbIndex, findings: Finding[], problems: Problem[]): void {
  const { draft } = input;
  if (ctx.otherSource) return;
  const figures = figuresIn(ctx.text, ctx.span.start, input.memo?.sentences);
  if (figures.length === 0) return;
  let reportNamed: boolean | undefined;
  const cited = new Set(ctx.citations.map((c) => c.target!.report.id));
  const note = (claim: Figure, decision: ExplainNote['decision'], why: string, evidence?: Evidence) => input.explain?.({ span: claim.span, kind: 'figure', decision, why, evidence: evidence?.reasons });
  // What the whose-number and modality gates look for, tested once on the whole sentence: most sentences have none of it.
  const text = ctx.text;
  let cueMemo: { firstPerson: boolean; otherSource: boolean; ownNumber: boolean; modal: boolean } | undefined;
  const sentenceCues = () => (cueMemo ??= {
    firstPerson: FIRST_PERSON.test(text),
    otherSource: namesOtherSource(text),
    ownNumber: OWN_NUMBER.test(text),
    modal: HYPOTHETICAL.test(text) || NEGATION.test(text),
  });
  for (const claim of figures) {
    if (claim.unit === 'percent') { note(claim, 'silent', 'a percentage'); continue; }
    if (ctx.inQuote(claim.span.start)) { note(claim, 'silent', 'inside a quotation: someone’s words (the quote check compares the report’s)'); continue; }
    if (claim.kind === 'date-span') {
      checkDateSpan(claim, ctx, index, draft.prose, findings, problems);
      continue;
    }
    if (claim.kind === 'count' && claim.actions.length === 0 && !SPECIFIC_UNITS.has(claim.unit)) { note(claim, 'silent', 'a count of nothing the reports count'); continue; }
    // Several years at once ("between 2018 and 2021"), or part of a year ("the first half of 2021"): not the report's yearly figure.
    if (claim.kind !== 'penalty' && (claim.multiYear || (claim.yearPartial && claim.topics.length === 0))) { note(claim, 'silent', 'spans several years or part of a year'); continue; }
    const country = ctx.countryAt(claim.span.start);
    if (!country) { note(claim, 'silent', 'no country it is about'); continue; }
    if (!index.byCountry.has(country)) { note(claim, 'silent', 'about a country no loaded report covers'); continue; }
    // Whose number: the author's ("we trained 40", "Maximum 25 participants per course", "according to our survey") is not the report's.
    const rel = ctx.clauseAround(claim.span.start - ctx.span.start, claim.span.end - ctx.span.start);
    const cues = sentenceCues();
    if (cues.firstPerson || cues.otherSource || cues.ownNumber) {
      const clauseText = text.slice(rel.start, rel.end);
      const clauseNamesReport = () => REPORT_MENTION.test(clauseText) || (ctx.citations.length > 0 && rel.end >= text.length - 2);
      if (cues.firstPerson && FIRST_PERSON.test(clauseText.indexOf('U') < 0 ? clauseText : clauseText.replace(/\bU\.?S\.?(?![\p{L}])/gu, '')) && !clauseNamesReport()) { note(claim, 'silent', 'the author’s own number (first person in its clause)'); continue; }
      if (cues.otherSource && namesOtherSource(clauseText) && !clauseNamesReport()) { note(claim, 'silent', 'another source’s number (named in its clause)'); continue; }
      if (cues.ownNumber && claim.kind === 'count' && OWN_NUMBER.test(clauseText)) { note(claim, 'silent', 'the author’s own number (a programme, budget, target or limit)'); continue; }
    }
    // Modal or negated statements ("should prosecute 200", "did not convict 40") are not claims about what happened.
    if (cues.modal) {
      const clauseLead = draft.prose.slice(Math.max(ctx.span.start + rel.start, claim.span.start - 60), claim.span.start);
      if (HYPOTHETICAL.test(clauseLead) || NEGATION.test(clauseLead)) { note(claim, 'silent', 'modal or negated'); continue; }
    }
    let terms: Set<string> | undefined;
    const setting: ClaimSetting = {
      cited,
      get reportNamed() { return (reportNamed ??= REPORT_MENTION.test(text)); },
      get clauseTerms() { return (terms ??= claimTerms(text, rel, claim, ctx.span.start, input.stems)); },
    };
    const editionOk = (r: Report) => ctx.edition === undefined || r.manifest.edition === ctx.edition;
    const yearOk = (f: Fact) => claim.year === undefined || f.year === undefined || f.year === claim.year;
    // The facts this claim can be compared with depend only on its kind, unit and actions: remembered per knowledge base.
    const broad = index.factsFor(country, claim.kind, claim.unit, claim.actions.length === 0 ? '' : claim.actions.length === 1 ? claim.actions[0] : claim.actions.join(','), (fact) => kindsCompatible(claim, fact) && unitsCompatible(claim.unit, fact.unit) && actionsCompatible(claim, fact));
    if (broad.length === 0) { note(claim, 'silent', 'no report fact of this kind, unit and action'); continue; }
    const agreeing = broad.filter((b) => valueAgrees(claim, b.fact));
    if (claim.kind === 'penalty' && !claim.victim && claim.values.length === 2 && agreeing.length === 0) {
      // "seven to 20 years" is the span of the adult and child ranges together.
      const plain = broad.filter((b) => b.fact.topics.length === 0 && b.fact.unit === claim.unit && !b.fact.unitMax);
      if (plain.length > 1 && Math.min(...plain.map((b) => b.fact.values[0])) === claim.values[0] && Math.max(...plain.map((b) => b.fact.values[b.fact.values.length - 1])) === claim.values[1]) {
        findings.push(finding('figure', claim.span, 'match', plain[0].report, plain[0].fact, ctx));
        note(claim, 'match', 'the span of the adult and child penalty ranges together');
        continue;
      }
    }
    const inContext = (b: { fact: Fact }) => sameContext(claim, b.fact);
    // An exact figure without a qualifier may be one of the report's breakdowns ("35 traffickers" = "35 for forced labor"); a bound may not.
    const loose = (b: { fact: Fact }) => (claim.approx ? inContext(b) : narrower(claim, b.fact));
    const good = agreeing.find((b) => yearOk(b.fact) && editionOk(b.report) && inContext(b)) ?? agreeing.find((b) => yearOk(b.fact) && editionOk(b.report) && loose(b));
    if (good) {
      findings.push({ ...finding('figure', claim.span, 'match', good.report, good.fact, ctx), evidence: evidenceFor(claim, good.fact, good.report, setting, index).reasons });
      note(claim, 'match', `agrees with ${anchorOf(good.report, good.fact)}: ${describeFact(good.report, good.fact)}`);
      continue;
    }
    const wrongYear = claim.approx ? undefined : agreeing.find((b) => inContext(b));
    if (wrongYear && (claim.year !== undefined || ctx.edition !== undefined)) {
      const f = wrongYear.fact;
      const r = wrongYear.report;
      const what = describeFact(r, f, false);
      const anchor = anchorOf(r, f);
      const yearWrong = !yearOk(f);
      const message = yearWrong
        ? `The ${r.manifest.edition} report (${anchor}) gives ${what} for ${f.year}, not ${claim.year}.`
        : `${capitalize(what)} comes from the ${r.manifest.edition} report (${anchor}, data for ${f.year ?? r.manifest.dataYear}), not the ${ctx.edition} report.`;
      problems.push(problem(Code.FigureWrongYear, claim.span, message, r, f, {}));
      findings.push({ ...finding('figure', claim.span, 'wrong-year', r, f, ctx), evidence: evidenceFor(claim, f, r, setting, index).reasons });
      note(claim, 'wrong-year', message);
      continue;
    }
    if (agreeing.some((b) => loose(b) && (!claim.approx || (yearOk(b.fact) && editionOk(b.report))))) { note(claim, 'silent', 'the value is in the report under another reading'); continue; } // the value is in the report for some other reading: no evidence against it
    let target = broad.filter((b) => inContext(b) && yearOk(b.fact) && editionOk(b.report));
    // No fact in exactly the claim's context: one whose context includes the claim's ("referred 12 potential cases" is
    // about the report's "referred nine potential cases" in its online-exploitation sentence).
    if (target.length === 0) target = broad.filter((b) => !claim.form && b.fact.kind !== 'penalty' && narrower(claim, b.fact) && yearOk(b.fact) && editionOk(b.report));
    const citedIds = new Set(ctx.citations.map((c) => c.target!.report.id));
    if (citedIds.size) {
      const cited = target.filter((b) => citedIds.has(b.report.id));
      if (cited.length) target = cited;
    }
    if (target.length === 0) { note(claim, 'silent', 'no report fact in the same context, year and edition'); continue; }
    if (claim.year === undefined) {
      const latest = Math.max(...target.map((b) => b.fact.year ?? 0));
      target = target.filter((b) => (b.fact.year ?? 0) === latest);
    }
    if (target.length > 1) {
      const exactUnit = target.filter((b) => b.fact.unit === claim.unit);
      if (exactUnit.length) target = exactUnit;
    }
    if (target.length > 1 && target.every((b) => b.fact.kind === 'penalty')) {
      // The nearest range ("five to 15" is about "seven to 15").
      const dist = (b: { fact: Fact }) => Math.abs(b.fact.values[0] - claim.values[0]) + Math.abs(b.fact.values[b.fact.values.length - 1] - claim.values[claim.values.length - 1]);
      target.sort((a, b) => dist(a) - dist(b));
      if (dist(target[0]) < dist(target[1])) target = [target[0]];
    }
    if (claim.kind === 'penalty' && claim.values.length === 1 && !claim.approx) { note(claim, 'silent', 'a single penalty figure: which end of the range is not said'); continue; } // "15 years" alone: which end?
    // Every fact left disagrees with the claim: compare it with the one its words are most about, then the nearest value.
    const scored = target.map((b) => ({ ...b, evidence: evidenceFor(claim, b.fact, b.report, setting, index) }));
    if (scored.length > 1) {
      const near = (b: { fact: Fact }) => Math.abs(Math.log((b.fact.values[0] + 1) / (claim.values[0] + 1)));
      scored.sort((a, b) => b.evidence.points - a.evidence.points || b.evidence.lexical - a.evidence.lexical || near(a) - near(b));
    }
    const chosen = scored[0];
    if (!chosen || !enoughEvidence(claim, chosen.evidence)) { note(claim, 'silent', 'too little evidence that it is about the report’s fact'); continue; }
    const { report, fact } = chosen;
    const anchor = anchorOf(report, fact);
    const replacement = replacementFor(claim, fact, report, draft.prose);
    const said = draft.prose.slice(claim.span.start, claim.span.end);
    const message = `The ${report.manifest.edition} report (${anchor}) gives ${describeFact(report, fact)}; the draft says ${said}.`;
    problems.push(problem(Code.FigureMismatch, claim.span, message, report, fact, { replacement, fixTitle: `Replace with the report's figure: ${replacement}`, safeFix: !claim.approx || claim.kind === 'penalty', evidence: chosen.evidence.reasons }));
    findings.push({ ...finding('figure', claim.span, 'mismatch', report, fact, ctx), evidence: chosen.evidence.reasons });
    note(claim, 'mismatch', message, chosen.evidence);
  }
}

/** The claim's clause as terms, without the words that made it a figure (its unit and action words say nothing about which fact). */
function claimTerms(sentence: string, clause: Span, claim: Figure, offset: number, stems?: Map<string, string | undefined>): Set<string> {
  const terms = termsOf(sentence, clause.start, clause.end, stems);
  if (claim.unitSpan) for (const t of termsOf(sentence, claim.unitSpan.start - offset, claim.unitSpan.end - offset, stems)) terms.delete(t);
  for (const a of claim.actions) for (const t of termsOf(a, 0, a.length, stems)) terms.delete(t);
  return terms;
}

/** "courts shut down between April and May 2021" */
function checkDateSpan(claim: Figure, ctx: SentenceContext, index: KbIndex, prose: string, findings: Finding[], problems: Problem[]): void {
  if (claim.topics.length === 0) return;
  const country = ctx.countryAt(claim.span.start);
  if (!country) return;
  for (const { report, fact } of index.factsFor(country, 'date-span facts', '', '', (f) => f.kind === 'date-span')) {
    if (fact.year !== claim.year || !sameContext(claim, fact)) continue;
    if (fact.values[0] === claim.values[0] && fact.values[1] === claim.values[1]) {
      findings.push(finding('figure', claim.span, 'match', report, fact, ctx));
      return;
    }
    const replacement = report.text.slice(fact.span.start, fact.span.end);
    const message = `The ${report.manifest.edition} report (${anchorOf(report, fact)}) says ${replacement}; the draft says ${prose.slice(claim.span.start, claim.span.end)}.`;
    problems.push(problem(Code.FigureMismatch, claim.span, message, report, fact, { replacement, fixTitle: `Replace with the report's dates: ${replacement}`, safeFix: true }));
    findings.push(finding('figure', claim.span, 'mismatch', report, fact, ctx));
    return;
  }
}

function replacementFor(claim: Figure, fact: Fact, report: Report, _prose: string): string {
  const original = report.text.slice(fact.span.start, fact.span.end).replace(/\s+/g, ' ');
  if (fact.kind === 'penalty' && claim.approx === 'up-to') return `up to ${fact.values[fact.values.length - 1]}`;
  if (fact.kind === 'penalty' && claim.approx === 'at-least') return `at least ${fact.values[0]}`;
  if (fact.unitMax) {
    // "six days to one month": the claim's range includes its last unit too.
    return claim.unitSpan && claim.values.length === 2 ? original : original.replace(/\s+\S+$/, '');
  }
  return original;
}

const ACTION_WORD: Record<Action, string> = { prosecuted: 'prosecuted', convicted: 'convicted', arrested: 'arrested', investigated: 'investigated', identified: 'identified', trained: 'trained', referred: 'referred', sentenced: 'sentenced', exploited: 'exploited' };

/** "38 traffickers convicted in 2021", "penalties of seven to 15 years (adult victim)" */
export function describeFact(report: Report, fact: Fact, withYear = true): string {
  const n = report.text.slice(fact.span.start, fact.span.end).replace(/\s+/g, ' ');
  if (fact.kind === 'penalty') {
    const who = fact.victim ? ` for offenses involving ${fact.victim === 'child' ? 'a child' : 'an adult'} victim` : '';
    const topic = fact.topics.includes('labor law') ? ' under the labor law' : '';
    return `penalties of ${n}${fact.unitMax ? '' : ' ' + fact.unit}${who}${topic}`;
  }
  if (fact.kind === 'duration') return `a sentence of ${n} ${fact.unit}${fact.topics.length ? ` (${fact.topics.join(', ')})` : ''}`;
  if (fact.unit === 'sessions' || fact.unit === 'trainings') return `${n} training ${fact.unit === 'sessions' ? 'sessions' : 'courses'}${fact.year && withYear ? ` in ${fact.year}` : ''}`;
  const unit = fact.unit;
  const form = fact.form ? ` (${fact.form})` : '';
  const action = fact.actions.length ? ' ' + fact.actions.map((a) => ACTION_WORD[a]).join(' and ') : '';
  const year = fact.year && withYear ? ` in ${fact.year}` : '';
  const topic = fact.topics.length ? ` [${fact.topics.join(', ')}]` : '';
  const by = fact.attribution ? `, according to ${fact.attribution}` : '';
  return `${n} ${unit}${form}${action}${year}${topic}${by}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function finding(kind: Finding['kind'], span: Span, status: Finding['status'], report: Report, fact: Fact | undefined, ctx: { span: Span; block: Span; citations: DraftReference[] }, source?: Span, highlight?: Span): Finding {
  return {
    kind,
    span,
    status,
    report,
    fact,
    anchor: fact ? anchorOf(report, fact) : report.id,
    source: source ?? (fact ? sentenceSpan(report, fact) : { start: 0, end: 0 }),
    highlight: highlight ?? fact?.span,
    cited: ctx.citations.some((c) => c.target?.report.id === report.id),
  };
}

function problem(code: Code, span: Span, message: string, report: Report, fact: Fact, extra: Partial<DiagnosticData>): Problem {
  const src = sentenceSpan(report, fact);
  const fs = factSource(report, fact);
  const sourceText = (fs.sourceText ??= report.text.slice(src.start, src.end));
  return {
    code,
    span,
    message,
    data: {
      code,
      anchor: fs.anchor,
      reportId: report.id,
      sourceUri: reportUri(report.id),
      sourceRange: rangeInReport(report, src),
      sourceOffsets: src,
      sourceText,
      ...extra,
    },
    related: { report, span: src, message: (fs.related ??= `${citationLabel(report, fs.anchor.split('/')[1])}: ${clip(sourceText)}`) },
  };
}

function clip(s: string, n = 200): string {
  const t = s.replace(/\s+/g, ' ');
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

// ---------------------------------------------------------------------------
// Tiers

const TIER_CLAIM = tierClaimRegex();

function checkTiers(input: CheckInput, ctx: SentenceContext, index: KbIndex, findings: Finding[], problems: Problem[]): void {
  const prose = input.draft.prose;
  const sText = ctx.text;
  if (!/\btier\b/i.test(sText) || ctx.otherSource) return;
  TIER_CLAIM.lastIndex = 0;
  for (let m = TIER_CLAIM.exec(sText); m; m = TIER_CLAIM.exec(sText)) {
    const tier = toTierName(m[2]);
    if (!tier) continue;
    const start = ctx.span.start + m.index + m[0].lastIndexOf(m[2]);
    const span = { start, end: start + m[2].length };
    const lead = prose.slice(Math.max(ctx.span.start, span.start - 40), span.start);
    if (/\bfrom\s+(?:the\s+)?$/i.test(lead) || NEGATION.test(lead) || HYPOTHETICAL.test(lead)) continue;
    const country = tierClaimCountry(prose, ctx, span, lead, index);
    if (!country) continue;
    const bareYears = yearRolesIn(ctx.text, input.memo?.sentences).filter((y) => y.role !== 'law').map((y) => y.year);
    const edition = ctx.edition ?? (bareYears.length === 1 ? bareYears[0] : undefined);
    const tierFacts = index.factsFor(country, 'tier facts', '', '', (f) => f.kind === 'tier');
    const facts = edition === undefined ? tierFacts : tierFacts.filter((x) => x.fact.year === edition);
    if (facts.length === 0) continue;
    const latest = Math.max(...facts.map((x) => x.fact.year ?? 0));
    const pool = facts.filter((x) => x.fact.year === latest);
    const best = pool.find((x) => !x.fact.inferredFrom && x.fact.sentence >= 0) ?? pool[0];
    const f = best.fact;
    const claimedChange = m[1] ? changeOf(m[1]) : undefined;
    const tierWrong = f.tier !== tier;
    const changeWrong = !tierWrong && claimedChange !== undefined && f.tierChange !== undefined && claimedChange !== f.tierChange;
    const anchor = anchorOf(best.report, f);
    const ctxLite = { span: ctx.span, block: ctx.block, citations: ctx.citations };
    if (!tierWrong && !changeWrong) {
      findings.push(finding('tier', span, 'match', best.report, f, ctxLite));
      continue;
    }
    const src = report0(best.report, f);
    const clauseStart = Math.max(src.start, best.report.text.lastIndexOf(';', f.span.start) + 1, best.report.text.lastIndexOf(',', f.span.start - 1) + 1);
    const statement = best.report.text.slice(clauseStart, f.span.end).replace(/\s+/g, ' ').trim();
    const year = f.year ?? best.report.manifest.edition;
    const message = tierWrong
      ? `The ${best.report.manifest.edition} report (${anchor}) places ${country} on ${f.tier}${f.inferredFrom ? ` for the ${year} edition (${f.inferredFrom})` : ''}; the draft says ${tier}.`
      : `The ${best.report.manifest.edition} report (${anchor}) says ${country} ${f.tierChange} on ${f.tier}, not that it was ${claimedChange}: "${clip(statement, 120)}"`;
    const replacement = tierWrong ? f.tier! : undefined;
    const pspan = tierWrong ? span : { start: ctx.span.start + m.index, end: span.end };
    problems.push(problem(Code.TierMismatch, pspan, message, best.report, f, tierWrong ? { replacement, fixTitle: `Replace with ${f.tier}`, safeFix: true } : {}));
    findings.push(finding('tier', pspan, 'mismatch', best.report, f, ctxLite));
  }
}

/**
 * Whose tier a claim states: the one country named in its clause ("Cambodia is on Tier 3 while Thailand is on Tier 2"),
 * else the sentence's one country, or each of a coordination ("Cambodia and Laos, both Tier 2 countries"); a citation
 * or "the government"/"it" stands for the context's country. "Tier 3" with no country may be a definition: not a claim.
 */
function tierClaimCountry(prose: string, ctx: SentenceContext, span: Span, lead: string, index: KbIndex): string | undefined {
  const rel = ctx.clauseAround(span.start - ctx.span.start, span.end - ctx.span.start);
  const inClause = ctx.claimCountriesIn(ctx.span.start + rel.start, ctx.span.start + rel.end);
  if (inClause.size === 1) return [...inClause][0];
  if (inClause.size > 1) return undefined;
  const inSentence = ctx.claimCountriesIn(ctx.span.start, ctx.span.end);
  if (inSentence.size === 1) return [...inSentence][0];
  if (inSentence.size > 1) {
    // "Cambodia and Laos, both Tier 2 countries": the claim is each one's; the one a loaded report covers is checked.
    if (!/\b(?:both|all(?:\s+(?:three|four|five|of\s+them))?|each)\s+(?:(?:on|at|in|are|were|remain(?:ed)?)\s+)?(?:the\s+)?$/i.test(lead)) return undefined;
    const covered = [...inSentence].filter((c) => index.byCountry.has(c));
    return covered.length === 1 ? covered[0] : undefined;
  }
  if (ctx.citations.length > 0 || /\b(?:the\s+(?:government|country|kingdom)|it)\b/i.test(lead)) return ctx.countryAt(span.start);
  return undefined;
}

function report0(report: Report, fact: Fact): Span {
  return sentenceSpan(report, fact);
}

export function tierRank(t: TierName): number {
  return tierNumber(t);
}

// ---------------------------------------------------------------------------
// Quotes

/** How far from a quotation (in code units, each side) the words that attribute it are looked for. */
const QUOTE_CUE_REACH = 500;

function checkQuotes(input: CheckInput, quotes: readonly DraftQuote[], kbCountries: ReadonlyMap<string, Report[]>, docCountry: string | undefined, findings: Finding[], problems: Problem[]): void {
  const { draft, kb, references } = input;
  for (const q of quotes) {
    const sentence = spanAt(draft.sentences, q.span.start) ?? q.span;
    const block = spanAt(draft.blocks, q.span.start) ?? sentence;
    const scope = q.block ? q.span : sentence;
    const citations = referencesIn(references, scope.start - 2, Math.max(scope.end, q.span.end) + 3).filter((r) => r.target);
    // The words around the quotation that say whose it is: its sentence, at most QUOTE_CUE_REACH either side.
    const prose = draft.prose;
    const outside = prose.slice(Math.max(Math.min(sentence.start, q.span.start), q.span.start - QUOTE_CUE_REACH), q.span.start) + ' ' + prose.slice(q.span.end, Math.min(Math.max(sentence.end, q.span.end), q.span.end + QUOTE_CUE_REACH));
    const attributed = citations.length > 0 || REPORT_MENTION.test(outside);
    if (namesOtherSource(outside) && citations.length === 0 && !REPORT_MENTION.test(outside)) continue;
    // Where to look: cited reports first, then the document's country, then (small KBs) everything.
    const candidates: Report[] = [];
    for (const c of citations) if (!candidates.includes(c.target!.report)) candidates.push(c.target!.report);
    if (docCountry) for (const r of kbCountries.get(docCountry) ?? []) if (!candidates.includes(r)) candidates.push(r);
    if (candidates.length === 0 && kb.reports.size <= 50) candidates.push(...kb.all());
    if (candidates.length === 0) continue;
    const m = matchQuote(draft.text, q.inner, candidates, input.memo?.quotes);
    const ctx = { span: sentence, block, citations };
    if (m && m.exact) {
      findings.push({ ...finding('quote', q.inner, 'match', m.report, undefined, ctx, m.sentence, m.span), anchor: paragraphAnchor(m.report, m.paragraph) });
      continue;
    }
    // A near-copy of a report passage is a misquotation of it, named or not ("Report quote on slide 7:", "It finds that …").
    const nearCopy = m !== undefined && !m.exact && q.words >= 6 && m.distance <= Math.max(1, Math.floor(q.words * 0.2));
    if (!nearCopy && (!attributed || q.words < 4)) continue;
    const cited = citations.length ? citations[0].target!.report : undefined;
    if (m && !m.exact) {
      const anchor = paragraphAnchor(m.report, m.paragraph);
      const changes = describeQuoteChanges(draft.prose.slice(q.inner.start, q.inner.end), m.display);
      problems.push({
        code: Code.QuoteMismatch,
        span: q.inner,
        message: `The quote differs from the ${m.report.manifest.edition} report (${anchor})${changes ? `: ${changes}` : ''}. The report reads "${clip(m.display, 240)}".`,
        data: { code: Code.QuoteMismatch, anchor, reportId: m.report.id, sourceUri: reportUri(m.report.id), sourceRange: rangeInReport(m.report, m.sentence), sourceOffsets: m.sentence, sourceText: m.report.text.slice(m.sentence.start, m.sentence.end), replacement: m.display, fixTitle: 'Restore the exact wording of the report', safeFix: true },
        related: { report: m.report, span: m.span, message: citationLabel(m.report, anchor.split('/')[1]) },
      });
      findings.push({ ...finding('quote', q.inner, 'mismatch', m.report, undefined, ctx, m.sentence, m.span), anchor });
      continue;
    }
    // A short quotation is the report's only when a citation follows it directly ("uneven and largely symbolic" [@KHM-2023]).
    const citedRightAfter = citations.some((c) => c.bracket.start >= q.span.end && c.bracket.start <= q.span.end + 3);
    if (q.words < (citedRightAfter ? 4 : 6)) continue;
    const partialOnes = (cited ? [cited] : candidates).filter((r) => r.partial);
    const holds = (r: Report) => r.sections.map((s) => s.title).join(' and ');
    const message = partialOnes.length
      ? `The quote is not in the loaded text of ${partialOnes.map((r) => `${r.id} (which holds only ${holds(r)})`).join(', ')}; it may come from a section that is not loaded.`
      : `The quote appears in no loaded report${cited ? ` (looked in ${cited.id})` : ''}.`;
    const r0 = cited ?? candidates[0];
    problems.push({ code: Code.QuoteNotFound, span: q.inner, message, partialSource: partialOnes.length > 0, data: { code: Code.QuoteNotFound, anchor: r0.id, reportId: r0.id, sourceUri: reportUri(r0.id) } });
  }
}

// ---------------------------------------------------------------------------
// citation.missing

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
