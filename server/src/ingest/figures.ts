/**
 * Figures in prose: numbers (digits and words), ranges, bounds and
 * approximations, with the unit, action, form, victim, year and topic each one
 * is about. The same reading is used for report sentences (facts) and draft
 * sentences (claims), so both sides are understood alike.
 */
import type { Action, FactKind, FigureReading, Form, Span, Victim } from '../model/kb';
import { ACTIONS, type ActionEntry } from '../model/actions';

export type Approx = 'more-than' | 'at-least' | 'up-to' | 'fewer-than' | 'nearly' | 'about';

/** A figure read from a sentence; the same reading serves report facts and draft claims. */
export interface Figure extends FigureReading {
  approx?: Approx;
  /** The year is only part of a year ("in the first half of 2021", "in April 2021"). */
  yearPartial?: boolean;
  /** The sentence spans several years ("between 2018 and 2021", "since 2019"). */
  multiYear?: boolean;
  /** The unit word, when one follows. */
  unitSpan?: Span;
}

export interface NonFigure {
  span: Span;
  text: string;
  reason: string;
}

export interface SentenceFigures {
  figures: Figure[];
  nonFigures: NonFigure[];
  /** Data years the sentence names (not law years or editions). */
  years: number[];
}

// ---------------------------------------------------------------------------
// Number atoms

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALE: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000, billion: 1_000_000_000 };

const WORD_NUM = `(?:(?:${Object.keys(TENS).join('|')})(?:[-\\s](?:${Object.keys(SMALL).filter((w) => SMALL[w] > 0 && SMALL[w] < 10).join('|')}))?|${Object.keys(SMALL).join('|')})`;
const ATOM_RE = new RegExp(
  // Not inside a word, a decimal, a name ("COVID-19") or a phone number; but the second number of a range written
  // with a hyphen ("7-15 years") is one.
  String.raw`(?:(?<![\p{L}\p{N}.,\-])|(?<=(?:^|[^\p{L}\p{N}\-,.])\p{N}{1,3}-)(?=\p{N}{1,3}(?![\p{N}\-,.]|\.\p{N})))(?:(?<dig>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(?<dscale>hundred|thousand|million|billion))?|(?<wrd>(?:a|one)\s+(?:hundred|thousand|dozen)|${WORD_NUM}(?:\s+(?:hundred|thousand|million))?(?:\s+(?:and\s+)?${WORD_NUM})?))(?![\p{L}\p{N}]|,\d)`,
  'giu',
);

interface Atom {
  value: number;
  start: number;
  end: number;
  isWord: boolean;
  raw: string;
}

function wordValue(raw: string): number | undefined {
  const parts = raw.toLowerCase().replace(/-/g, ' ').split(/\s+/).filter((p) => p && p !== 'and');
  let total = 0;
  let current = 0;
  for (const p of parts) {
    if (p === 'a') current = current || 1;
    else if (p === 'dozen') current = (current || 1) * 12;
    else if (p in SMALL) current += SMALL[p];
    else if (p in TENS) current += TENS[p];
    else if (p in SCALE) {
      current = (current || 1) * SCALE[p];
      if (SCALE[p] >= 1000) {
        total += current;
        current = 0;
      }
    } else return undefined;
  }
  return total + current;
}

function atoms(text: string, span: Span): Atom[] {
  const out: Atom[] = [];
  const slice = text.slice(span.start, span.end);
  ATOM_RE.lastIndex = 0;
  for (let m = ATOM_RE.exec(slice); m; m = ATOM_RE.exec(slice)) {
    const g = m.groups ?? {};
    let value: number | undefined;
    if (g.dig) {
      value = Number(g.dig.replace(/,/g, ''));
      if (g.dscale) value *= SCALE[g.dscale.toLowerCase()];
    } else if (g.wrd) {
      value = wordValue(g.wrd);
    }
    if (value === undefined || !Number.isFinite(value)) continue;
    out.push({ value, start: span.start + m.index, end: span.start + m.index + m[0].length, isWord: !g.dig, raw: m[0] });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Vocabulary

const UNITS: [RegExp, string][] = [
  [/^(?:suspected\s+)?traffickers?$/, 'traffickers'],
  [/^suspects?$/, 'suspects'],
  [/^(?:individuals?|people|persons?|perpetrators?|offenders?|defendants?)$/, 'individuals'],
  [/^brokers?$/, 'brokers'],
  [/^cases?$/, 'cases'],
  [/^(?:officers?|officials?|policemen|police\s+officers?|personnel)$/, 'officers'],
  [/^participants?$/, 'participants'],
  [/^(?:sessions?|workshops?)$/, 'sessions'],
  [/^(?:trainings|courses?)$/, 'trainings'],
  [/^nationals?$/, 'nationals'],
  [/^victims?$/, 'victims'],
  [/^(?:children|child)$/, 'children'],
  [/^(?:workers?|migrants?)$/, 'workers'],
  [/^(?:years?|yrs?)$/, 'years'],
  [/^(?:months?|mos?)$/, 'months'],
  [/^weeks?$/, 'weeks'],
  [/^days?$/, 'days'],
  [/^convictions?$/, 'convictions'],
  [/^prosecutions?$/, 'prosecutions'],
  [/^arrests?$/, 'arrests'],
  [/^investigations?$/, 'investigations'],
  [/^(?:percent|per\s+cent|%)$/, 'percent'],
];

/** Units a claim and a fact may share: a claim of "38 convictions" is about "convicted 38 traffickers". */
export const UNIT_GROUP: Record<string, string> = {
  traffickers: 'persons', suspects: 'persons', individuals: 'persons', convictions: 'persons-or-cases', prosecutions: 'persons-or-cases', arrests: 'persons-or-cases', investigations: 'cases',
  brokers: 'brokers', cases: 'cases', officers: 'officers', participants: 'participants', sessions: 'trainings', trainings: 'trainings', nationals: 'nationals',
  victims: 'victims', children: 'victims', workers: 'workers', years: 'time', months: 'time', weeks: 'time', days: 'time', percent: 'percent',
};

export function unitsCompatible(claimUnit: string, factUnit: string): boolean {
  const a = UNIT_GROUP[claimUnit] ?? claimUnit;
  const b = UNIT_GROUP[factUnit] ?? factUnit;
  if (a === b) return true;
  if (a === 'persons-or-cases') return b === 'persons' || b === 'cases';
  if (b === 'persons-or-cases') return a === 'persons' || a === 'cases';
  return false;
}

/** Action nouns carry their action. */
const NOUN_ACTION: Readonly<Record<string, Action>> = Object.fromEntries(
  (Object.entries(ACTIONS) as [Action, ActionEntry][]).flatMap(([action, e]) => (e.unit ? [[e.unit, action] as const] : [])),
);
/** And the other way: "35 were convicted" counts convictions. */
const ACTION_NOUN: Partial<Record<Action, string>> = Object.fromEntries(Object.entries(NOUN_ACTION).map(([n, a]) => [a, n]));

const MODIFIERS = new Set([
  'suspected', 'alleged', 'potential', 'possible', 'other', 'more', 'additional', 'new', 'labor', 'labour', 'law', 'enforcement', 'military', 'foreign', 'cambodian',
  'chinese', 'prc', 'trafficking', 'sex', 'forced', 'criminal', 'separate', 'total', 'individual', 'government', 'police', 'judicial', 'child', 'adult', 'male', 'female',
  'identified', 'reported', 'confirmed', 'distinct', 'anti-trafficking', 'human', 'online', 'complicit', 'convicted', 'prosecuted', 'arrested', 'training', 'domestic',
  'thai', 'vietnamese', 'local', 'provincial', 'district', 'court', 'people', "years'", 'years’', 'official', 'unique', 'such',
]);

/** Each word form of an action (model/actions.ts) to its action. */
const ACTION_OF_WORD: ReadonlyMap<string, Action> = new Map(
  (Object.entries(ACTIONS) as [Action, ActionEntry][]).flatMap(([action, e]) => e.words.map((w) => [w, action] as const)),
);

const FORMS: [RegExp, Form][] = [
  [/non-?\s?sexual/i, 'non-sexual'],
  [/\bsex(?:ual)?\s+trafficking|\bsex-trafficking|\bcommercial\s+sexual\s+exploitation/i, 'sex trafficking'],
  [/\b(?:forced|bonded)\s+labou?r|\blabou?r\s+trafficking|\bforced-labou?r/i, 'forced labor'],
  [/\bunspecified\b/i, 'unspecified'],
];

const TOPICS: [RegExp, string][] = [
  [/\bonline\s+child\s+(?:sex(?:ual)?\s+)?(?:exploitation|abuse)|\bOCSE\b/i, 'online child sexual exploitation'],
  [/\b(?:military|two-star|army)\s+general\b|\b(?:the|a|one|Cambodian)\s+general(?:['’]s)?(?=\s+(?:who|and|was|were|got|received|sentenced|convicted|exploited|had|with|alongside|plus)\b|\s*[,.;)])/i, 'military general'],
  [/\blabou?r[\s-]+(?:law|code)\b/i, 'labor law'],
  [/\bcourts?\b.*\b(?:shut|closed|suspended|halted)\b|\b(?:shut|closed)\b.*\bcourts?\b/i, 'courts'],
];

const ATTRIBUTIONS: [RegExp, string][] = [
  [/\bmedia\s+reports?\b/i, 'media reports'],
];

const PENALTY_WORDS = /\b(?:penalt(?:y|ies)|imprisonment|prison|jail|sentences?|sentenced|punish(?:able|ment|es|ed|ing)?|terms?|carr(?:y|ies)|faces?|prescribe[sd]?|law|statute|statutory)\b/i;

/**
 * Approximation words, as data: each phrase and what it says about the number after it. Order matters where one
 * phrase ends another ("no more than" before "more than"): the longest phrase is tried first.
 */
const APPROXIMATIONS: readonly { phrases: readonly string[]; approx: Approx }[] = [
  { approx: 'at-least', phrases: ['at least', 'no fewer than', 'no less than', 'a minimum of'] },
  { approx: 'up-to', phrases: ['up to', 'as many as', 'a maximum of', 'as much as', 'no more than'] },
  { approx: 'more-than', phrases: ['more than', 'over', 'in excess of', 'above', 'exceeding'] },
  { approx: 'fewer-than', phrases: ['fewer than', 'less than', 'under', 'below'] },
  { approx: 'nearly', phrases: ['nearly', 'almost', 'close to', 'just under'] },
  { approx: 'about', phrases: ['about', 'around', 'approximately', 'roughly', 'some', 'an estimated', 'estimated', 'circa', 'c.', '~'] },
];
/** Labels that bound what follows them ("Maximum sentence: 25 years", "Minimum penalty: 7 years"); not part of the figure's span. */
const BOUND_LABELS: readonly { words: readonly string[]; approx: Approx }[] = [
  { approx: 'up-to', words: ['maximum', 'highest', 'max.', 'max'] },
  { approx: 'at-least', words: ['minimum', 'lowest', 'min.', 'min'] },
];
const esc = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const APPROX_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(${APPROXIMATIONS.flatMap((a) => a.phrases).sort((a, b) => b.length - a.length).map(esc).join('|')})\\s*$`,
  'iu',
);
// "Maximum sentence: 25 years", "Highest penalty under the 2008 law: 30 years", "max 20 years".
const BOUND_RE = new RegExp(`\\b(${BOUND_LABELS.flatMap((b) => b.words).map(esc).join('|')})(?:\\s+(?:sentence|penalty|term|prison\\s+term)(?:[^:=\\n.;]{0,40}[:=])?)?\\s*[:=]?\\s*(?:\\*\\*)?\\s*$`, 'i');
const APPROX_OF = new Map(APPROXIMATIONS.flatMap((a) => a.phrases.map((p) => [p, a.approx] as const)));
const BOUND_OF = new Map(BOUND_LABELS.flatMap((b) => b.words.map((w) => [w, b.approx] as const)));

/** The approximation the text right before a number states, and how long the phrase is (0 for a label). */
function approximationBefore(before: string): { approx: Approx; phrase: boolean; length: number } | undefined {
  const m = APPROX_RE.exec(before);
  if (m) {
    // Words ("over") need a space before the number; signs ("~") do not.
    if (/\p{L}$/u.test(m[1]) && !/\s$/.test(before)) return undefined;
    const approx = APPROX_OF.get(m[1].toLowerCase().replace(/\s+/g, ' '));
    // The span grows back to the phrase's first character: the text from there to the number.
    if (approx) return { approx, phrase: true, length: before.length - (m.index + m[0].lastIndexOf(m[1])) };
  }
  const b = BOUND_RE.exec(before);
  if (b) return { approx: BOUND_OF.get(b[1].toLowerCase())!, phrase: false, length: 0 };
  return undefined;
}

// ---------------------------------------------------------------------------

interface Tok {
  word: string;
  start: number;
  end: number;
}

function tokens(text: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’\-]*|%|[;:—–()"“”]/gu;
  // Citations ("[@KHM-2022/prosecution.2]") are not words of the sentence.
  const raw = text.slice(from, to);
  const slice = raw.indexOf('[@') < 0 ? raw : raw.replace(/\[@[^\]]*\]/g, (c) => ' '.repeat(c.length));
  for (let m = re.exec(slice); m; m = re.exec(slice)) out.push({ word: m[0].toLowerCase(), start: from + m.index, end: from + m.index + m[0].length });
  return out;
}

// One test per word says whether it is a unit or an action at all; only those are looked up in the tables.
const ANY_UNIT = new RegExp(UNITS.map(([re]) => `(?:${re.source})`).join('|'));


function unitOf(word: string): string | undefined {
  const w = word.replace(/[’']s?$/, '');
  if (!ANY_UNIT.test(w)) return undefined;
  for (const [re, u] of UNITS) if (re.test(w)) return u;
  return undefined;
}

function actionOf(word: string): Action | undefined {
  return ACTION_OF_WORD.get(word);
}

const YEAR_RE = /(?<![\p{L}\p{N}-])(19[89]\d|20[0-4]\d)(?![\p{N}]|-\p{L})/gu;
const EDITION_AFTER = /^\s*(?:TIP\s+|Trafficking\s+in\s+Persons\s+)?(?:report|edition|narrative)\b/i;
const LAW_AFTER = /^\s*(?:[A-Z][\p{L}-]*\s+){0,2}(?:Law|Act|Code|Decree|Proclamation|Regulation)\b|^\s+(?:law|act)\b/u;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ALT = MONTHS.join('|');
const MONTH_RE = new RegExp(`\\b(${MONTH_ALT})\\b`, 'i');
const MONTH_AFTER = new RegExp(`^\\s*(?:${MONTH_ALT})\\b`, 'i');
const DATE_SPAN = new RegExp(`\\b(?:between|from)\\s+(${MONTH_ALT})\\s+(?:and|to|until|through)\\s+(${MONTH_ALT})\\s+((?:19|20)\\d{2})\\b`, 'i');

export interface YearMention {
  year: number;
  span: Span;
  role: 'data' | 'law' | 'edition' | 'date' | 'range';
  /** Part of a year only ("in April 2021", "the first half of 2021", "by June 2021"). */
  partial?: boolean;
}

/** Years in a sentence and what each is: the data year, the year in a law's name, an edition ("the 2022 report"), a date ("April 2021"). */
export function yearsIn(text: string, span: Span): YearMention[] {
  const out: YearMention[] = [];
  const slice = text.slice(span.start, span.end);
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(slice); m; m = YEAR_RE.exec(slice)) {
    const after = slice.slice(m.index + 4, m.index + 60);
    const before = slice.slice(Math.max(0, m.index - 40), m.index);
    let role: YearMention['role'] = 'data';
    if (EDITION_AFTER.test(after) || /\b(?:TIP(?:\s+Report)?|Trafficking\s+in\s+Persons\s+Report)[’']?s?\s*(?:\(|,)?\s*$/i.test(before)) role = 'edition';
    else if (LAW_AFTER.test(after)) role = 'law';
    else if (MONTH_RE.test(before.slice(-12)) && /\b(?:in|on|since|until|by|from)\s+\w+\s*$/i.test(before) === false && /\d\s*$/.test(before) === false) role = 'date';
    if (role === 'data' || role === 'date') {
      if (/\b(?:between|from|since)\s+(?:\w+\s+)?$/i.test(before) || /^\s*(?:[-–—]|to|and|through|until)\s*(?:\w+\s+)?(?:19|20)\d{2}/i.test(after) || /(?:19|20)\d{2}\s*(?:[-–—]|to|and|through)\s*$/i.test(before)) role = 'range';
    }
    const partial = MONTH_RE.test(before.slice(-12)) || /\b(?:first|second|third|fourth|last|final|early|late|mid|end|beginning)[\s-]+(?:half|quarter|months?|weeks?|of)?\s*(?:of\s+)?(?:the\s+)?$/i.test(before) || /\b(?:by|as\s+of|until|through)\s+$/i.test(before);
    out.push({ year: Number(m[1]), span: { start: span.start + m.index, end: span.start + m.index + 4 }, role, partial });
  }
  return out;
}

export interface ExtractContext {
  /** Year carried from an earlier sentence of the same paragraph. */
  paragraphYear?: number;
  /** The edition's data year, for figures no sentence dates (report facts only). */
  periodYear?: number;
}

/** Reads every figure in one sentence. */
export function extractFigures(text: string, sentence: Span, ctx: ExtractContext = {}): SentenceFigures {
  const sentenceText = text.slice(sentence.start, sentence.end);
  const years = yearsIn(text, sentence);
  const candidates = atoms(text, sentence);
  if (candidates.length === 0) return { figures: [], nonFigures: [], years: years.filter((y) => y.role === 'data').map((y) => y.year) };
  const yearSpans = years.map((y) => y.span);
  const nonFigures: NonFigure[] = years.map((y) => ({
    span: y.span,
    text: String(y.year),
    reason: y.role === 'law' ? "year in a law's name" : y.role === 'edition' ? 'edition of the report' : 'year: dates the figures of its sentence',
  }));
  const dataYears = years.filter((y) => y.role === 'data' || y.role === 'date');
  const sentenceMultiYear = years.some((y) => y.role === 'range');
  void sentenceMultiYear;
  const toks = tokens(text, sentence.start, sentence.end);
  const sentenceActions = toks.map((t) => actionOf(t.word)).filter((a): a is Action => !!a);
  const topicAt = TOPICS.map(([re, t]) => ({ t, at: re.exec(sentenceText)?.index ?? -1 })).filter((x) => x.at >= 0);
  const topics = topicAt.map((x) => x.t);
  // A topic named only after a figure, past a partitive ("38 convictions in 2021, among them a two-star general …"), is a part's, not the figure's.
  const partitives = topicAt.length ? [...sentenceText.matchAll(new RegExp(PARTITIVE_AFTER.source, 'gi'))].map((m) => m.index) : [];
  const topicsOf = (g: { end: number }): string[] => {
    if (topicAt.length === 0) return topics;
    const rel = g.end - sentence.start;
    const p = lowerBound(partitives, (at) => at >= rel);
    return topicAt.filter((x) => x.at < rel || !(p < partitives.length && partitives[p] < x.at)).map((x) => x.t);
  };
  const attribution = ATTRIBUTIONS.find(([re]) => re.test(sentenceText))?.[1];
  const isPenaltySentence = PENALTY_WORDS.test(sentenceText);

  // Number atoms, minus years and tier numbers and names like COVID-19.
  const all = candidates.filter((a) => {
    const k = lowerBound(yearSpans, (y) => y.end > a.start);
    return !(k < yearSpans.length && yearSpans[k].start < a.end);
  });
  const usable: Atom[] = [];
  for (const a of all) {
    const before = text.slice(Math.max(sentence.start, a.start - 12), a.start);
    const after = text.slice(a.end, Math.min(sentence.end, a.end + 12));
    let reason: string | undefined;
    if (/\btier\s*$/i.test(before)) reason = 'tier number';
    else if (isSectionNumber(text, a, after)) reason = 'section number ("2.2 Prosecution data", "## 3. Findings")';
    else if (/^-\p{L}/u.test(after) || /^\s*-?\s*year-old/i.test(after)) reason = 'part of a compound adjective ("40-hour", "two-star"), not a count';
    else if (/[\p{L}]-\s*$/u.test(before)) reason = 'part of a name (e.g. COVID-19)';
    else if (/^\s*(?:percent|per cent|%)/i.test(after) === false && /[$€£¥]\s*$|\b(?:USD|US\$|KHR|riel)\s*$/i.test(before)) reason = 'money amount';
    else if (/^\s*(?:dollars|riel|USD)\b/i.test(after)) reason = 'money amount';
    else if (/^(?:st|nd|rd|th)\b/i.test(after)) reason = 'ordinal';
    else if (/^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|:\d)/i.test(after)) reason = 'time of day';
    else if (a.isWord && /^(?:one|a\s+dozen)$/i.test(a.raw) && /\b(?:no|any|each|every|the|this|that|which)\s*$/i.test(before)) reason = 'pronoun use of "one"';
    else if (MONTH_RE.test(before.slice(-10)) || MONTH_AFTER.test(after)) reason = 'day of a date';
    if (reason) nonFigures.push({ span: { start: a.start, end: a.end }, text: a.raw, reason });
    else usable.push(a);
  }

  // Group atoms into ranges: "seven to 15", "7–15", "between 15 and 20", "six days to one month".
  interface Group { atoms: Atom[]; start: number; end: number; approx?: Approx }
  const groups: Group[] = [];
  for (let i = 0; i < usable.length; i++) {
    const a = usable[i];
    const b = usable[i + 1];
    if (b) {
      const gap = text.slice(a.end, b.start);
      const before = text.slice(Math.max(sentence.start, a.start - 12), a.start);
      const unitGap = /^\s*(?:days?|weeks?|months?|years?)\s+(?:to|and)\s+$/i.test(gap);
      const plainGap = /^\s*(?:to|[-–—])\s*$/.test(gap) && !(/^\s*[-–—]\s*$/.test(gap) && a.isWord !== b.isWord) && b.value >= a.value;
      const betweenGap = /^\s*and\s+$/i.test(gap) && /\b(?:between|from)\s+$/i.test(before);
      if ((plainGap || betweenGap || unitGap) && (b.value > a.value || unitGap)) {
        groups.push({ atoms: [a, b], start: betweenGap ? a.start - (before.match(/(?:between|from)\s+$/i)?.[0].length ?? 0) : a.start, end: b.end });
        i++;
        continue;
      }
    }
    groups.push({ atoms: [a], start: a.start, end: a.end });
  }

  // Approximation words before a group ("more than 100", "Maximum sentence: 25 years").
  for (const g of groups) {
    const before = text.slice(Math.max(sentence.start, g.start - 64), g.start);
    const hit = approximationBefore(before);
    if (hit) {
      g.approx = hit.approx;
      if (hit.phrase) g.start -= hit.length;
    }
  }

  const figures: Figure[] = [];
  let prevUnit: string | undefined;
  let inHeadUnit: string | undefined;
  let prevActions: Action[] = [];
  // Years an earlier figure of the sentence owns ("440 convictions reported for 2020 but 38"): not a later figure's.
  const ownedYears = new Set<number>();
  let yearCursor = 0;
  let lastFreeYear: YearMention | undefined;
  const partitiveLead = PARTITIVE_LEAD.exec(sentenceText.slice(0, 200));
  const firstColon = sentenceText.indexOf(':');
  const labelColon = firstColon >= 0 && sentenceText.slice(0, firstColon).split(/\s+/).filter(Boolean).length <= 5 ? firstColon : -1;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    const last = g.atoms[g.atoms.length - 1];
    const nextStart = gi + 1 < groups.length ? groups[gi + 1].start : sentence.end;
    const prevEnd = gi > 0 ? groups[gi - 1].end : sentence.start;
    // Unit: the first unit noun after the number, across at most three modifiers.
    const after = tokensIn(toks, last.end, nextStart);
    let unit: string | undefined;
    let unitSpan: Span | undefined;
    for (let k = 0; k < Math.min(after.length, 5); k++) {
      const w = after[k].word;
      const u = unitOf(w);
      if (u) {
        unit = u;
        unitSpan = { start: after[k].start, end: after[k].end };
        // "suspected traffickers" / "law enforcement officers" are fine; "of these cases" too.
        break;
      }
      if (k === 0 && w === 'of' && after[1] && /^(?:these|the|those|them)$/.test(after[1].word)) {
        k++;
        continue;
      }
      // "35 were convictions for sex trafficking": a copula, then the unit.
      if (k === 0 && COPULA.has(w)) {
        // "35 were convicted for forced labor": no unit, but the verb says what was counted.
        const a = after[1] && !after.slice(2, 6).some((t) => unitOf(t.word)) ? actionOf(after[1].word) : undefined;
        if (a && ACTION_NOUN[a]) {
          unit = ACTION_NOUN[a];
          break;
        }
        continue;
      }
      // "one of the 2021 convictions": a year between the article and the unit.
      if (k >= 2 && /^(?:19|20)\d\d$/.test(w) && after[k - 1] && /^(?:these|the|those|them)$/.test(after[k - 1].word)) continue;
      if (!MODIFIERS.has(w)) break;
    }
    // "six days to one month": the first atom's unit.
    let unitMax: string | undefined;
    if (g.atoms.length === 2) {
      const mid = text.slice(g.atoms[0].end, g.atoms[1].start);
      const mu = /^\s*(days?|weeks?|months?|years?)\b/i.exec(mid);
      if (mu) {
        unitMax = unit;
        unit = unitOf(mu[1].toLowerCase());
      }
    }
    // "332 were arrested as labor brokers": the unit after "as".
    if (!unit) {
      const as = after.slice(0, 6).findIndex((t) => t.word === 'as');
      for (let k = as + 1; as >= 0 && k < Math.min(after.length, as + 4) && !unit; k++) {
        const u = unitOf(after[k].word);
        if (u && !isTimeUnit(u)) {
          unit = u;
          unitSpan = { start: after[k].start, end: after[k].end };
        } else if (!MODIFIERS.has(after[k].word)) break;
      }
    }
    const elided = !unit;
    const gapToNext = text.slice(last.end, nextStart);
    // "48 suspects in 37 cases … and 46 in 21 cases": the number before "in" counts what the earlier one before "in" counted.
    if (!unit && inHeadUnit && /^\s*(?:involved\s+)?in\s+$/i.test(gapToNext)) unit = inHeadUnit;
    if (!unit && prevUnit && /^\s*(?:involved|for|in|were|was|had|,|of\s+(?:them|these|those))/i.test(text.slice(last.end, last.end + 16))) unit = prevUnit;
    // "not the 440 convictions … but 38", "from 440 convictions to 38", "440 convictions versus 38": the contrasted figure's unit.
    if (!unit && prevUnit && /\b(?:but|to|versus|vs\.?|against)\s+(?:only\s+|just\s+)?$/i.test(text.slice(Math.max(prevEnd, g.start - 16), g.start)) && /^\s*(?:$|[.,;:)]|in\b|for\b)/i.test(text.slice(last.end, last.end + 8))) unit = prevUnit;
    // The unit before the number: "puts the number of suspected traffickers prosecuted at 109", "Convictions (2021): 38".
    if (!unit) {
      const lead = text.slice(lastClauseBreak(text, prevEnd, g.start - 2), g.start);
      if (/(?:\b(?:at|to|of|was|were|is|are|totall?ed|reached|numbered|stood\s+at)|[:=|])\s*(?:\*\*)?\s*$/i.test(lead)) {
        const back = tokensIn(toks, g.start - lead.length, g.start).filter((t) => t.end <= g.start).slice(-8);
        for (let k = back.length - 1; k >= 0 && !unit; k--) {
          const u = unitOf(back[k].word);
          if (u && !isTimeUnit(u) && u !== 'percent') {
            unit = u;
            unitSpan = { start: back[k].start, end: back[k].end };
          }
        }
      }
    }
    // A partitive lead names the unit of a bare number: "Of the 2021 convictions, the report says 35 were for forced labor".
    if (!unit && g.atoms.length === 1) {
      const part = partitiveLead;
      const u = part && sentence.start + part[0].length <= g.start ? unitOf(part[1].toLowerCase()) : undefined;
      if (u && !isTimeUnit(u) && u !== 'percent' && /^\s*(?:were|was|are|is|for|involved|in)\b/i.test(text.slice(last.end, last.end + 12))) unit = u;
    }
    if (!unit) {
      nonFigures.push({ span: { start: g.start, end: g.end }, text: text.slice(g.start, g.end), reason: 'no unit: not a countable figure' });
      continue;
    }
    // Actions: noun units carry one; else the nearest action verb before the number in its clause,
    // else after it up to the next number ("348 cases prosecuted"), else the sentence's.
    let actions: Action[] = [];
    if (NOUN_ACTION[unit]) actions = [NOUN_ACTION[unit]];
    if (!actions.length) {
      const clauseStart = lastClauseBreak(text, prevEnd, g.start);
      const back = tokensIn(toks, clauseStart, g.start).filter((t) => t.end <= g.start);
      const acts: Action[] = [];
      for (let k = back.length - 1; k >= 0; k--) {
        const a = actionOf(back[k].word);
        if (a) {
          acts.unshift(a);
          // "arrested and convicted": take the coordinated verb too.
          if (k >= 2 && back[k - 1].word === 'and') {
            const a2 = actionOf(back[k - 2].word);
            if (a2) acts.unshift(a2);
          }
          break;
        }
      }
      actions = acts;
    }
    if (!actions.length) {
      const fwd = after.slice(0, 6);
      for (const t of fwd) {
        if (t.word === ';') break;
        const a = actionOf(t.word);
        if (a) {
          actions = [a];
          break;
        }
      }
    }
    if (!actions.length && prevActions.length) actions = prevActions;
    // "2021 prosecuted: more than 150 suspected traffickers, 64 cases": a short label before a colon says what its list counts.
    if (!actions.length) {
      const colon = labelColon;
      if (colon >= 0 && sentence.start + colon < g.start) {
        for (const t of toks) {
          if (t.start >= sentence.start + colon) break;
          const a = actionOf(t.word);
          if (a) {
            actions = [a];
            break;
          }
        }
      }
    }
    if (!actions.length && (unit === 'officers' || unit === 'participants' || unit === 'sessions' || unit === 'trainings') && sentenceActions.includes('trained')) actions = ['trained'];
    // Form and victim: in the words after the number up to the next one; "X suspects involved in Y cases of sex trafficking" gives X the form of Y.
    const toNext = text.slice(last.end, nextStart);
    const segEnd = toNext.indexOf(';');
    const segRaw = segEnd >= 0 ? toNext.slice(0, segEnd) : toNext;
    // "38 traffickers, most of them for forced labor": what follows a partitive is a part's qualifier, not the whole's.
    const cut = PARTITIVE_AFTER.exec(segRaw);
    const seg = cut ? segRaw.slice(0, cut.index) : segRaw;
    let form = FORMS.find(([re]) => re.test(seg))?.[1];
    if (!form && /\b(?:involved\s+in|in)\s*$/i.test(seg) && gi + 1 < groups.length) {
      const nextSeg = text.slice(groups[gi + 1].end, gi + 2 < groups.length ? groups[gi + 2].start : sentence.end);
      form = FORMS.find(([re]) => re.test(nextSeg))?.[1];
    }
    // Victim: named right after the range (up to a conjunction: "… for an adult victim and …"), else the nearest before it
    // ("Child victim: 7 to 15 years", "trafficking a child 15 to 20 years"), else later in its segment.
    const victim: Victim | undefined = !isTimeUnit(unit) ? undefined : victimOf(seg.split(/,|;|\b(?:and|but|while|whereas|yet)\b/)[0]) ?? lastVictimOf(text.slice(prevEnd, g.start)) ?? victimOf(seg);
    // Kind.
    const isTime = unit === 'years' || unit === 'months' || unit === 'days' || unit === 'weeks';
    let kind: FactKind = 'count';
    if (isTime) kind = isPenaltySentence && (g.atoms.length === 2 || g.approx === 'up-to' || g.approx === 'at-least' || victim !== undefined || /\bpenalt|prescrib|punishable/i.test(sentenceText)) ? 'penalty' : 'duration';
    // "received five years' imprisonment": a term of prison is a sentence, whatever verb gives it.
    if (kind === 'duration' && (sentenceActions.includes('sentenced') || PRISON_AFTER.test(text.slice(spanEndOf(g, unitSpan), spanEndOf(g, unitSpan) + 24)))) actions = ['sentenced'];
    // Year: the nearest data year before the number in the sentence, else after, else the paragraph's, else the period's.
    let year: number | undefined;
    let yearFrom: Figure['yearFrom'];
    let yearPartial: boolean | undefined;
    if (kind === 'count' || kind === 'duration') {
      // The years before the figure (by binary search: a sentence may hold thousands) and the first after it.
      const firstAfter = lowerBound(dataYears, (y) => y.span.start >= g.end);
      const beforeEnd = lowerBound(dataYears, (y) => y.span.end > g.start);
      while (yearCursor < beforeEnd) {
        if (!ownedYears.has(dataYears[yearCursor].span.start)) lastFreeYear = dataYears[yearCursor];
        yearCursor++;
      }
      const lastBefore = beforeEnd > 0 ? dataYears[beforeEnd - 1] : undefined;
      const nextYear = firstAfter < dataYears.length && dataYears[firstAfter].span.start < nextStart ? dataYears[firstAfter] : undefined;
      // "440 in 2020": a year right after the figure, before the next one, is its own.
      const own = nextYear && OWN_YEAR_LEAD.test(text.slice(Math.max(g.end, nextYear.span.start - 12), nextYear.span.start)) && !/[;:]/.test(text.slice(g.end, nextYear.span.start)) ? nextYear : undefined;
      // A year after a later figure is that figure's ("38 (35 forced labor), down from 440 in 2020"): only one before the next figure may be this one's.
      const y = own ?? lastFreeYear ?? lastBefore ?? nextYear;
      if (own) ownedYears.add(own.span.start);
      if (y) {
        year = y.year;
        yearFrom = 'sentence';
        yearPartial = y.partial;
      } else if (ctx.paragraphYear) {
        year = ctx.paragraphYear;
        yearFrom = 'paragraph';
      } else if (ctx.periodYear) {
        year = ctx.periodYear;
        yearFrom = 'period';
      }
    }
    // A range with its own units ("six days to one month") spans its last unit too.
    const spanEnd = unitMax && unitSpan ? unitSpan.end : g.end;
    // "a general and six other traffickers": six besides the one named.
    const others = g.atoms.length === 1 && after[0] !== undefined && /^others?$/.test(after[0].word) && /\b(?:and|alongside|along\s+with|with|plus)\s+$/i.test(text.slice(Math.max(prevEnd, g.start - 14), g.start));
    figures.push({
      kind,
      values: g.atoms.map((a) => a.value),
      unit,
      unitMax,
      actions,
      form,
      victim,
      year,
      yearFrom,
      topics: topicsOf(g),
      attribution,
      ...(others ? { others } : {}),
      approx: g.approx,
      yearPartial,
      multiYear: years.some((y) => y.role === 'range') || undefined,
      span: { start: g.start, end: spanEnd },
      unitSpan: elided ? undefined : unitSpan,
    });
    prevUnit = unit;
    prevActions = actions;
    if (/^\s*[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?\s+(?:involved\s+)?in\s+$/iu.test(gapToNext)) inHeadUnit = unit;
  }
  // Date spans: "between April and May 2021", "from March to June 2020".
  const ds = DATE_SPAN.exec(sentenceText);
  if (ds) {
    const start = sentence.start + ds.index;
    const y = Number(ds[3]);
    figures.push({
      kind: 'date-span',
      values: [MONTHS.indexOf(ds[1].toLowerCase()) + 1, MONTHS.indexOf(ds[2].toLowerCase()) + 1],
      unit: 'months',
      actions: [],
      year: y,
      yearFrom: 'sentence',
      topics,
      span: { start, end: start + ds[0].length },
    });
    for (const nf of nonFigures) if (nf.span.start >= start && nf.span.end <= start + ds[0].length && /^\d{4}$/.test(nf.text)) nf.reason = 'year of a date span (part of that fact)';
  }
  return { figures, nonFigures, years: dataYears.filter((y) => y.role === 'data').map((y) => y.year) };
}

/** A number that opens a line and numbers a section: "2.2 Prosecution data", "## 3. Findings", "### 4) Next steps". */
function isSectionNumber(text: string, a: { start: number; end: number; raw: string }, after: string): boolean {
  // A section number sits within a few characters of its line's start: look back that far only.
  const pre = text.slice(Math.max(0, a.start - 12), a.start);
  const nl = pre.lastIndexOf('\n');
  if (nl < 0 && a.start > 12) return false;
  const prefix = nl >= 0 ? pre.slice(nl + 1) : pre;
  if (!/^[ \t]*(?:#{1,6}[ \t]+)?$/.test(prefix)) return false;
  if (/^\d+(?:\.\d+)+$/.test(a.raw) && /^\.?[ \t]+\p{Lu}/u.test(after)) return true;
  return /#/.test(prefix) && /^[.)][ \t]+\S/.test(after);
}

/** A year right after a figure that is its own: "440 in 2020", "440 convictions reported for 2020", "38 (2021)". */
const OWN_YEAR_LEAD = /(?:\b(?:in|during|for|of)\s+(?:\w+\s+)?|\(\s*)$/i;
/** A partitive after a figure: what follows is about a part of it ("…, most of them for forced labor", "…, among them a general"). */
const PARTITIVE_AFTER = /[,;(\u2014\u2013]\s*(?:most|many|some|several|few|half|the\s+majority|a\s+majority|mostly|largely|mainly|including|among|of\s+whom|of\s+which|nearly\s+all|almost\s+all|all\s+but|such\s+as|split|divided|broken\s+down)\b/i;

/** Words between a number and its unit that do not change what is counted ("35 were convictions"). */
const COPULA = new Set(['were', 'was', 'are', 'is']);
/** "Of the 2021 convictions, …", "Among those arrests, …": the unit of the sentence's bare numbers. */
const PARTITIVE_LEAD = /^\W*(?:of|among)\s+(?:the|those|these|its|all)\s+(?:[\p{L}\p{N}'’-]+\s+){0,3}?([\p{L}'’-]+)\s*,/iu;
/** After a time span, a word that makes it a prison term ("five years' imprisonment", "four years in prison"). */
const PRISON_AFTER = /^['’]?\s*(?:of\s+)?(?:imprisonment|in\s+prison|in\s+jail|prison|jail|behind\s+bars|incarceration)\b/i;
const spanEndOf = (g: { end: number }, unitSpan: Span | undefined): number => (unitSpan && unitSpan.start >= g.end ? unitSpan.end : g.end);

const VICTIM_WORD = /\b(?:(child|children|minors?|juveniles?|under\s+(?:the\s+age\s+of\s+)?18)|(adults?))\b/gi;

function victimOf(t: string): Victim | undefined {
  VICTIM_WORD.lastIndex = 0;
  const m = VICTIM_WORD.exec(t);
  return m ? (m[1] ? 'child' : 'adult') : undefined;
}

/** The victim word nearest the end of `t`. */
function lastVictimOf(t: string): Victim | undefined {
  let found: Victim | undefined;
  VICTIM_WORD.lastIndex = 0;
  for (let m = VICTIM_WORD.exec(t); m; m = VICTIM_WORD.exec(t)) found = m[1] ? 'child' : 'adult';
  return found;
}

function isTimeUnit(u: string): boolean {
  return u === 'years' || u === 'months' || u === 'days' || u === 'weeks';
}

/** The first index in the sorted `arr` for which `pred` holds (`pred` false, then true, along the array). */
function lowerBound<T>(arr: readonly T[], pred: (x: T) => boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(arr[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The tokens (sorted) that start in [from, to), by binary search. */
function tokensIn(toks: readonly Tok[], from: number, to: number): Tok[] {
  const out: Tok[] = [];
  for (let k = lowerBound(toks, (t) => t.start >= from); k < toks.length && toks[k].start < to; k++) out.push(toks[k]);
  return out;
}

function lastClauseBreak(text: string, from: number, to: number): number {
  const slice = text.slice(from, to);
  const i = Math.max(slice.lastIndexOf(';'), slice.lastIndexOf(':'));
  return i >= 0 ? from + i + 1 : from;
}

export const MONTH_NAMES = MONTHS;

// ---------------------------------------------------------------------------
// Drafts are re-read on every edit, and most of their sentences did not change.

function shift(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

export type YearRole = Pick<YearMention, 'year' | 'role'>;

/** What is remembered of a draft sentence, by its text; each part is worked out on first use. */
interface SentenceMemo {
  figures?: SentenceFigures;
  years?: readonly YearRole[];
}

/**
 * The readings of one document's sentences, owned by whoever analyses that document (the service, per URI).
 * Two generations: the sentences of the version being read, and those of the version before it, so an edit
 * re-reads only the sentences it changed, and nothing of older versions (whose text a sentence key would keep
 * alive) is held.
 */
export class SentenceReadings {
  #previous = new Map<string, SentenceMemo>();
  #current = new Map<string, SentenceMemo>();

  /** Starts reading a new version: what the last version used is kept for one more; the rest is dropped. */
  nextVersion(): void {
    if (this.#current.size) this.#previous = this.#current;
    this.#current = new Map();
  }

  memoOf(sentenceText: string): SentenceMemo {
    let m = this.#current.get(sentenceText);
    if (!m) {
      m = this.#previous.get(sentenceText) ?? {};
      this.#current.set(sentenceText, m);
    }
    return m;
  }

  get size(): number {
    return this.#current.size + this.#previous.size;
  }
}

function relativeFigures(m: SentenceMemo, sentenceText: string): SentenceFigures {
  return (m.figures ??= extractFigures(sentenceText, { start: 0, end: sentenceText.length }, {}));
}

/** The figures of a draft sentence whose text is `sentenceText` and which starts at `offset` (offsets re-based to where it stands now). */
export function figuresIn(sentenceText: string, offset: number, readings?: SentenceReadings): Figure[] {
  const rel = relativeFigures(readings ? readings.memoOf(sentenceText) : {}, sentenceText).figures;
  if (offset === 0 || rel.length === 0) return rel;
  return rel.map((f) => ({ ...f, span: shift(f.span, offset), unitSpan: f.unitSpan && shift(f.unitSpan, offset) }));
}

/** yearsIn for a draft sentence without the spans: its years and their roles depend only on its text. */
export function yearRolesIn(sentenceText: string, readings?: SentenceReadings): readonly YearRole[] {
  const m = readings ? readings.memoOf(sentenceText) : {};
  return (m.years ??= yearsIn(sentenceText, { start: 0, end: sentenceText.length }).map(({ year, role }) => ({ year, role })));
}
