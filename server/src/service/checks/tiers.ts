/** tier.mismatch: a country's tier as the draft states it against the report's placement. */
import { columnHeaderAt } from './tableColumns';
import { canonicalCountry } from '../countries';
import { notAssertedAt } from './notAsserted';
import { changeOf, tierNumber } from '../../ingest/tiers';
import { toTierName } from '../../ingest/structure';
import { Code } from '../codes';
import type { Fact, Report, Span, TierName } from '../../model/kb';
import type { KbIndex } from '../kbIndex';
import type { Finding } from '../types';
import { CONTRAST, HYPOTHETICAL, NEGATION, phraseRegex } from '../../reading/cues';
import { FORMER_TIER_CUES, SHARED_TIER_CUES, tierClaimRegex } from '../../reading/tierWords';
import { yearRolesIn } from '../../ingest/figures';
import { anchorOf, clip, explainSource, finding, problem, sentenceSpan } from './report';
import type { Check, CheckInput, ExplainNote, Problem, SentenceContext } from './types';
import { tableAround } from './tableColumns';
import { isClaimCountry, referencesIn } from './context';
import { countryMentions } from '../countries';
import type { DraftReference } from '../types';

export const tierCheck: Check = {
  name: 'tiers',
  codes: [Code.TierMismatch],
  sentence: (run, ctx) => checkTiers(run.input, ctx, run.index, run.findings, run.problems),
};

const TIER_CLAIM = tierClaimRegex();
/** The same pattern for a second pass over a sentence while TIER_CLAIM's own loop is under way. */
const TIER_CLAIM_SCAN = tierClaimRegex();
const SHARED = phraseRegex(SHARED_TIER_CUES);
const FORMER = phraseRegex(FORMER_TIER_CUES);

function checkTiers(input: CheckInput, ctx: SentenceContext, index: KbIndex, findings: Finding[], problems: Problem[]): void {
  const prose = input.draft.prose;
  const sText = ctx.text;
  if (!/\btier\b|\bT?2\s?WL\b/i.test(sText) || ctx.otherSource || ctx.corrected) return;
  TIER_CLAIM.lastIndex = 0;
  for (let m = TIER_CLAIM.exec(sText); m; m = TIER_CLAIM.exec(sText)) {
    const tier = toTierName(m[2]);
    if (!tier) continue;
    const start = ctx.span.start + m.index + m[0].lastIndexOf(m[2]);
    const span = { start, end: start + m[2].length };
    const lead = prose.slice(Math.max(ctx.span.start, span.start - 40), span.start);
    const explain = input.explain;
    const note = explain && ((decision: ExplainNote['decision'], why: string, compared?: { report: Report; fact: Fact }) => explain({ span, kind: 'tier', decision, why, source: compared && explainSource(compared.report, compared.fact) }));
    if (/\bfrom\s+(?:the\s+)?$/i.test(lead) || NEGATION.test(lead) || HYPOTHETICAL.test(lead)) { note?.('silent', 'a former tier, negated or hypothetical'); continue; }
    if (ctx.questionAt(span.start)) { note?.('silent', 'asked, not stated (a question)'); continue; }
    const offered = notAssertedAt(prose, input.draft.lineStarts, span.start);
    if (offered) { note?.('silent', offered); continue; }
    // "A Tier 2 ranking would require Cambodia to …": a placement the clause only supposes.
    const rel = ctx.clauseAround(span.start - ctx.span.start, span.end - ctx.span.start);
    if (HYPOTHETICAL.test(sText.slice(rel.start, rel.end))) { note?.('silent', 'a supposed placement (its clause is modal or conditional)'); continue; }
    // A tier in quotation marks on its own ('decks that call Cambodia "Tier 2"') is a mention; a quoted sentence that places a country is a claim.
    const quoted = ctx.quoteAt(span.start);
    if (quoted && prose.slice(quoted.start, quoted.end).split(/\s+/).filter(Boolean).length <= 4) { note?.('silent', 'a tier in quotation marks: a mention, not a placement'); continue; }
    const country = tierClaimCountry(prose, input.draft.lineStarts, input.references, ctx, span, lead, index);
    if (!country) { note?.('silent', 'no one country whose tier it states'); continue; }
    const bareYears = yearRolesIn(ctx.text, input.memo?.sentences).filter((y) => y.role !== 'law' && y.role !== 'stamp' && y.role !== 'denied').map((y) => y.year);
    const edition = ctx.edition ?? (bareYears.length === 1 ? bareYears[0] : undefined);
    const tierFacts = index.factsFor(country, 'tier facts', '', '', (f) => f.kind === 'tier');
    const facts = edition === undefined ? tierFacts : tierFacts.filter((x) => x.fact.year === edition);
    if (facts.length === 0) { note?.('silent', `no loaded report gives ${country}'s tier${edition ? ` in the ${edition} edition` : ''}`); continue; }
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
      note?.('match', `${country} is on ${f.tier} in ${anchor}`, best);
      continue;
    }
    if (tierWrong && formerPlacement(ctx, span, f.tier!)) { note?.('silent', `a former placement: its sentence also gives the report's ${f.tier}`); continue; }
    if (tierWrong && correctedLater(ctx, span, f.tier!)) { note?.('silent', `corrected in its sentence: "…; the report places it on ${f.tier}"`); continue; }
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
    note?.('mismatch', message, best);
  }
}

/**
 * Whose tier a claim states: the one country named in its clause ("Cambodia is on Tier 3 while Thailand is on Tier 2"),
 * else the sentence's one country, or each of a coordination ("Cambodia and Laos, both Tier 2 countries"); a citation,
 * "the government"/"it" or a speaker's "moved us up" stands for the context's country. "Tier 3" with no country may be a definition: not a claim.
 */
function tierClaimCountry(prose: string, lineStarts: readonly number[], references: readonly DraftReference[], ctx: SentenceContext, span: Span, lead: string, index: KbIndex): string | undefined {
  // "| Tier (2023 edition) | Tier 3 | Tier 2 |" under "| Indicator | Cambodia | Thailand |": the column's country.
  const header = columnHeaderAt(prose, lineStarts, span.start);
  const headed = header ? canonicalCountry(header) : undefined;
  if (headed) return headed;
  const rel = ctx.clauseAround(span.start - ctx.span.start, span.end - ctx.span.start);
  const inClause = ctx.claimCountriesIn(ctx.span.start + rel.start, ctx.span.start + rel.end);
  // "Cambodia, like Vietnam a Tier 2 Watch List country, …": the clause's "like" shares its placement with the country before it.
  if (inClause.size === 1 && LIKE_CLAUSE.test(ctx.text.slice(rel.start, rel.end))) {
    const before = ctx.claimCountriesIn(ctx.span.start, ctx.span.start + rel.start);
    if (before.size === 1) return coveredOne(new Set([...before, ...inClause]), index);
  }
  if (inClause.size === 1) return [...inClause][0];
  // ("… grouped Cambodia with Vietnam and Malaysia on the Tier 2 Watch List, while Burma sat at Tier 3": the clause shares it.)
  if (inClause.size > 1) return sharedPlacement(ctx.text) || sharedPlacement(ctx.text.slice(rel.start, rel.end)) ? coveredOne(inClause, index) : placedRightBefore(prose, ctx.span.start + rel.start, span.start, index.countryCodes);
  const inSentence = ctx.claimCountriesIn(ctx.span.start, ctx.span.end);
  if (inSentence.size === 1) return [...inSentence][0];
  if (inSentence.size > 1) {
    // "Cambodia and Laos, both Tier 2 countries": the claim is each one's; the one a loaded report covers is checked.
    if (!/\b(?:both|all(?:\s+(?:three|four|five|of\s+them))?|each)\s+(?:(?:on|at|in|are|were|remain(?:ed)?)\s+)?(?:the\s+)?$/i.test(lead) && !sharedPlacement(ctx.text)) return undefined;
    return coveredOne(inSentence, index);
  }
  // "| Tier placement, 2023 report | Tier 2 Watch List |" in a table whose other rows name or cite one country: that one.
  const table = tableAround(prose, lineStarts, span.start);
  if (table) {
    const countries = ctx.claimCountriesIn(table.start, table.end);
    for (const r of referencesIn(references, table.start, table.end)) if (r.target) countries.add(r.target.report.manifest.country);
    if (countries.size === 1) return [...countries][0];
    // "| Tier (2023) | Tier 3 |" in a fact table that names no country at all: the document's country.
    if (countries.size === 0) return ctx.countryAt(span.start);
  }
  if (ctx.citations.length > 0 || /\b(?:the\s+(?:government|country|kingdom)|it|(?:moved|placed|put|kept|ranked|rated|dropped|downgraded|upgraded|lifted|bumped|left)\s+(?:us|our\s+country))\b/i.test(lead)) return ctx.countryAt(span.start);
  return undefined;
}

/**
 * "Cambodia has been on Tier 3 since 2022, after years on the Tier 2 Watch List": a placement the words before it mark as earlier,
 * in a sentence that also states the report's tier (another tier claim in it names that tier).
 */
function formerPlacement(ctx: SentenceContext, span: Span, reportTier: TierName): boolean {
  if (!FORMER.test(ctx.text.slice(0, span.start - ctx.span.start))) return false;
  TIER_CLAIM_SCAN.lastIndex = 0;
  for (const m of ctx.text.matchAll(TIER_CLAIM_SCAN)) if (m.index !== undefined && ctx.span.start + m.index + m[0].lastIndexOf(m[2]) !== span.start && toTierName(m[2]) === reportTier) return true;
  return false;
}

const LIKE_CLAUSE = /^\W*(?:like|just\s+like|as\s+with|as\s+is|much\s+like)\s/i;

/**
 * "The authors state that Cambodia was on the Tier 2 Watch List in 2023; the 2023 report places it on Tier 3": a placement
 * set right later in its sentence, after a turn (";", "but", "in fact", "actually", "instead"), and not negated there.
 */
function correctedLater(ctx: SentenceContext, span: Span, reportTier: TierName): boolean {
  const after = span.end - ctx.span.start;
  for (const m of ctx.text.matchAll(TIER_CLAIM_SCAN)) {
    const at = (m.index ?? 0) + m[0].lastIndexOf(m[2]);
    if (at < after || toTierName(m[2]) !== reportTier) continue;
    const between = ctx.text.slice(after, at);
    if (CORRECTION_TURN.test(between) && !NEGATION.test(ctx.text.slice(Math.max(after, at - 40), at))) return true;
  }
  return false;
}
const CORRECTION_TURN = /;|\bbut\b|\bhowever\b|\bin\s+fact\b|\bactually\b|\binstead\b|\bwhereas\b/i;

/** "Thailand is on Tier 2 and Cambodia on Tier 2 Watch List": the country named right before the tier, with only a placing verb between. */
function placedRightBefore(prose: string, from: number, tierStart: number, codes: ReadonlyMap<string, string>): string | undefined {
  const mentions = countryMentions(prose, from, tierStart, codes).filter((m) => isClaimCountry(prose, m));
  const last = mentions[mentions.length - 1];
  if (!last) return undefined;
  return PLACED_GAP.test(prose.slice(last.end, tierStart)) ? last.country : undefined;
}

const PLACED_GAP = /^(?:['’]s)?\s+(?:(?:is|was|are|remains|remained|stays|stayed|sits|sat|placed|ranked|rated|kept|now)\s+){0,2}(?:(?:on|at|in)\s+)?(?:the\s+)?$/i;

/** The one country of a group that a loaded report covers (the claim is each one's; only that one can be checked). */
function coveredOne(countries: Set<string>, index: KbIndex): string | undefined {
  const covered = [...countries].filter((c) => index.byCountry.has(c));
  return covered.length === 1 ? covered[0] : undefined;
}

/** One placement said of several countries, with no contrast between them ("while Thailand is on Tier 2"). */
function sharedPlacement(sentence: string): boolean {
  return SHARED.test(sentence) && !CONTRAST.test(sentence) && !/\b(?:while|whereas|but|unlike|than|yet|although|though)\b|;/i.test(sentence) && (sentence.match(/\btier\s+(?:1|2|3|one|two|three)\b/gi)?.length ?? 0) === 1;
}

function report0(report: Report, fact: Fact): Span {
  return sentenceSpan(report, fact);
}

export function tierRank(t: TierName): number {
  return tierNumber(t);
}
