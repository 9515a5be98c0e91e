/** figure.mismatch and figure.wrong-year: counts, penalties, durations and date spans against the report's facts. */
import { figuresIn, unitsCompatible, type Figure } from '../../ingest/figures';
import { Code } from '../codes';
import type { Fact, Report, Span } from '../../model/kb';
import type { KbIndex } from '../kbIndex';
import type { Finding } from '../types';
import { FIRST_PERSON, firstPersonOwns, HYPOTHETICAL, opensInvertedConditional, OWN_LABEL, namesOtherSource, NEGATION, OWN_NUMBER, PRESENT_PERIOD } from '../../reading/cues';
import { termsOf } from '../../reading/terms';
import { enoughEvidence, evidenceFor, LEXICAL_POINT as LEXICAL_EVIDENCE, type ClaimSetting, type Evidence } from '../evidence';
import { REPORT_MENTION } from './context';
import { inOwnTableColumn } from './tableColumns';
import { anchorOf, capitalize, describeFact, explainSource, finding, problem } from './report';
import type { Check, CheckInput, ExplainNote, Problem, SentenceContext } from './types';

export const figureCheck: Check = {
  name: 'figures',
  codes: [Code.FigureMismatch, Code.FigureWrongYear],
  sentence: (run, ctx) => checkFigures(run.input, ctx, run.index, run.findings, run.problems),
};

const SPECIFIC_UNITS = new Set(['officers', 'participants', 'sessions', 'trainings', 'nationals', 'brokers', 'convictions', 'prosecutions', 'arrests']);

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
  // Called as note?.(…): without --explain its arguments (messages, fact descriptions) are not even worked out.
  const explain = input.explain;
  const note = explain && ((claim: Figure, decision: ExplainNote['decision'], why: string, evidence?: Evidence, compared?: { report: Report; fact: Fact }) =>
    explain({ span: claim.span, kind: 'figure', decision, why, evidence: evidence?.reasons, source: compared && explainSource(compared.report, compared.fact) }));
  // What the whose-number and modality gates look for, tested once on the whole sentence: most sentences have none of it.
  const text = ctx.text;
  let cueMemo: { firstPerson: boolean; otherSource: boolean; ownNumber: boolean; modal: boolean; inverted: boolean; present: boolean } | undefined;
  const sentenceCues = () => (cueMemo ??= {
    firstPerson: FIRST_PERSON.test(text),
    otherSource: namesOtherSource(text),
    ownNumber: OWN_NUMBER.test(text),
    modal: HYPOTHETICAL.test(text) || NEGATION.test(text),
    inverted: opensInvertedConditional(text),
    present: PRESENT_PERIOD.test(text),
  });
  // First person in the claim's clause that does not only report someone else's words, and no report named there.
  const writersOwn = (claim: Figure): boolean => {
    const rel = ctx.clauseAround(claim.span.start - ctx.span.start, claim.span.end - ctx.span.start);
    const clauseText = text.slice(rel.start, rel.end);
    const plain = clauseText.indexOf('U') < 0 ? clauseText : clauseText.replace(/\bU\.?S\.?(?![\p{L}])/gu, (u) => ' '.repeat(u.length));
    if (!firstPersonOwns(plain, claim.span.start - ctx.span.start - rel.start)) return false;
    return !(REPORT_MENTION.test(clauseText) || (ctx.citations.length > 0 && rel.end >= text.length - 2));
  };
  let ownUnits: Set<string> | undefined;
  const deferred: { claim: Figure; country: string; setting: ClaimSetting }[] = [];
  const anchors: { report: Report; fact: Fact }[] = [];
  for (const claim of figures) {
    if (claim.unit === 'percent') { note?.(claim, 'silent', 'a percentage'); continue; }
    if (ctx.inQuote(claim.span.start)) { note?.(claim, 'silent', 'inside a quotation: someone’s words (the quote check compares the report’s)'); continue; }
    if (ctx.questionAt(claim.span.start)) { note?.(claim, 'silent', 'asked, not stated (a question)'); continue; }
    if (numbersHeading(draft.prose, ctx, claim)) { note?.(claim, 'silent', 'the number of a heading ("## 2 Prosecution data")'); continue; }
    if (inOwnTableColumn(draft.prose, draft.lineStarts, claim.span.start)) { note?.(claim, 'silent', 'the author’s own number (a table of targets, a budget or a plan)'); continue; }
    if (claim.kind === 'date-span') {
      checkDateSpan(claim, ctx, index, draft.prose, findings, problems);
      continue;
    }
    // Several years at once ("between 2018 and 2021"), or part of a year ("the first half of 2021"): not the report's yearly figure.
    if (claim.kind !== 'penalty' && (claim.multiYear || (claim.yearPartial && claim.topics.length === 0))) { note?.(claim, 'silent', 'spans several years or part of a year'); continue; }
    const country = ctx.countryAt(claim.span.start);
    if (!country) { note?.(claim, 'silent', 'no country it is about'); continue; }
    if (!index.byCountry.has(country)) { note?.(claim, 'silent', 'about a country no loaded report covers'); continue; }
    // Whose number: the author's ("we trained 40", "Maximum 25 participants per course", "according to our survey") is not the report's.
    const rel = ctx.clauseAround(claim.span.start - ctx.span.start, claim.span.end - ctx.span.start);
    const cues = sentenceCues();
    if (cues.firstPerson || cues.otherSource || cues.ownNumber) {
      const clauseText = text.slice(rel.start, rel.end);
      const clauseNamesReport = () => REPORT_MENTION.test(clauseText) || (ctx.citations.length > 0 && rel.end >= text.length - 2);
      if (cues.firstPerson && writersOwn(claim)) { note?.(claim, 'silent', 'the author’s own number (first person in its clause)'); continue; }
      // "provincial courts rescheduled two sessions; we held nine shorter sessions": figures of one unit in a sentence share their owner.
      if (cues.firstPerson && (ownUnits ??= new Set(figures.filter(writersOwn).map((f) => f.unit))).has(claim.unit) && !clauseNamesReport()) { note?.(claim, 'silent', 'the author’s own number (its sentence gives the author’s figures of the same unit)'); continue; }
      if (cues.otherSource && namesOtherSource(clauseText) && !clauseNamesReport()) { note?.(claim, 'silent', 'another source’s number (named in its clause)'); continue; }
      if (cues.ownNumber && claim.kind === 'count' && (OWN_NUMBER.test(clauseText) || OWN_LABEL.test(labelBefore(text, claim.span.start - ctx.span.start))) && !REPORT_MENTION.test(clauseText)) { note?.(claim, 'silent', 'the author’s own number (a programme, budget, target or limit)'); continue; }
    }
    // "38 people had been charged since January": a count of the writer's present, dated by no year of its own.
    if (cues.present && claim.kind === 'count' && claim.yearFrom !== 'sentence' && PRESENT_PERIOD.test(text.slice(rel.start, rel.end))) { note?.(claim, 'silent', 'dated by the writer’s present ("since January", "this year"), not a year a report covers'); continue; }
    // Modal or negated statements ("should prosecute 200", "did not convict 40") are not claims about what happened.
    if (cues.inverted && text.slice(0, claim.span.start - ctx.span.start).indexOf(',') < 0) { note?.(claim, 'silent', 'a condition ("Were convictions to fall to 20, …")'); continue; }
    if (cues.modal) {
      const clauseLead = draft.prose.slice(Math.max(ctx.span.start + rel.start, claim.span.start - 60), claim.span.start);
      // "not the 440 … but 38": what follows the "but" is asserted.
      const asserted = /\bbut\s+(?:[\p{L}'’-]+\s+){0,3}$/iu.exec(clauseLead);
      const lead = asserted ? clauseLead.slice(asserted.index) : clauseLead;
      if (HYPOTHETICAL.test(lead) || NEGATION.test(lead)) { note?.(claim, 'silent', 'modal or negated'); continue; }
    }
    let terms: Set<string> | undefined;
    const setting: ClaimSetting = {
      cited,
      get reportNamed() { return (reportNamed ??= REPORT_MENTION.test(text)); },
      get clauseTerms() { return (terms ??= claimTerms(text, rel, claim, ctx.span.start, input.stems)); },
    };
    // A count with no action ("31 sex trafficking cases") says what it counts only through the sentence's other figures.
    if (claim.kind === 'count' && claim.actions.length === 0 && !SPECIFIC_UNITS.has(claim.unit)) { deferred.push({ claim, country, setting }); continue; }
    const editionOk = (r: Report) => ctx.edition === undefined || r.manifest.edition === ctx.edition;
    const yearOk = (f: Fact) => claim.year === undefined || f.year === undefined || f.year === claim.year;
    // The facts this claim can be compared with depend only on its kind, unit and actions: remembered per knowledge base.
    const broad = index.factsFor(country, claim.kind, claim.unit, claim.actions.length === 0 ? '' : claim.actions.length === 1 ? claim.actions[0] : claim.actions.join(','), (fact) => kindsCompatible(claim, fact) && unitsCompatible(claim.unit, fact.unit) && actionsCompatible(claim, fact));
    if (broad.length === 0) { note?.(claim, 'silent', 'no report fact of this kind, unit and action'); continue; }
    const agreeing = broad.filter((b) => valueAgrees(claim, b.fact));
    if (claim.kind === 'penalty' && !claim.victim && claim.values.length === 2 && agreeing.length === 0) {
      // "seven to 20 years" is the span of the adult and child ranges together.
      const plain = broad.filter((b) => b.fact.topics.length === 0 && b.fact.unit === claim.unit && !b.fact.unitMax);
      if (plain.length > 1 && Math.min(...plain.map((b) => b.fact.values[0])) === claim.values[0] && Math.max(...plain.map((b) => b.fact.values[b.fact.values.length - 1])) === claim.values[1]) {
        findings.push(finding('figure', claim.span, 'match', plain[0].report, plain[0].fact, ctx));
        note?.(claim, 'match', 'the span of the adult and child penalty ranges together');
        continue;
      }
    }
    const inContext = (b: { fact: Fact }) => sameContext(claim, b.fact);
    // An exact figure without a qualifier may be one of the report's breakdowns ("35 traffickers" = "35 for forced labor"); a bound may not.
    const loose = (b: { fact: Fact }) => (claim.approx ? inContext(b) : narrower(claim, b.fact));
    const good = agreeing.find((b) => yearOk(b.fact) && editionOk(b.report) && inContext(b)) ?? agreeing.find((b) => yearOk(b.fact) && editionOk(b.report) && loose(b));
    if (good) {
      anchors.push(good);
      const evidence = evidenceFor(claim, good.fact, good.report, setting, index);
      findings.push({ ...finding('figure', claim.span, 'match', good.report, good.fact, ctx), evidence: evidence.reasons });
      note?.(claim, 'match', `agrees with ${anchorOf(good.report, good.fact)}: ${describeFact(good.report, good.fact)}`, evidence, good);
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
      const evidence = evidenceFor(claim, f, r, setting, index);
      findings.push({ ...finding('figure', claim.span, 'wrong-year', r, f, ctx), evidence: evidence.reasons });
      note?.(claim, 'wrong-year', message, evidence, wrongYear);
      continue;
    }
    if (agreeing.some((b) => loose(b) && (!claim.approx || (yearOk(b.fact) && editionOk(b.report))))) { note?.(claim, 'silent', 'the value is in the report under another reading'); continue; } // the value is in the report for some other reading: no evidence against it
    let target = broad.filter((b) => inContext(b) && yearOk(b.fact) && editionOk(b.report));
    // No fact in exactly the claim's context: one whose context includes the claim's ("referred 12 potential cases" is
    // about the report's "referred nine potential cases" in its online-exploitation sentence).
    if (target.length === 0) target = broad.filter((b) => !claim.form && b.fact.kind !== 'penalty' && narrower(claim, b.fact) && yearOk(b.fact) && editionOk(b.report));
    const citedIds = new Set(ctx.citations.map((c) => c.target!.report.id));
    if (citedIds.size) {
      const cited = target.filter((b) => citedIds.has(b.report.id));
      if (cited.length) target = cited;
    }
    if (target.length === 0) { note?.(claim, 'silent', 'no report fact in the same context, year and edition'); continue; }
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
    if (claim.kind === 'penalty' && claim.values.length === 1 && !claim.approx) { note?.(claim, 'silent', 'a single penalty figure: which end of the range is not said'); continue; } // "15 years" alone: which end?
    // Every fact left disagrees with the claim: compare it with the one its words are most about, then the nearest value.
    const scored = target.map((b) => ({ ...b, evidence: evidenceFor(claim, b.fact, b.report, setting, index) }));
    if (scored.length > 1) {
      const near = (b: { fact: Fact }) => Math.abs(Math.log((b.fact.values[0] + 1) / (claim.values[0] + 1)));
      scored.sort((a, b) => b.evidence.points - a.evidence.points || b.evidence.lexical - a.evidence.lexical || near(a) - near(b));
    }
    const chosen = scored[0];
    if (!chosen || !enoughEvidence(claim, chosen.evidence)) { note?.(claim, 'silent', 'too little evidence that it is about the report’s fact (the closest is shown)', chosen?.evidence, chosen); continue; }
    const { report, fact } = chosen;
    const anchor = anchorOf(report, fact);
    const replacement = replacementFor(claim, fact, report, draft.prose);
    const said = draft.prose.slice(claim.span.start, claim.span.end);
    const message = `The ${report.manifest.edition} report (${anchor}) gives ${describeFact(report, fact)}; the draft says ${said}.`;
    problems.push(problem(Code.FigureMismatch, claim.span, message, report, fact, { replacement, fixTitle: `Replace with the report's figure: ${replacement}`, safeFix: !claim.approx || claim.kind === 'penalty', evidence: chosen.evidence.reasons }));
    findings.push({ ...finding('figure', claim.span, 'mismatch', report, fact, ctx), evidence: chosen.evidence.reasons });
    note?.(claim, 'mismatch', message, chosen.evidence, chosen);
  }
  if (deferred.length === 0) return;
  // A bare count that only one report sentence holds, with its unit and value, in a sentence that cites or shares words
  // with it, is that sentence's figure; it anchors the others as a compared figure would.
  const rest = deferred.filter((d) => {
    const hit = anchors.length ? undefined : onlySentenceHolding(d.claim, d.country, d.setting, index);
    if (!hit) return true;
    anchors.push(hit);
    findings.push(finding('figure', d.claim.span, 'match', hit.report, hit.fact, ctx));
    note?.(d.claim, 'match', `agrees with ${anchorOf(hit.report, hit.fact)}, the one report sentence with that figure`, undefined, hit);
    return false;
  });
  for (const d of rest) checkBySibling(d.claim, anchors, ctx, draft.prose, findings, problems, note);
}

function onlySentenceHolding(claim: Figure, country: string, setting: ClaimSetting, index: KbIndex): { report: Report; fact: Fact } | undefined {
  if (claim.approx || claim.values.length !== 1) return undefined;
  const same = index.factsFor(country, 'count', claim.unit, 'same unit', (f) => f.kind === 'count' && f.unit === claim.unit)
    .filter((b) => valueAgrees(claim, b.fact) && (!claim.form || b.fact.form === claim.form) && (claim.year === undefined || b.fact.year === undefined || b.fact.year === claim.year));
  if (same.length === 0 || same.some((b) => b.report !== same[0].report || b.fact.sentence !== same[0].fact.sentence)) return undefined;
  const e = evidenceFor(claim, same[0].fact, same[0].report, setting, index);
  return setting.cited.has(same[0].report.id) || e.lexical >= 2 * LEXICAL_EVIDENCE ? same[0] : undefined;
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

/** "## 2 Prosecution data": a number opening a Markdown heading, before a capitalised word, numbers the section. */
function numbersHeading(prose: string, ctx: SentenceContext, claim: Figure): boolean {
  return claim.span.start === ctx.block.start && /#[ \t]*$/.test(prose.slice(Math.max(0, ctx.block.start - 8), ctx.block.start)) && /^[.)]?[ \t]+\p{Lu}/u.test(prose.slice(claim.span.end, claim.span.end + 4));
}

/** A short label the claim follows ("Priorities for months 7–12: close the training gap (45 officials)"): its words govern the list after it. */
function labelBefore(sentence: string, at: number): string {
  const colon = sentence.indexOf(':');
  if (colon < 0 || colon >= at) return '';
  const label = sentence.slice(0, colon);
  return label.split(/\s+/).filter(Boolean).length <= 10 ? label : '';
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
