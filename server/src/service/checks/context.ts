/** The sentence a check reads, and the lookups that keep the checks linear in the draft. */
import { countryMentions, type CountryMention } from '../countries';
import type { Report, Span } from '../../model/kb';
import { clauseBetween, clauseBreaks, CORRECTED_STATEMENT, FIRST_PERSON, namesOtherSource, namesReportedSpeech } from '../../reading/cues';
import type { DraftReference } from '../types';
import type { CheckInput, DocumentContext, SentenceContext } from './types';
import { lowerBound } from '../../reading/sorted';

export const REPORT_MENTION = /\b(?:TIP\s+Report|TIP\s+Rpt\b|TIP\s+(?:19|20)\d\d|Trafficking\s+in\s+Persons\s+Report|(?:the|this|that|its|(?:this|last)\s+year['’]s)\s+(?:\d{4}\s+|latest\s+|current\s+|same\s+|U\.S\.\s+)?(?:report|narrative|edition)|Washington['’]s\s+(?:\d{4}\s+|latest\s+|annual\s+|new\s+)?(?:report|narrative|edition|ranking)|(?:19|20)\d\d\s+(?:TIP\s+)?(?:report|narrative|edition)|State\s+Department|Department\s+of\s+State)\b/i;
const US_ACTOR = /^\s*(?:law\s+enforcement|authorities|government|officials|agencies|agents|investigators|prosecutors|police|embassy|FBI|HSI|Homeland|State\s+Department|Department|TIP\b|Trafficking\s+in\s+Persons|referr|(?:(?:19|20)\d\d\s+)?(?:annual\s+)?(?:reports?|rankings?|assessments?|narratives?)\b|State\b|Congress|Ambassador)/i;
/** "28 PRC nationals", "nationals of the People's Republic of China": the victims' nationality, not whose figure it is. */
const NATIONALITY_AFTER = /^\s*(?:nationals?|citizens?|workers?|migrants?|victims?|men|women|children|people|laborers|labourers|passport)\b/i;
const NATIONALITY_BEFORE = /\b(?:nationals?|citizens?|natives?)\s+(?:of|from)\s+(?:the\s+)?$/i;

/** A mark that ends a statement or a question ("." before a space or the end, not in "2.2" or "U.S."), or a line break (a chat line, a note). */
const END_MARK = /\?|!|\n|\.(?=\s|$)(?<![A-Z]\.)/g;

/** One sentence being checked; what is costly to know about it is worked out on first use. */
export class Sentence implements SentenceContext {
  #otherSource: boolean | undefined;
  #namesOther: boolean | undefined;
  #corrected: boolean | undefined;
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
    return (this.#otherSource ??= this.namesOtherSource && ((!REPORT_MENTION.test(this.text) && this.citations.length === 0) || namesReportedSpeech(this.text)));
  }

  get namesOtherSource(): boolean {
    return (this.#namesOther ??= namesOtherSource(this.text));
  }

  get corrected(): boolean {
    return (this.#corrected ??= CORRECTED_STATEMENT.test(this.text));
  }

  get firstPerson(): boolean {
    return (this.#firstPerson ??= FIRST_PERSON.test(this.text.indexOf('U') < 0 ? this.text : this.text.replace(/\bU\.?S\.?\b/g, '')));
  }

  questionAt(offset: number): boolean {
    const t = this.text;
    if (t.indexOf('?') < 0) return false;
    // The first end mark after the claim, in its sentence: "Why isn't Cambodia Tier 2 like Thailand?" asks.
    END_MARK.lastIndex = Math.max(0, offset - this.span.start);
    const m = END_MARK.exec(t);
    return m !== null && m[0] === '?';
  }

  clauseAround(start: number, end: number): Span {
    return clauseBetween((this.#breaks ??= clauseBreaks(this.text)), this.text.length, start, end);
  }

  claimCountriesIn(from: number, to: number): Set<string> {
    const prose = this.doc.prose;
    this.#claimMentions ??= countryMentions(prose, this.span.start, this.span.end, this.doc.countryCodes).filter((m) => isClaimCountry(prose, m));
    const out = new Set<string>();
    for (const m of this.#claimMentions) if (m.start >= from && m.end <= to) out.add(m.country);
    return out;
  }

  quoteAt(offset: number): Span | undefined {
    return spanAt(this.doc.inlineQuotes, offset);
  }

  /** Is the offset inside an inline quotation (someone's words: the quote check compares the report's)? */
  inQuote(offset: number): boolean {
    return this.quoteAt(offset) !== undefined;
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

/**
 * The draft sentence a citation bracket starting at `at` closes: the sentence holding it when words come
 * before it there; else, for "… traffickers. [@X]", the sentence just before (at most 3 characters away,
 * no blank line between, and not the row above a table row it opens). The one answer for reference.mismatch, the reference hover and completion.
 */
export function sentenceClosedBy(sentences: readonly Span[], prose: string, at: number): Span | undefined {
  const own = spanAt(sentences, at) ?? spanAt(sentences, at - 1);
  if (own && /\p{L}/u.test(prose.slice(own.start, at))) return own;
  const before = sentences[lowerBound(sentences, (s) => s.end > at) - 1];
  if (!before || at - before.end > 3 || /\n\s*\n/.test(prose.slice(before.end, at))) return undefined;
  // "| [@R6] | resources to monitor … |": a key opening a table row is about its row, not the row above.
  if (prose.slice(before.end, at).includes('\n') && /^[ \t]*(?:>[ \t]*)?\|[^\n]*$/.test(prose.slice(prose.lastIndexOf('\n', at - 1) + 1, at))) return undefined;
  return before;
}

/** References whose bracket starts in [from, to]; references are in document order. */
export function referencesIn(references: readonly DraftReference[], from: number, to: number): DraftReference[] {
  const lo = lowerBound(references, (r) => r.bracket.start >= from);
  const out: DraftReference[] = [];
  for (let i = lo; i < references.length && references[i].bracket.start <= to; i++) out.push(references[i]);
  return out;
}

// ---------------------------------------------------------------------------
// Whose figures

export function documentCountry(input: CheckInput, mentions: { country: string }[], kbCountries: ReadonlyMap<string, Report[]>): string | undefined {
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
export function isClaimCountry(prose: string, m: CountryMention): boolean {
  if (NATIONALITY_AFTER.test(prose.slice(m.end, m.end + 14)) || NATIONALITY_BEFORE.test(prose.slice(Math.max(0, m.start - 24), m.start))) return false;
  return !(m.country === 'United States' && US_ACTOR.test(prose.slice(m.end, m.end + 30)));
}


function countryAt(offset: number, sentence: Span, block: Span, mentions: CountryMention[], docCountry: string | undefined, citations: DraftReference[], prose?: string): string | undefined {
  // Mentions are in document order: the sentence's own first, then (walking back) the block's last before it, so the
  // cost does not grow with the paragraph (a long one names its country in every sentence).
  const lo = lowerBound(mentions, (m) => m.start >= block.start);
  const first = Math.max(lo, lowerBound(mentions, (m) => m.end > sentence.start));
  const claims = (m: CountryMention) => !prose || isClaimCountry(prose, m);
  let before: string | undefined;
  let after: string | undefined;
  for (let i = first; i < mentions.length && mentions[i].start < sentence.end; i++) {
    const m = mentions[i];
    if (m.end <= sentence.start || !claims(m)) continue;
    if (m.start >= sentence.start && m.end <= offset) before = m.country;
    else if (!after && m.start >= offset && m.end <= sentence.end) after = m.country;
  }
  if (before) return before;
  if (after) return after;
  if (citations.length) return citations[0].target!.report.manifest.country;
  for (let i = first - 1; i >= lo; i--) if (mentions[i].end <= sentence.start && claims(mentions[i])) return mentions[i].country;
  return docCountry;
}
