/**
 * Why a number in a draft is not a claim about the report, as data: ordered gates, each with the reason
 * `--explain` shows. The figure check asks them in order before it looks at any fact; the first that applies
 * silences the claim. A new reason is one entry here, with its fixture.
 */
import type { Figure } from '../../ingest/figures';
import type { Span } from '../../model/kb';
import { FIRST_PERSON, STATISTIC, firstPersonOwns, HYPOTHETICAL, NEGATION, namesOtherSource, opensInvertedConditional, OWN_LABEL, OWN_NUMBER, PRESENT_PERIOD, SUBNATIONAL } from '../../reading/cues';
import { REPORT_MENTION } from './context';
import { canonicalCountry } from '../countries';
import { inOwnTableColumn } from './tableColumns';
import { nearCopyCountry } from './nearCopy';
import { notAssertedAt } from './notAsserted';
import type { KbIndex } from '../kbIndex';
import type { CheckInput, DocumentContext, SentenceContext } from './types';

/** What the whose-number and modality gates look for, tested once on the whole sentence: most sentences have none of it. */
interface SentenceCues {
  firstPerson: boolean;
  otherSource: boolean;
  ownNumber: boolean;
  modal: boolean;
  inverted: boolean;
  present: boolean;
}

/** A noun phrase the writer owns, ending right before a parenthesis ("our 2021 training (", "my survey of returnees ("). */
const OWN_NOUN_BEFORE = /\b(?:our|my)\s+(?:[\p{L}\p{N}'’-]+\s+){0,4}[\p{L}\p{N}'’-]+\s*$/iu;

/** One sentence's figures and what its gates read, worked out once per sentence and only when asked. */
export class FigureSentence {
  readonly text: string;
  #cues: SentenceCues | undefined;
  #ownUnits: Set<string> | undefined;
  #nearCopy: { value: string | undefined } | undefined;
  readonly #holds = new Map<RegExp, boolean>();
  constructor(readonly input: CheckInput, readonly ctx: SentenceContext, readonly index: KbIndex, readonly figures: readonly Figure[], readonly doc: DocumentContext) {
    this.text = ctx.text;
  }

  get cues(): SentenceCues {
    const text = this.text;
    return (this.#cues ??= {
      firstPerson: FIRST_PERSON.test(text),
      otherSource: this.ctx.namesOtherSource,
      ownNumber: OWN_NUMBER.test(text),
      modal: HYPOTHETICAL.test(text) || NEGATION.test(text),
      inverted: opensInvertedConditional(text),
      present: PRESENT_PERIOD.test(text),
    });
  }

  /**
   * Does the sentence hold a match of `re` (not global)? A clause of it can only when it does, for a regex whose edges
   * are \b or a lookahead for a word character: a clause's edges are breaks (punctuation, white space), read alike there.
   */
  holds(re: RegExp): boolean {
    let h = this.#holds.get(re);
    if (h === undefined) this.#holds.set(re, (h = re.test(this.text)));
    return h;
  }

  /** The country of the report sentence this one nearly copies, for a sentence that names none (worked out once). */
  nearCopyCountry(): string | undefined {
    // (Not in a draft that names a country no loaded report covers: its unnamed sentences may well be about that one.)
    return (this.#nearCopy ??= { value: this.doc.onlyLoadedCountries ? nearCopyCountry(this.input.draft.prose, this.ctx.span, this.index, this.input.stems) : undefined }).value;
  }

  /** The clause holding `claim`, relative to the sentence. */
  clauseOf(claim: Figure): Span {
    return this.ctx.clauseAround(claim.span.start - this.ctx.span.start, claim.span.end - this.ctx.span.start);
  }

  /** First person in the claim's clause that does not only report someone else's words, and no report named there. */
  writersOwn(claim: Figure): boolean {
    // "Our 2021 training (64 participants, …) covered the 2022 report": a gloss in parentheses on the writer's own noun.
    const at = claim.span.start - this.ctx.span.start;
    const open = this.text.lastIndexOf('(', at);
    if (open >= 0 && this.text.indexOf(')', open) >= at && OWN_NOUN_BEFORE.test(this.text.slice(Math.max(0, open - 60), open))) return true;
    const rel = this.clauseOf(claim);
    const clauseText = this.text.slice(rel.start, rel.end);
    const plain = clauseText.indexOf('U') < 0 ? clauseText : clauseText.replace(/\bU\.?S\.?(?![\p{L}])/gu, (u) => ' '.repeat(u.length));
    if (!firstPersonOwns(plain, claim.span.start - this.ctx.span.start - rel.start)) return false;
    return !(REPORT_MENTION.test(clauseText) || (this.ctx.citations.length > 0 && rel.end >= this.text.length - 2));
  }

  /** The units of the sentence's figures that are the writer's own. */
  ownUnits(): Set<string> {
    return (this.#ownUnits ??= new Set(this.figures.filter((f) => this.writersOwn(f)).map((f) => f.unit)));
  }
}

/** One figure as its gates see it: its clause and country, worked out only when a gate asks. */
export class FigureClaim {
  #rel: Span | undefined;
  #country: { value: string | undefined } | undefined;
  constructor(readonly claim: Figure, readonly sentence: FigureSentence) {}

  get ctx(): SentenceContext {
    return this.sentence.ctx;
  }
  get rel(): Span {
    return (this.#rel ??= this.sentence.clauseOf(this.claim));
  }
  get clauseText(): string {
    return this.sentence.text.slice(this.rel.start, this.rel.end);
  }
  get country(): string | undefined {
    return (this.#country ??= { value: this.ctx.countryAt(this.claim.span.start) ?? this.sentence.nearCopyCountry() }).value;
  }
  /** Its offset in the sentence. */
  get at(): number {
    return this.claim.span.start - this.ctx.span.start;
  }
  /** A report is named in its clause, or the sentence ends with a citation the clause reaches. */
  clauseNamesReport(): boolean {
    return REPORT_MENTION.test(this.clauseText) || (this.ctx.citations.length > 0 && this.rel.end >= this.sentence.text.length - 2);
  }
}

export interface FigureGate {
  /** What `--explain` says when this gate silences a claim. */
  readonly why: string;
  readonly applies: (c: FigureClaim) => boolean;
}

/** Where the number stands: asked first, before its kind is looked at. */
export const LAYOUT_GATES: readonly FigureGate[] = [
  { why: 'a percentage', applies: (c) => c.claim.unit === 'percent' },
  { why: 'inside a quotation: someone’s words (the quote check compares the report’s)', applies: (c) => c.ctx.inQuote(c.claim.span.start) },
  { why: 'asked, not stated (a question)', applies: (c) => c.ctx.questionAt(c.claim.span.start) },
  { why: 'offered, not asserted (a quiz option or true-or-false statement, a claim its fact-check row marks false, wording the draft rejects)', applies: (c) => notAssertedAt(c.sentence.input.draft.prose, c.sentence.input.draft.lineStarts, c.claim.span.start, c.sentence.doc.offered) !== undefined },
  { why: 'the number of a heading ("## 2 Prosecution data")', applies: (c) => numbersHeading(c.sentence.input.draft.prose, c.ctx, c.claim) },
  { why: 'the author’s own number (a table of targets, a budget or a plan)', applies: (c) => inOwnTableColumn(c.sentence.input.draft.prose, c.sentence.input.draft.lineStarts, c.claim.span.start) },
];

/** What the claim is about, whose number it is and whether it is stated (date spans have their own check, before these). */
export const CLAIM_GATES: readonly FigureGate[] = [
  // "between 2018 and 2021", "the first half of 2021": not the report's yearly figure.
  { why: 'spans several years or part of a year', applies: (c) => c.claim.kind !== 'penalty' && (c.claim.multiYear === true || (c.claim.yearPartial === true && c.claim.topics.length === 0)) },
  { why: 'no country it is about', applies: (c) => !c.country },
  { why: 'about a country no loaded report covers', applies: (c) => !c.sentence.index.byCountry.has(c.country!) },
  // Whose number: the author's ("we trained 40", "Maximum 25 participants per course", "according to our survey").
  { why: 'the author’s own number (first person in its clause)', applies: (c) => c.sentence.cues.firstPerson && c.sentence.writersOwn(c.claim) },
  // "provincial courts rescheduled two sessions; we held nine shorter sessions": figures of one unit in a sentence share their owner.
  { why: 'the author’s own number (its sentence gives the author’s figures of the same unit)', applies: (c) => c.sentence.cues.firstPerson && c.sentence.ownUnits().has(c.claim.unit) && !c.clauseNamesReport() },
  { why: 'another source’s number (named in its clause)', applies: (c) => c.sentence.cues.otherSource && namesOtherSource(c.clauseText) && !c.clauseNamesReport() },
  { why: 'another source’s number (the sentence opens "According to <them>, …")', applies: (c) => c.sentence.cues.otherSource && leadAttributes(c) },
  {
    why: 'the author’s own number (a programme, budget, target or limit)',
    applies: (c) => c.sentence.cues.ownNumber && c.claim.kind === 'count' && (OWN_NUMBER.test(c.clauseText) || OWN_LABEL.test(labelBefore(c.sentence.text, c.at))) && !REPORT_MENTION.test(c.clauseText),
  },
  { why: 'about one place within the country ("in Sihanoukville alone"), not its national figure', applies: (c) => c.sentence.holds(SUBNATIONAL) && subnational(c.clauseText) },
  { why: 'a statistic the writer worked out (a median, mean or average), not a count a report states', applies: (c) => c.sentence.holds(STATISTIC) && STATISTIC.test(c.clauseText) },
  // "38 people had been charged since January": a count of the writer's present, dated by no year of its own.
  { why: 'dated by the writer’s present ("since January", "this year"), not a year a report covers', applies: (c) => c.sentence.cues.present && c.claim.kind === 'count' && c.claim.yearFrom !== 'sentence' && PRESENT_PERIOD.test(c.clauseText) },
  // Modal or negated statements ("should prosecute 200", "did not convict 40") are not claims about what happened.
  { why: 'a condition ("Were convictions to fall to 20, …")', applies: (c) => c.sentence.cues.inverted && c.sentence.text.slice(0, c.at).indexOf(',') < 0 },
  { why: 'modal or negated', applies: (c) => c.sentence.cues.modal && modalBefore(c) },
];

/** "According to the provincial prosecutor, the courts convicted about 50 …": an opening attribution to another source governs what follows it, up to a mention of a report. */
const ATTRIBUTION_LEAD = /^[\W\d]*(?:according\s+to|per|as\s+told\s+by|in\s+the\s+(?:view|words)\s+of)\s+([^,;:]{2,80}),/i;

function leadAttributes(c: FigureClaim): boolean {
  const m = ATTRIBUTION_LEAD.exec(c.sentence.text);
  if (!m || m[0].length > c.at || !namesOtherSource(m[0]) || REPORT_MENTION.test(m[1])) return false;
  return !REPORT_MENTION.test(c.sentence.text.slice(m[0].length, c.at)) && !c.clauseNamesReport();
}

/** A place within a country named with the figure; not a country itself ("in Cambodia alone" is the whole country). */
function subnational(clause: string): boolean {
  const m = SUBNATIONAL.exec(clause);
  if (!m) return false;
  const place = m[1]?.trim();
  return !place || canonicalCountry(place) !== place;
}

/** The reason of the first gate that applies, or undefined when none does. */
export function silencedBy(gates: readonly FigureGate[], c: FigureClaim): string | undefined {
  for (const g of gates) if (g.applies(c)) return g.why;
  return undefined;
}

/** A modal or negation in the words leading to the claim in its clause ("not the 440 … but 38": what follows the "but" is asserted). */
function modalBefore(c: FigureClaim): boolean {
  const prose = c.sentence.input.draft.prose;
  const clauseLead = prose.slice(Math.max(c.ctx.span.start + c.rel.start, c.claim.span.start - 60), c.claim.span.start);
  const asserted = /\bbut\s+(?:[\p{L}'’-]+\s+){0,3}$/iu.exec(clauseLead);
  // ("not less than 15 and not more than 20 years" bounds a range; it negates nothing.)
  const lead = (asserted ? clauseLead.slice(asserted.index) : clauseLead).replace(BOUND_NEGATION, (m) => ' '.repeat(m.length));
  return HYPOTHETICAL.test(lead) || NEGATION.test(lead);
}

/** "not less than", "no more than", "not exceeding": a bound, not a negation. */
const BOUND_NEGATION = /\b(?:not|no)\s+(?:(?:less|more|fewer|greater|longer|shorter)\s+than|exceeding|to\s+exceed)\b/gi;

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
