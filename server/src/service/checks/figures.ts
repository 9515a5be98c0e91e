/** figure.mismatch and figure.wrong-year: counts, penalties, durations and date spans against the report's facts. */
import { figuresIn, NUMBER_LEAD, unitsCompatible, yearMentionsIn, type ExtractContext, type Figure, type YearMention } from '../../ingest/figures';
import { Code } from '../codes';
import type { Fact, Report, Span } from '../../model/kb';
import type { KbIndex } from '../kbIndex';
import type { Finding } from '../types';
import { addTermsOf, deleteTermsOf } from '../../reading/terms';
import { enoughEvidence, evidenceFor, LEXICAL_POINT as LEXICAL_EVIDENCE, type ClaimSetting, type Evidence } from '../evidence';
import { REPORT_MENTION } from './context';
import { CLAIM_GATES, FigureClaim, FigureSentence, LAYOUT_GATES, silencedBy } from './figureGates';
import { columnYear, withColumnLabels } from './tableColumns';
import { anchorOf, capitalize, describeFact, explainSource, finding, problem } from './report';
import type { Check, CheckRun, ExplainNote, Problem, SentenceContext } from './types';

export const figureCheck: Check = {
  name: 'figures',
  codes: [Code.FigureMismatch, Code.FigureWrongYear],
  sentence: (run, ctx) => checkFigures(run, ctx),
};

/** "Of those cases, the report said, 37 involved sex trafficking": a sentence opening with a part of what came before. */
const ANAPHORIC_PART = /^[\W\d]*(?:of|among)\s+(?:those|these|them|which)\b/i;

const SPECIFIC_UNITS = new Set(['officers', 'participants', 'sessions', 'trainings', 'nationals', 'brokers', 'convictions', 'prosecutions', 'arrests']);

/** A time unit in months, to compare durations given in different units. */
const MONTHS_IN: Readonly<Record<string, number>> = { days: 12 / 365.25, weeks: (7 * 12) / 365.25, months: 1, years: 12 };

/** Does the claim's value (with its approximation) agree with the fact's? */
export function valueAgrees(claim: Figure, fact: Fact): boolean {
  if (claim.kind === 'duration' && fact.kind === 'duration' && claim.unit !== fact.unit && MONTHS_IN[claim.unit] && MONTHS_IN[fact.unit]) {
    const scale = MONTHS_IN[claim.unit] / MONTHS_IN[fact.unit];
    return valueAgrees({ ...claim, unit: fact.unit, values: claim.values.map((v) => Math.round(v * scale * 1e6) / 1e6) }, fact);
  }
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
  // "four months in prison" is about the general's "four years' imprisonment": any time unit, compared in months.
  if (claim.kind === 'duration' || fact.kind === 'duration') return claim.kind === fact.kind && (claim.unit === fact.unit || (MONTHS_IN[claim.unit] !== undefined && MONTHS_IN[fact.unit] !== undefined));
  return true;
}

function actionsCompatible(claim: Figure, fact: Fact): boolean {
  if (fact.kind === 'penalty') return true;
  if (claim.actions.length === 0) return SPECIFIC_UNITS.has(claim.unit) && (fact.actions.length === 0 || fact.unit === claim.unit || unitsCompatible(claim.unit, fact.unit));
  return claim.actions.some((a) => fact.actions.includes(a));
}

type Compared = { report: Report; fact: Fact };
type Note = (claim: Figure, decision: ExplainNote['decision'], why: string, evidence?: Evidence, compared?: Compared) => void;

function checkFigures(checkRun: CheckRun, ctx: SentenceContext): void {
  const { input, index, findings, problems, doc } = checkRun;
  const last = checkRun.lastAnchors;
  const blockAnchors = last && last.block.start === ctx.block.start ? last.anchors : [];
  const read = figuresIn(ctx.text, ctx.span.start, input.memo?.sentences, leadWholeOf(ctx.text, blockAnchors));
  const figures = withPersonTopics(withColumnLabels(read, input.draft.prose, input.draft.lineStarts, ctx.span), ctx, blockAnchors);
  // (The figures first: most sentences read have none, and then whose words they are need not be asked.)
  if (figures.length === 0) return;
  if (ctx.otherSource || ctx.corrected) {
    // (--explain still says why each of its figures is not compared.)
    const explain = input.explain;
    const why = ctx.corrected ? 'a statement the text corrects (an earlier version, a misstatement)' : 'someone else’s figure: another source, or reported speech';
    if (explain) for (const f of figures) explain({ span: f.span, kind: 'figure', decision: 'silent', why });
    return;
  }
  const before = last && last.block.start === ctx.block.start && ANAPHORIC_PART.test(ctx.text) ? last.anchors : [];
  const run = new FigureRun(new FigureSentence(input, ctx, index, figures, doc), findings, problems, before);
  for (const claim of figures) run.judge(claim);
  run.finish();
  if (run.anchors.length) checkRun.lastAnchors = { block: ctx.block, anchors: run.anchors };
}

/** "… convicted 38 traffickers. Of those 38, only one …": the count of the sentence before that the lead names by its number. */
function leadWholeOf(text: string, before: readonly Compared[]): ExtractContext['leadWhole'] {
  const m = before.length ? NUMBER_LEAD.exec(text.slice(0, 60)) : null;
  if (!m) return undefined;
  const counts = before.filter((b) => b.fact.kind === 'count' && b.fact.values.length === 1);
  // ("Of those, …" is about the one count the sentence before gave; with a number, the one of that value.)
  const a = m[1] === undefined ? (counts.length === 1 ? counts[0] : undefined) : counts.find((b) => b.fact.values[0] === Number(m[1].replace(/,/g, '')));
  return a && { value: a.fact.values[0], unit: a.fact.unit, actions: a.fact.actions };
}

/** Another figure of the claim's sentence agrees with another fact of the report sentence that holds `b`. */
function siblingInSentence(claim: Figure, b: Compared, figures: readonly Figure[]): boolean {
  if (b.fact.sentence < 0) return false;
  return figures.some((f) => f !== claim && !f.approx && b.report.facts.some((x) => x !== b.fact && x.sentence === b.fact.sentence && x.kind === f.kind && unitsCompatible(f.unit, x.unit) && valueAgrees(f, x)));
}

/** "he", "she" before a term: the person the sentence before was about. */
const PERSON_PRONOUN = /\b(?:he|she|him|her)\b/i;

/**
 * "… a two-star military general … for exploiting 28 nationals … Yes, he was convicted, and he received fourteen years": a term
 * a pronoun's person got, in a sentence naming no one, is about the person of the block's sentence before (its anchors' subjects).
 */
function withPersonTopics(figures: readonly Figure[], ctx: SentenceContext, before: readonly Compared[]): readonly Figure[] {
  const topics = [...new Set(before.flatMap((a) => a.fact.topics))];
  if (topics.length === 0 || !figures.some((f) => f.kind === 'duration' && f.topics.length === 0)) return figures;
  return figures.map((f) => (f.kind === 'duration' && f.topics.length === 0 && PERSON_PRONOUN.test(ctx.text.slice(0, f.span.start - ctx.span.start)) ? { ...f, topics } : f));
}

/** One sentence's figures being judged: where their findings, problems and anchors go. */
class FigureRun {
  /** Facts the sentence's figures were found to state: they anchor its bare counts. */
  readonly #anchors: Compared[] = [];
  /** Counts with no action ("31 sex trafficking cases"): judged last, through the sentence's other figures. */
  readonly #deferred: { claim: Figure; country: string; setting: ClaimSetting }[] = [];
  /** Called as note?.(…): without --explain its arguments (messages, fact descriptions) are not even worked out. */
  readonly #note: Note | undefined;
  readonly #cited: Set<string>;
  /** Mismatches, held until the sentence's other figures are judged: one of them may state the same fact rightly. */
  /** Disagreeing figures short of evidence, with the fact they were closest to: weighed once the sentence's matches are known. */
  readonly #weak: { claim: Figure; chosen: Compared & { evidence: Evidence } }[] = [];
  readonly #mismatches: { claim: Figure; compared: Compared; problem: Problem; finding: Finding; message: string; evidence: Evidence }[] = [];
  #reportNamed: boolean | undefined;
  #editions: YearMention[] | undefined;
  readonly #clauseTerms = new Map<string, ReadonlySet<string>>();

  constructor(readonly s: FigureSentence, readonly findings: Finding[], readonly problems: Problem[], readonly before: readonly Compared[] = []) {
    const explain = s.input.explain;
    this.#note = explain && ((claim, decision, why, evidence, compared) =>
      explain({ span: claim.span, kind: 'figure', decision, why, evidence: evidence?.reasons, source: compared && explainSource(compared.report, compared.fact) }));
    this.#cited = new Set(s.ctx.citations.map((c) => c.target!.report.id));
  }

  judge(claim: Figure): void {
    const c = new FigureClaim(claim, this.s);
    const layout = silencedBy(LAYOUT_GATES, c);
    if (layout) return this.#note?.(claim, 'silent', layout);
    if (claim.kind === 'date-span') return checkDateSpan(claim, c.country, this.s.ctx, this.s.index, this.s.input.draft.prose, this.findings, this.problems);
    const why = silencedBy(CLAIM_GATES, c);
    if (why) return this.#note?.(claim, 'silent', why);
    // "| Convictions | 440 | 38 |" under "| Indicator | 2020 | 2021 |": the column's year is the number's.
    const year = claim.year ?? columnYear(this.s.input.draft.prose, this.s.input.draft.lineStarts, claim.span.start);
    const dated: Figure = year === claim.year ? claim : { ...claim, year, yearFrom: 'sentence' };
    const setting = this.#setting(c);
    // A count with no action ("31 sex trafficking cases") says what it counts only through the sentence's other figures.
    if (dated.kind === 'count' && dated.actions.length === 0 && !SPECIFIC_UNITS.has(dated.unit)) {
      this.#deferred.push({ claim: dated, country: c.country!, setting });
      return;
    }
    this.#compare(dated, c.country!, setting);
  }

  #setting(c: FigureClaim): ClaimSetting {
    return new FigureSetting(this.#cited, c, this);
  }

  /** The terms of a clause of the sentence (relative offsets), worked out once for all its figures in that clause. */
  clauseTerms(clause: Span): ReadonlySet<string> {
    const key = `${clause.start},${clause.end}`;
    let terms = this.#clauseTerms.get(key);
    if (!terms) {
      const own = new Set<string>();
      addTermsOf(own, this.s.ctx.text, clause.start, clause.end, this.s.input.stems);
      this.#clauseTerms.set(key, (terms = own));
    }
    return terms;
  }

  /** Does the sentence name a report (worked out once for all its figures)? */
  get reportNamed(): boolean {
    return (this.#reportNamed ??= REPORT_MENTION.test(this.s.ctx.text));
  }

  /** The claim against the facts it can be about: a match, a wrong year, silence, or a mismatch with the one its words are most about. */
  #compare(claim: Figure, country: string, setting: ClaimSetting): void {
    const { ctx, index } = this.s;
    const actionKey = claim.actions.length === 0 ? '' : claim.actions.length === 1 ? claim.actions[0] : claim.actions.join(',');
    // The facts this claim can be compared with depend only on its kind, unit and actions: remembered per knowledge base.
    const broad = index.factsFor(country, claim.kind, claim.unit, actionKey, (fact) => kindsCompatible(claim, fact) && unitsCompatible(claim.unit, fact.unit) && actionsCompatible(claim, fact));
    if (broad.length === 0) return this.#note?.(claim, 'silent', 'no report fact of this kind, unit and action');
    const agreeing = broad.filter((b) => valueAgrees(claim, b.fact));
    if (agreeing.length === 0 && this.#spansBothRanges(claim, broad)) return;
    const edition = this.#editionOf(claim);
    const editionOk = (r: Report) => edition === undefined || r.manifest.edition === edition;
    const yearOk = (f: Fact) => claim.year === undefined || f.year === undefined || f.year === claim.year;
    const inContext = (b: Compared) => sameContext(claim, b.fact);
    // An exact figure without a qualifier may be one of the report's breakdowns ("35 traffickers" = "35 for forced labor"); a bound may not.
    const loose = (b: Compared) => (claim.approx ? inContext(b) : narrower(claim, b.fact));
    const exact = agreeing.find((b) => yearOk(b.fact) && editionOk(b.report) && inContext(b));
    const good = exact ?? agreeing.find((b) => yearOk(b.fact) && editionOk(b.report) && loose(b));
    // "The police arrested six individuals … after U.S. law enforcement referred nine potential cases [@KHM-2022/prosecution.3]":
    // a value found only under a looser reading elsewhere does not excuse it from the cited paragraph's own fact.
    const cited = !exact && good && !claim.approx ? this.#citedInstead(claim, good, broad, (b) => yearOk(b.fact) && editionOk(b.report)) : [];
    if (cited.length) return this.#mismatch(claim, cited, setting);
    if (good) return this.#match(claim, good, setting);
    // ("Back in 2020 police arrested four people after US law enforcement referred nine cases": with no topic of its own, a
    // figure whose sentence also gives another figure of the same report sentence is about that sentence's subject.)
    const besideSibling = (b: Compared) => claim.topics.length === 0 && claim.yearFrom === 'sentence' && this.#oneDataYear() && (claim.form ?? '') === (b.fact.form ?? '') && siblingInSentence(claim, b, this.s.figures);
    const wrongYear = claim.approx ? undefined : agreeing.find((b) => inContext(b)) ?? agreeing.find(besideSibling);
    if (wrongYear && (claim.year !== undefined || edition !== undefined)) return this.#wrongYear(claim, wrongYear, !yearOk(wrongYear.fact), setting, edition);
    // The value is in the report for some other reading: no evidence against it.
    if (agreeing.some((b) => loose(b) && (!claim.approx || (yearOk(b.fact) && editionOk(b.report))))) return this.#note?.(claim, 'silent', 'the value is in the report under another reading');
    const target = mismatchTargets(claim, broad, ctx, (b) => yearOk(b.fact) && editionOk(b.report));
    if (target.length === 0) return this.#note?.(claim, 'silent', 'no report fact in the same context, year and edition');
    if (claim.kind === 'penalty' && claim.values.length === 1 && !claim.approx) return this.#note?.(claim, 'silent', 'a single penalty figure: which end of the range is not said');
    this.#mismatch(claim, target, setting);
  }

  /** "seven to 20 years" is the span of the adult and child ranges together. */
  #spansBothRanges(claim: Figure, broad: readonly Compared[]): boolean {
    if (claim.kind !== 'penalty' || claim.victim || claim.values.length !== 2) return false;
    const plain = broad.filter((b) => b.fact.topics.length === 0 && b.fact.unit === claim.unit && !b.fact.unitMax);
    if (plain.length < 2 || Math.min(...plain.map((b) => b.fact.values[0])) !== claim.values[0] || Math.max(...plain.map((b) => b.fact.values[b.fact.values.length - 1])) !== claim.values[1]) return false;
    this.findings.push(finding('figure', claim.span, 'match', plain[0].report, plain[0].fact, this.s.ctx));
    this.#note?.(claim, 'match', 'the span of the adult and child penalty ranges together');
    return true;
  }

  #match(claim: Figure, good: Compared, setting: ClaimSetting): void {
    this.#anchors.push(good);
    const evidence = evidenceFor(claim, good.fact, good.report, setting, this.s.index);
    this.findings.push(Object.assign(finding('figure', claim.span, 'match', good.report, good.fact, this.s.ctx), { evidence: evidence.reasons }));
    this.#note?.(claim, 'match', `agrees with ${anchorOf(good.report, good.fact)}: ${describeFact(good.report, good.fact)}`, evidence, good);
  }

  /** Facts of the paragraph the sentence cites, of the claim's form, none of the claim's value, when `loose` is elsewhere. */
  #citedInstead(claim: Figure, loose: Compared, broad: readonly Compared[], ok: (b: Compared) => boolean): Compared[] {
    const anchors = new Set(this.s.ctx.citations.filter((r) => r.target?.kind === 'paragraph').map((r) => r.target!.anchor));
    if (anchors.size === 0 || anchors.has(anchorOf(loose.report, loose.fact))) return [];
    const inCited = broad.filter((b) => anchors.has(anchorOf(b.report, b.fact)) && ok(b) && (claim.form ?? '') === (b.fact.form ?? '') && narrower({ ...claim, topics: [] }, b.fact));
    return inCited.some((b) => valueAgrees(claim, b.fact)) ? [] : inCited;
  }

  /** The sentence dates its figures by one year only ("Back in 2020 police arrested four …"). */
  #oneDataYear(): boolean {
    const years = yearMentionsIn(this.s.ctx.text, this.s.input.memo?.sentences).filter((y) => y.role === 'data' || y.role === 'date');
    return years.length > 0 && years.every((y) => y.year === years[0].year);
  }

  /**
   * The edition the claim is attributed to: the sentence's, or in a sentence that names two ("The 2023 report kept Cambodia on
   * Tier 3; the 2022 report had counted 38 convictions"), the one named last before the claim (else the first after it).
   */
  #editionOf(claim: Figure): number | undefined {
    const { ctx } = this.s;
    if (ctx.edition === undefined) return undefined;
    const named = (this.#editions ??= yearMentionsIn(ctx.text, this.s.input.memo?.sentences).filter((y) => y.role === 'edition'));
    const at = claim.span.start - ctx.span.start;
    // "In 2021 courts convicted 38 traffickers [@KHM-2022/prosecution.2]; the 2023 edition says only …": an edition named
    // after the claim past its citation or a semicolon is another statement's.
    if (named.length && named.every((y) => y.span.start >= at) && /;|\[@/.test(ctx.text.slice(at, named[0].span.start))) return undefined;
    if (new Set(named.map((y) => y.year)).size < 2) return ctx.edition;
    const before = named.filter((y) => y.span.end <= at);
    return (before.length ? before[before.length - 1] : named.find((y) => y.span.start >= at))?.year ?? ctx.edition;
  }

  #wrongYear(claim: Figure, wrong: Compared, yearWrong: boolean, setting: ClaimSetting, edition: number | undefined): void {
    const { report: r, fact: f } = wrong;
    const what = describeFact(r, f, false);
    const anchor = anchorOf(r, f);
    const message = yearWrong
      ? `The ${r.manifest.edition} report (${anchor}) gives ${what} for ${f.year}, not ${claim.year}.`
      : `${capitalize(what)} comes from the ${r.manifest.edition} report (${anchor}, data for ${f.year ?? r.manifest.dataYear}), not the ${edition} report.`;
    this.problems.push(problem(Code.FigureWrongYear, claim.span, message, r, f, {}));
    const evidence = evidenceFor(claim, f, r, setting, this.s.index);
    this.findings.push({ ...finding('figure', claim.span, 'wrong-year', r, f, this.s.ctx), evidence: evidence.reasons });
    this.#note?.(claim, 'wrong-year', message, evidence, wrong);
  }

  /** Every fact left disagrees with the claim: compare it with the one its words are most about, then the nearest value. */
  #mismatch(claim: Figure, target: readonly Compared[], setting: ClaimSetting): void {
    const { index, input, ctx } = this.s;
    const scored = target.map((b) => ({ ...b, evidence: evidenceFor(claim, b.fact, b.report, setting, index) }));
    if (scored.length > 1) {
      const near = (b: Compared) => Math.abs(Math.log((b.fact.values[0] + 1) / (claim.values[0] + 1)));
      scored.sort((a, b) => b.evidence.points - a.evidence.points || b.evidence.lexical - a.evidence.lexical || near(a) - near(b));
    }
    const chosen = scored[0];
    if (!chosen) return this.#note?.(claim, 'silent', 'too little evidence that it is about the report’s fact (the closest is shown)');
    // Short of evidence: a figure beside it in the sentence may yet be found to state the same report sentence.
    if (!enoughEvidence(claim, chosen.evidence)) this.#weak.push({ claim, chosen });
    else this.#holdMismatch(claim, chosen);
  }

  /** A mismatch held until the sentence's other figures are judged. */
  #holdMismatch(given: Figure, chosen: Compared & { evidence: Evidence }): void {
    const { input, ctx } = this.s;
    const { report, fact } = chosen;
    // "four months" for the report's "four years": the unit is what is wrong, so the diagnostic and its fix take it in.
    const claim = otherTimeUnit(given, fact) && given.unitSpan ? { ...given, span: { start: given.span.start, end: given.unitSpan.end } } : given;
    const prose = input.draft.prose;
    const replacement = replacementFor(claim, fact, report, prose);
    const message = `The ${report.manifest.edition} report (${anchorOf(report, fact)}) gives ${describeFact(report, fact)}; the draft says ${prose.slice(claim.span.start, claim.span.end)}.`;
    this.#mismatches.push({
      claim,
      compared: chosen,
      problem: problem(Code.FigureMismatch, claim.span, message, report, fact, { replacement, fixTitle: `Replace with the report's figure: ${replacement}`, safeFix: !claim.approx || claim.kind === 'penalty', evidence: chosen.evidence.reasons }),
      finding: { ...finding('figure', claim.span, 'mismatch', report, fact, ctx), evidence: chosen.evidence.reasons },
      message,
      evidence: chosen.evidence,
    });
  }

  /**
   * "ran 265 sessions and workshops for 12,814 officers": a figure short of evidence is about the report sentence that a
   * figure beside it states rightly (the draft sentence restates that report sentence), when that is the fact it was closest to.
   */
  #weighWeak(): void {
    for (const { claim, chosen } of this.#weak) {
      const beside = this.#anchors.some((a) => a.report === chosen.report && a.fact !== chosen.fact && a.fact.sentence >= 0 && a.fact.sentence === chosen.fact.sentence);
      const evidence = beside ? { ...chosen.evidence, points: chosen.evidence.points + 1, reasons: [...chosen.evidence.reasons, 'a figure beside it states the same report sentence'] } : chosen.evidence;
      if (beside && enoughEvidence(claim, evidence)) this.#holdMismatch(claim, { ...chosen, evidence });
      else this.#note?.(claim, 'silent', 'too little evidence that it is about the report’s fact (the closest is shown)', chosen.evidence, chosen);
    }
  }

  /**
   * "The story said 48 convictions; the 2022 report gives 38": a figure that disagrees with a fact another figure of its
   * sentence states rightly is the contrasted one (a claim being corrected), not the sentence's claim.
   */
  #flushMismatches(): void {
    for (const m of this.#mismatches) {
      if (this.#anchors.some((a) => a.fact === m.compared.fact && a.report === m.compared.report)) {
        this.#note?.(m.claim, 'silent', 'contrasted with the report’s value for the same fact, which its sentence also gives', m.evidence, m.compared);
        continue;
      }
      this.problems.push(m.problem);
      this.findings.push(m.finding);
      this.#note?.(m.claim, 'mismatch', m.message, m.evidence, m.compared);
    }
  }

  /**
   * The bare counts, last: one that only one report sentence holds, with its unit and value, in a sentence that cites or
   * shares words with it, is that sentence's figure and anchors the others as a compared figure would.
   */
  finish(): void {
    this.#weighWeak();
    this.#flushMismatches();
    if (this.#deferred.length === 0) return;
    const { ctx, index, input } = this.s;
    const rest = this.#deferred.filter((d) => {
      const hit = this.#anchors.length ? undefined : onlySentenceHolding(d.claim, d.country, d.setting, index, this.s.figures);
      if (!hit) return true;
      if (hit.yearWrong) {
        this.#wrongYear(d.claim, hit, true, d.setting, undefined);
        return false;
      }
      this.#anchors.push(hit);
      this.findings.push(finding('figure', d.claim.span, 'match', hit.report, hit.fact, ctx));
      this.#note?.(d.claim, 'match', `agrees with ${anchorOf(hit.report, hit.fact)}, the one report sentence with that figure`, undefined, hit);
      return false;
    });
    // ("Of those cases, 37 involved sex trafficking": the parts of what the sentence before counted.)
    const anchors = this.#anchors.length ? this.#anchors : this.before;
    for (const d of rest) checkBySibling(d.claim, anchors, ctx, input.draft.prose, this.findings, this.problems, this.#note);
  }

  /** The facts the sentence's figures were found to state. */
  get anchors(): readonly Compared[] {
    return this.#anchors;
  }
}

/** One claim's setting for evidenceFor: what is costly is worked out on first use (a class: an object literal with getters is slow to make). */
class FigureSetting implements ClaimSetting {
  #terms: Set<string> | undefined;
  constructor(readonly cited: ReadonlySet<string>, readonly c: FigureClaim, readonly run: FigureRun) {}

  get reportNamed(): boolean {
    return this.run.reportNamed;
  }

  get clauseTerms(): ReadonlySet<string> {
    const { c } = this;
    const { text, span } = c.ctx;
    return (this.#terms ??= claimTerms(text, c.claim, span.start, this.run.clauseTerms(c.rel), this.run.s.input.stems));
  }
}

/** The sentence names one of the topics, by a word of it ("the general" for "military general"); no topics: true. */
function namesTopic(sentence: string, topics: readonly string[]): boolean {
  if (topics.length === 0) return true;
  const lower = sentence.toLowerCase();
  return topics.some((t) => t.split(/\s+/).some((w) => w.length >= 5 && lower.includes(w.toLowerCase())));
}

/**
 * The facts a disagreeing claim may be about: those in its context for its year and edition; else one whose context includes
 * the claim's ("referred 12 potential cases" is about the report's "referred nine potential cases" in its online-exploitation
 * sentence); the cited report's first; the latest year when the claim names none; its own unit; for a penalty, the nearest range.
 */
function mismatchTargets(claim: Figure, broad: readonly Compared[], ctx: SentenceContext, current: (b: Compared) => boolean): readonly Compared[] {
  let target = broad.filter((b) => sameContext(claim, b.fact) && current(b));
  // (A served term only when its sentence names whom it is about: the report's is the general's, and "the median
  // sentence was 7 years" is no one's.)
  if (target.length === 0) target = broad.filter((b) => !claim.form && b.fact.kind !== 'penalty' && (b.fact.kind !== 'duration' || namesTopic(ctx.text, b.fact.topics)) && narrower(claim, b.fact) && current(b));
  const citedIds = new Set(ctx.citations.map((c) => c.target!.report.id));
  if (citedIds.size) {
    const cited = target.filter((b) => citedIds.has(b.report.id));
    if (cited.length) target = cited;
  }
  if (target.length === 0) return target;
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
    const dist = (b: Compared) => Math.abs(b.fact.values[0] - claim.values[0]) + Math.abs(b.fact.values[b.fact.values.length - 1] - claim.values[claim.values.length - 1]);
    target.sort((a, b) => dist(a) - dist(b));
    if (dist(target[0]) < dist(target[1])) target = [target[0]];
  }
  return target;
}

/**
 * The one report sentence holding the bare count's value and unit, when the draft sentence is about it: it cites the report,
 * shares many words with the sentence, or gives another of its figures ("sixty-four cases …, and thirty-seven of them
 * involved sex trafficking": 64 and 37 are both in the sentence of the 2021 cases).
 */
function onlySentenceHolding(claim: Figure, country: string, setting: ClaimSetting, index: KbIndex, figures: readonly Figure[]): (Compared & { yearWrong: boolean }) | undefined {
  if (claim.approx || claim.values.length !== 1) return undefined;
  const yearOk = (f: Fact) => claim.year === undefined || f.year === undefined || f.year === claim.year;
  const valued = index.factsFor(country, 'count', claim.unit, 'same unit', (f) => f.kind === 'count' && f.unit === claim.unit)
    .filter((b) => valueAgrees(claim, b.fact) && (!claim.form || b.fact.form === claim.form));
  // "109 suspected traffickers in 64 cases during 2020": the one report sentence with both figures gives them for 2021.
  const dated = valued.filter((b) => yearOk(b.fact));
  const same = dated.length || claim.yearFrom !== 'sentence' ? dated : valued;
  if (same.length === 0 || same.some((b) => b.report !== same[0].report || b.fact.sentence !== same[0].fact.sentence)) return undefined;
  const { report, fact } = same[0];
  const hit = { report, fact, yearWrong: !yearOk(fact) };
  if (setting.cited.has(report.id)) return hit;
  const sibling = figures.some((f) => f !== claim && !f.approx && f.kind === 'count' && report.facts.some((x) => x !== fact && x.sentence === fact.sentence && x.kind === 'count' && x.values[0] === f.values[0] && unitsCompatible(f.unit, x.unit)));
  if (sibling) return hit;
  return evidenceFor(claim, fact, report, setting, index).lexical >= 2 * LEXICAL_EVIDENCE ? hit : undefined;
}

/**
 * A count the draft gives no action for, read through the report sentence its sentence's other figures agree with:
 * "The other 46 suspects were tied to 31 sex trafficking cases" — 46 is the report's "46 suspects" of one sentence, so 31
 * is about that sentence's "21 cases of sex trafficking". Compared only when exactly one fact of that sentence can be it.
 */
function checkBySibling(
  claim: Figure,
  anchors: readonly { report: Report; fact: Fact }[],
  ctx: SentenceContext,
  prose: string,
  findings: Finding[],
  problems: Problem[],
  note: ((claim: Figure, decision: ExplainNote['decision'], why: string, evidence?: Evidence, compared?: { report: Report; fact: Fact }) => void) | undefined | false,
): void {
  const seen = new Set<string>();
  const pool: { report: Report; fact: Fact }[] = [];
  for (const a of anchors) {
    const key = `${a.report.id}:${a.fact.sentence}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const fact of a.report.facts) {
      if (fact.sentence !== a.fact.sentence || fact.kind !== 'count' || anchors.some((x) => x.fact === fact)) continue;
      if (!unitsCompatible(claim.unit, fact.unit) || (claim.form && fact.form !== claim.form)) continue;
      if (claim.year !== undefined && fact.year !== undefined && fact.year !== claim.year) continue;
      pool.push({ report: a.report, fact });
    }
  }
  if (pool.length === 0) { note && note(claim, 'silent', 'a count of nothing the reports count'); return; }
  const same = pool.find((b) => valueAgrees(claim, b.fact));
  if (same) {
    findings.push(finding('figure', claim.span, 'match', same.report, same.fact, ctx));
    note && note(claim, 'match', `agrees with ${anchorOf(same.report, same.fact)}, the sentence its sentence's other figures come from`, undefined, same);
    return;
  }
  const exact = pool.filter((b) => b.fact.unit === claim.unit && (b.fact.form ?? '') === (claim.form ?? ''));
  if (exact.length !== 1 || claim.approx) { note && note(claim, 'silent', 'its sentence’s report sentence has no one fact it can be'); return; }
  const { report, fact } = exact[0];
  const anchor = anchorOf(report, fact);
  const replacement = replacementFor(claim, fact, report, prose);
  const message = `The ${report.manifest.edition} report (${anchor}) gives ${describeFact(report, fact)}; the draft says ${prose.slice(claim.span.start, claim.span.end)}.`;
  problems.push(problem(Code.FigureMismatch, claim.span, message, report, fact, { replacement, fixTitle: `Replace with the report's figure: ${replacement}`, safeFix: true }));
  findings.push(finding('figure', claim.span, 'mismatch', report, fact, ctx));
  note && note(claim, 'mismatch', message, undefined, exact[0]);
}

/** The claim's clause as terms (`clauseTerms`), without the words that made it a figure (its unit and action words say nothing about which fact). */
function claimTerms(sentence: string, claim: Figure, offset: number, clauseTerms: ReadonlySet<string>, stems?: Map<string, string | undefined>): Set<string> {
  const terms = new Set(clauseTerms);
  if (claim.unitSpan) deleteTermsOf(terms, sentence, claim.unitSpan.start - offset, claim.unitSpan.end - offset, stems);
  for (const a of claim.actions) deleteTermsOf(terms, a, 0, a.length, stems);
  return terms;
}

/** "courts shut down between April and May 2021" */
function checkDateSpan(claim: Figure, country: string | undefined, ctx: SentenceContext, index: KbIndex, prose: string, findings: Finding[], problems: Problem[]): void {
  if (claim.topics.length === 0) return;
  if (!country) return;
  const spans = index.factsFor(country, 'date-span facts', '', '', (f) => f.kind === 'date-span');
  for (const { report, fact } of spans) {
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
  // The same months in another year ("courts shut Apr-May 2020"; the report: April and May 2021).
  const other = spans.find(({ fact }) => fact.year !== claim.year && sameContext(claim, fact) && fact.values[0] === claim.values[0] && fact.values[1] === claim.values[1]);
  if (!other) return;
  const { report, fact } = other;
  const message = `The ${report.manifest.edition} report (${anchorOf(report, fact)}) says ${report.text.slice(fact.span.start, fact.span.end)}; the draft gives ${claim.year}.`;
  problems.push(problem(Code.FigureWrongYear, claim.span, message, report, fact, {}));
  findings.push(finding('figure', claim.span, 'wrong-year', report, fact, ctx));
}

/** A duration given in another time unit than the fact's. */
function otherTimeUnit(claim: Figure, fact: Fact): boolean {
  return claim.kind === 'duration' && fact.kind === 'duration' && claim.unit !== fact.unit;
}

function replacementFor(claim: Figure, fact: Fact, report: Report, _prose: string): string {
  const original = report.text.slice(fact.span.start, fact.span.end).replace(/\s+/g, ' ');
  if (otherTimeUnit(claim, fact) && claim.unitSpan) return /\p{L}$/u.test(original) && original.endsWith(fact.unit) ? original : `${original} ${fact.unit}`;
  if (fact.kind === 'penalty' && claim.approx === 'up-to') return `up to ${fact.values[fact.values.length - 1]}`;
  if (fact.kind === 'penalty' && claim.approx === 'at-least') return `at least ${fact.values[0]}`;
  if (fact.unitMax) {
    // "six days to one month": the claim's range includes its last unit too.
    return claim.unitSpan && claim.values.length === 2 ? original : original.replace(/\s+\S+$/, '');
  }
  return original;
}
