/**
 * Matchers derived from the vocabulary tables (vocab.ts): whose a number is, and
 * whether a clause claims anything. Each matcher is built once from its table;
 * extend the table, not the regex.
 */
import { CITATION_ASIDE_CUES, CONDITIONAL_INVERSION, CONTRAST_CUES, CORRECTED_STATEMENT_CUES, STATISTIC_CUES, TRANSLATION_CUES, THIRD_PERSON_SUBJECTS, HYPOTHETICAL_CUES, NEGATION_CUES, OTHER_SOURCE_CUES, OWN_LABEL_CUES, REPORTED_SPEECH_CUES, OWN_NUMBER_CUES, PRESENT_PERIOD_CUES, RECOMMENDING_CUES, SUBNATIONAL_CUES, REPORTING_CUES, REPORT_ATTRIBUTION_CUES } from './vocab';
import type { Span } from '../model/kb';
import { lowerBound } from './sorted';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');

/**
 * A regex matching any phrase of the table as whole words, longest first. The tables are ASCII words
 * (apostrophes aside), so word boundaries are \b: a plain alternation V8 scans fast, no Unicode lookbehind.
 */
export function phraseRegex(table: readonly string[], flags = 'i'): RegExp {
  const alts = [...table].sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(`\\b(?:${alts.join('|')})(?![\\w’'])`, flags.replace('u', ''));
}

/** Lower-case source words ("survey", "our data", "you wrote", "some say") are read case-insensitively; names are matched as written. */
const isSourceWord = (s: string) => s === s.toLowerCase();
/** "The report urges …", "it calls on the government to …": a sentence that recommends. */
export const RECOMMENDING = phraseRegex(RECOMMENDING_CUES, 'i');
/** "52 prosecutions in Sihanoukville alone", "in Kampot province": a figure for a place within a country. */
export const SUBNATIONAL = new RegExp(`\\b(?:in|across|for)\\s+((?:\\p{Lu}[\\p{L}'’-]+\\s+){1,3})(?:${SUBNATIONAL_CUES.join('|')})\\b|\\b(?:in|for)\\s+the\\s+(?:province|district|city|town)\\s+of\\s+\\p{Lu}`, 'u');
export const OTHER_SOURCE = phraseRegex(OTHER_SOURCE_CUES.filter((s) => !isSourceWord(s)), 'u');
export const OTHER_SOURCE_WORD = phraseRegex(OTHER_SOURCE_CUES.filter(isSourceWord), 'i');
const REPORTED_SPEECH = phraseRegex(REPORTED_SPEECH_CUES, 'i');
export const OWN_NUMBER = phraseRegex(OWN_NUMBER_CUES.filter((c) => !/^(?:we|our|us|i|my)$/.test(c)), 'i');
export const OWN_LABEL = phraseRegex(OWN_LABEL_CUES, 'i');
export const FIRST_PERSON = /(?<![\p{L}\p{N}])(?:[Ww]e|[Oo]ur|[Oo]urs|us|I|[Mm]y)(?![\p{L}\p{N}.])/u;
export const HYPOTHETICAL = phraseRegex(HYPOTHETICAL_CUES);
/** A statistic the writer worked out (see STATISTIC_CUES). */
export const STATISTIC = phraseRegex(STATISTIC_CUES, 'i');
/** A quotation in translation (see TRANSLATION_CUES). */
export const TRANSLATED = phraseRegex(TRANSLATION_CUES, 'i');
/** A numbered earlier issue or version reported as saying it: "Issue 41 said …", "In Bulletin No. 22 we wrote …" (a corrections box). */
const NUMBERED_EARLIER_SAID = /\b(?:issue|no\.|episode|post|version|draft|edition|bulletin|newsletter)\s+#?\d{1,4},?\s+(?:(?:we|I|it)\s+)?(?:said|stated|gave|reported|attributed|listed|described|misstated|put|had|called|wrote)\b/i;
/** A statement reported as an error (see CORRECTED_STATEMENT_CUES), or an earlier numbered issue's. */
/** An earlier piece of the same text reported as saying it: "An earlier answer said …", "A previous post gave …". */
const EARLIER_PIECE_SAID = /\b(?:an?|our|the|my)\s+(?:earlier|previous|prior)\s+(?:answer|reply|post|comment|message|tweet|update|story|article|entry|slide|bulletin|newsletter)\s+(?:said|stated|gave|reported|attributed|listed|described|misstated|put|had|called)\b/;
export const CORRECTED_STATEMENT = new RegExp(`${phraseRegex(CORRECTED_STATEMENT_CUES, 'i').source}|${NUMBERED_EARLIER_SAID.source}|${EARLIER_PIECE_SAID.source}`, 'i');
export const REPORTING = phraseRegex(REPORTING_CUES);
/** "since January", "this year" (not "this year's report"): see PRESENT_PERIOD_CUES. */
export const PRESENT_PERIOD = new RegExp(`${phraseRegex(PRESENT_PERIOD_CUES).source}(?!\\s*['’]s)`, 'i');
/** A sentence opening with a conditional by inversion: "Were convictions to fall to 20, …" (test with opensInvertedConditional). */
const INVERTED_CONDITIONAL_FULL = new RegExp(
  `^[\\W\\d]*(?:${CONDITIONAL_INVERSION[0]}\\s+(?:[\\p{L}-]+\\s+){1,6}?to\\s+\\p{L}+|${CONDITIONAL_INVERSION[2]}\\s+(?:[\\p{L}-]+\\s+){1,4}?\\p{L}+ed\\b|${CONDITIONAL_INVERSION[1]}\\s+\\p{L}+)`,
  'iu',
);
/** What a sentence must open with for INVERTED_CONDITIONAL_FULL to match: a cheap test first (that regex costs ~20 ms to compile). */
const INVERSION_OPENING = new RegExp(`^[\\W\\d]*(?:${CONDITIONAL_INVERSION.join('|')})\\s`, 'i');
/** Does the sentence open with a conditional by inversion ("Were convictions to fall to 20, …")? */
export function opensInvertedConditional(sentence: string): boolean {
  return INVERSION_OPENING.test(sentence) && INVERTED_CONDITIONAL_FULL.test(sentence);
}
const FIRST_PERSON_ALL = new RegExp(FIRST_PERSON.source, 'gu');
const SUBJECT_AFTER_CONJUNCTION = new RegExp(`(?:\\b(?:and|but|so|because|while|since|when|after)|[,;])\\s+(?:${[...THIRD_PERSON_SUBJECTS].sort((a, b) => b.length - a.length).map((s) => s.replace(/\s+/g, '\\s+')).join('|')})\\s+\\p{L}`, 'iu');

/**
 * Is a number at `at` in `clause` the writer's own? Yes when first person is in the clause, unless the last first person
 * before the number only reports someone else's claim ("my notes say the govt convicted 50", "we know police arrested 370").
 */
export function firstPersonOwns(clause: string, at: number): boolean {
  FIRST_PERSON_ALL.lastIndex = 0;
  let last: RegExpExecArray | undefined;
  let any = false;
  for (let m = FIRST_PERSON_ALL.exec(clause); m; m = FIRST_PERSON_ALL.exec(clause)) {
    any = true;
    if (m.index < at) last = m;
  }
  if (!last) return any;
  const between = clause.slice(last.index + last[0].length, at);
  const rep = REPORTING.exec(between);
  // A reported clause has its own subject between the reporting verb and the number ("say the govt convicted").
  const reported = between.slice((rep?.index ?? 0) + (rep?.[0].length ?? 0));
  if (rep && (/^\s*that\b/i.test(reported) || /\p{L}{2,}\s+\S/u.test(reported))) return false;
  // "I've checked the case and he got five years": a clause of another subject, after a conjunction.
  return !SUBJECT_AFTER_CONJUNCTION.test(between);
}
export const NEGATION = phraseRegex(NEGATION_CUES);
export const REPORT_ATTRIBUTION = phraseRegex(REPORT_ATTRIBUTION_CUES.filter((c) => c !== 'edition'), 'i');

/** Does the text name a source other than the TIP Report? */
export function namesOtherSource(text: string): boolean {
  return OTHER_SOURCE.test(text) || OTHER_SOURCE_WORD.test(text);
}

/** Hearsay the sentence reports, even about the report ("Someone upthread said the 2023 report counted 38"), not an aside ("as people say"). */
export function namesReportedSpeech(text: string): boolean {
  const m = REPORTED_SPEECH.exec(text);
  return m !== null && !/\bas\s+$/i.test(text.slice(Math.max(0, m.index - 4), m.index));
}

/** Clause breaks inside a sentence: punctuation and contrastive conjunctions. */
const CLAUSE_BREAK = /[,;:()\u2014\u2013]\s*|\s(?:but|yet|while|whereas|although|though|which|who)\s/giu;

/** Where `text` (a sentence) breaks into clauses: the spans of its separators, in order. */
export function clauseBreaks(text: string): Span[] {
  const out: Span[] = [];
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
    const s = m.index;
    // A comma inside a number ("12,814") is not a break.
    if (m[0][0] === ',' && /\d/.test(text[s - 1] ?? '') && /\d/.test(text[s + 1] ?? '')) continue;
    out.push({ start: s, end: s + m[0].length });
  }
  return out;
}

/** The clause of a sentence that holds [start, end), given its `breaks` (clauseBreaks): from the last break before it to the first break after it. */
export function clauseBetween(breaks: readonly Span[], length: number, start: number, end: number): Span {
  // The first break that ends after `start` (breaks are sorted and do not overlap).
  const lo = lowerBound(breaks, (b) => b.end > start);
  const from = lo > 0 ? breaks[lo - 1].end : 0;
  let to = length;
  for (let i = lo; i < breaks.length; i++) {
    if (breaks[i].start >= end) {
      to = breaks[i].start;
      break;
    }
  }
  return { start: from, end: to };
}

/** The clause of `text` (a sentence) that holds [start, end): from the last break before it to the first break after it. */
export function clauseAround(text: string, start: number, end: number): Span {
  return clauseBetween(clauseBreaks(text), text.length, start, end);
}

/** A contrast or comparison in a sentence: a citation there may be a mention (reference.mismatch stays silent). */
export const CONTRAST = phraseRegex(CONTRAST_CUES);
/** An aside cue that ends the text before a citation ("…, rather than", "see also", "cf."). */
export const CITATION_ASIDE_END = new RegExp(`(?:^|[^\\w’'])(?:${[...CITATION_ASIDE_CUES].sort((a, b) => b.length - a.length).map(escape).join('|')})[\\s,:;]*$`, 'i');
