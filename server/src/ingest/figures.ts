/**
 * Figures in prose: numbers (digits and words), ranges, bounds and
 * approximations, with the unit, action, form, victim, year and topic each one
 * is about. The same reading is used for report sentences (facts) and draft
 * sentences (claims), so both sides are understood alike.
 */
import type { Action, FactKind, FigureReading, Form, Span, Victim } from '../model/kb';
import { ACTIONS, type ActionEntry } from '../model/actions';
import { lowerBound } from '../reading/sorted';
import { SCALE_NUMBER_WORDS, SMALL_NUMBER_WORDS, TENS_NUMBER_WORDS } from '../reading/vocab';
import { isSpaceCode } from './chars';

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

const SMALL = SMALL_NUMBER_WORDS;
const TENS = TENS_NUMBER_WORDS;
const SCALE = SCALE_NUMBER_WORDS;

const WORD_NUM = `(?:(?:${Object.keys(TENS).join('|')})(?:[-\\s](?:${Object.keys(SMALL).filter((w) => SMALL[w] > 0 && SMALL[w] < 10).join('|')}))?|${Object.keys(SMALL).join('|')})`;
const ATOM_RE = new RegExp(
  // Not inside a word, a decimal, a name ("COVID-19") or a phone number; but the second number of a range written
  // with a hyphen ("7-15 years") is one.
  String.raw`(?:(?<![\p{L}\p{N}.,\-])|(?<=(?:^|[^\p{L}\p{N}\-,.])\p{N}{1,3}-)(?=\p{N}{1,3}(?![\p{N}\-,.]|\.\p{N})))(?:(?<dig>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(?<dscale>hundred|thousand|million|billion)|(?<kscale>[kK]))?|(?<wrd>(?:a|one)\s+(?:hundred|thousand|dozen)(?:\s+(?:and\s+)?${WORD_NUM})?|${WORD_NUM}(?:\s+(?:hundred|thousand|million))?(?:\s+(?:and\s+)?${WORD_NUM})?))(?![\p{L}\p{N}]|,\d)`,
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
      // "15k officers", "12.8K": thousands.
      else if (g.kscale) value = Math.round(value * 1000);
    } else if (g.wrd) {
      value = wordValue(g.wrd);
    }
    if (value === undefined || !Number.isFinite(value)) continue;
    const start = span.start + m.index;
    const end = start + m[0].length;
    // "thirty-eight (38) traffickers", "seven (7) to fifteen (15) years": the statutory style's digits repeat the words.
    const prev = out[out.length - 1];
    if (prev && prev.isWord && g.dig && prev.value === value && /^\s?\($/.test(text.slice(prev.end, start)) && text.charCodeAt(end) === 41) {
      prev.end = end + 1;
      prev.raw = text.slice(prev.start, prev.end);
      continue;
    }
    out.push({ value, start, end, isWord: !g.dig, raw: m[0] });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Vocabulary

const UNITS: [RegExp, string][] = [
  [/^(?:suspected\s+)?traffickers?$/, 'traffickers'],
  [/^(?:accomplices|co-defendants|codefendants)$/, 'traffickers'],
  [/^suspects?$/, 'suspects'],
  [/^(?:individuals?|people|ppl|persons?|perpetrators?|offenders?|defendants?)$/, 'individuals'],
  [/^brokers?$/, 'brokers'],
  [/^cases?$/, 'cases'],
  [/^(?:officers?|officials?|policemen|police\s+officers?|personnel|cops)$/, 'officers'],
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
  'thai', 'vietnamese', 'local', 'provincial', 'district', 'court', 'people', "years'", 'years’', 'official', 'unique', 'such', 'le', 'enf', 'rural',
  'non-sexual', 'unspecified',
  'frontline', 'senior',
]);
/** A modifier, or a hyphenated compound of them ("sex-trafficking cases", "forced-labour cases"). */
const isModifier = (w: string): boolean => MODIFIERS.has(w) || (w.includes('-') && w.split('-').every((p) => MODIFIERS.has(p)));

/** Each word form of an action (model/actions.ts) to its action. */
const ACTION_OF_WORD: ReadonlyMap<string, Action> = new Map(
  (Object.entries(ACTIONS) as [Action, ActionEntry][]).flatMap(([action, e]) => e.words.map((w) => [w, action] as const)),
);

const FORMS: [RegExp, Form][] = [
  [/non-?\s?sexual/i, 'non-sexual'],
  [/\bsex(?:ual)?\s+traff(?:icking|\.)|\bsex-trafficking|\bcommercial\s+sexual\s+exploitation/i, 'sex trafficking'],
  [/\b(?:forced|bonded)\s+labou?r|\blabou?r\s+trafficking|\bforced-labou?r/i, 'forced labor'],
  [/\bunspecified\b/i, 'unspecified'],
];

const TOPICS: [RegExp, string][] = [
  [/\bonline\s+child\s+(?:sex(?:ual)?\s+)?(?:exploitation|abuse)|\bonline\s+sexual\s+exploitation\s+of\s+(?:children|minors)|\bonline\s+CSEA?\b|\bOCSE\b|\bOSEC\b/i, 'online child sexual exploitation'],
  [/\b(?:military|two-star|army)\s+general\b|\b(?:the|a|one|Cambodian)\s+general(?:['’]s)?(?=\s+(?:who|and|was|were|got|received|sentenced|convicted|exploited|arrested|jailed|charged|tried|served|drew|had|with|alongside|plus)\b|\s*[,.;)])|\bthe\s+general['’]s\s+(?:case|trial|conviction|sentence)\b/i, 'military general'],
  [/\blabou?r[\s-]+(?:law|code)\b/i, 'labor law'],
  [/\bcourts?\b.*\b(?:shut|closed|closures?|shutdowns?|suspended|halted)\b|\b(?:shut|closed|closures?\s+of)\b.*\bcourts?\b/i, 'courts'],
];

const ATTRIBUTIONS: [RegExp, string][] = [
  [/\bmedia\s+reports?\b/i, 'media reports'],
];

/** Words that make a sentence's time spans penalties or sentences; "trafficking a child? Up to 25 years" asks what the crime costs. */
const PENALTY_WORDS = /\b(?:penalt(?:y|ies)|imprisonment|prison|jail|sentences?|sentenced|punish(?:able|ment|es|ed|ing)?|terms?|carr(?:y|ies)|faces?|prescribe[sd]?|law|statute|statutory|traffick(?:ing|s)?\s+(?:an?\s+)?(?:child|children|minors?|adults?))\b/i;

/**
 * Approximation words, as data: each phrase and what it says about the number after it. Order matters where one
 * phrase ends another ("no more than" before "more than"): the longest phrase is tried first.
 */
const APPROXIMATIONS: readonly { phrases: readonly string[]; approx: Approx }[] = [
  { approx: 'at-least', phrases: ['at least', 'no fewer than', 'no less than', 'not less than', 'not fewer than', 'a minimum of', '>=', '≥'] },
  { approx: 'up-to', phrases: ['up to', 'as many as', 'a maximum of', 'as much as', 'no more than', 'not more than', 'not exceeding', 'not to exceed', 'at most', 'at the most', 'run to', 'runs to', 'running to', 'capped at', 'a cap of', 'a ceiling of', 'tops out at', 'top out at', '<=', '≤'] },
  { approx: 'more-than', phrases: ['more than', 'over', 'in excess of', 'above', 'exceeding', '>'] },
  { approx: 'fewer-than', phrases: ['fewer than', 'less than', 'under', 'below', '<'] },
  { approx: 'nearly', phrases: ['nearly', 'almost', 'close to', 'just under'] },
  { approx: 'about', phrases: ['about', 'around', 'approximately', 'roughly', 'some', 'an estimated', 'estimated', 'circa', 'c.', 'ca.', 'approx.', 'approx', 'apprx.', 'est.', '~'] },
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
/** A bound after the number and its unit ("a 25-year maximum", "20 years at most"); only single time units carry one. */
const BOUND_AFTER_RE = /^\s*-?\s*(?:years?|yrs?|months?)['’]?\s+(maximum|max\.?|minimum|min\.?|at\s+most|at\s+least)\b/i;
/** "not less than 15 and not more than 20 (years)": the two bounds of a statute's range. */
const STATUTE_LEAD = /\b(?:not|no)\s+(?:less|fewer|shorter)\s+than\s+$/i;
const STATUTE_GAP = /^\s*(?:(?:days?|weeks?|months?|years?)['’]?\s+)?(?:and|to|but|,)\s+(?:not|no)\s+(?:more|longer|greater)\s+than\s+$/i;

/** A form right after a number: "32 unspecified", "37 forced labor", "4 sex traf." */
const FORM_AFTER = /^\s+(?:of\s+)?(?:unspecified|forced[\s-]+lab|sex[\s-]+traf|labou?r[\s-]+traf)/i;
/** A list item that names a form, ending right before its number: ", sex trafficking 14". */
const FORM_ITEM_BEFORE = /[,;]\s*(?:unspecified|forced[\s-]+labou?r|sex[\s-]+trafficking|labou?r[\s-]+trafficking)\s*$/i;

/** The most words a table cell may have to be a row's label for the numbers after it. */
const LABEL_CELL_WORDS = 6;

/**
 * The table cell that ends at the '|' right before `at` (the one ending the lead), or the nearest one before it with words
 * when that one holds only values: where it starts and ends and how many words it has; start -1 when it holds a citation
 * or starts far before `from`.
 */
function previousCell(text: string, from: number, at: number): { start: number; end: number; words: number } {
  // (Within 400 characters before the number: `text` may be a whole report, and a label is short.)
  const floor = Math.max(0, Math.min(from, at - 400));
  const barIn = (end: number) => {
    const i = text.slice(floor, end).lastIndexOf('|');
    return i < 0 ? -1 : floor + i;
  };
  let bar = barIn(at);
  let open = bar > 0 ? barIn(bar) : -1;
  // Past cells of values ("| Traffickers convicted | 2020 | 404 |": the year's cell) to the label.
  for (let k = 0; k < 4 && open > 0 && !/\p{L}/u.test(text.slice(open + 1, bar)); k++) {
    bar = open;
    open = barIn(bar);
  }
  // (A row read as a sentence may start after its first '|'.)
  const start = open < from - 200 ? -1 : open + 1;
  const body = start < 0 ? '' : text.slice(start, bar);
  const words = body.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return { start: start < 0 || /\[@|\]\(/.test(body) ? -1 : start, end: bar, words };
}

/** A plus sign or "-plus" right after a number ("300+", "12,000-plus"), and not the start of a sum ("300+25"). */
const PLUS_AFTER_RE = /^(?:\+(?![\d+])|[-\s]plus\b(?!\s+\d))/i;
const APPROX_OF = new Map(APPROXIMATIONS.flatMap((a) => a.phrases.map((p) => [p, a.approx] as const)));
const BOUND_OF = new Map(BOUND_LABELS.flatMap((b) => b.words.map((w) => [w, b.approx] as const)));

/** The approximation the text right before a number states, and how long the phrase is (0 for a label). */
function approximationBefore(before: string): { approx: Approx; phrase: boolean; length: number } | undefined {
  const m = APPROX_RE.exec(before);
  if (m) {
    // Words ("over") need a space before the number; signs ("~") do not.
    if (/\p{L}$/u.test(m[1]) && !/\s$/.test(before)) return undefined;
    // ">150", "<40", "≤20": a sign right against the number, and not the head of an arrow ("-> 370", "=> 38").
    if (/^[<>≤≥]/.test(m[1]) && (!before.endsWith(m[1]) || /[-=<>]$/.test(before.slice(0, before.length - m[1].length)))) return undefined;
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
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const word = m[0].toLowerCase();
    const start = from + m.index;
    // "a five-year prison term", "a 4-year sentence": the number and its unit are two words (not "a 15-year-old victim").
    const dash = word.indexOf('-');
    if (dash > 0 && NUMBER_DASH_UNIT.test(word)) {
      out.push({ word: word.slice(0, dash), start, end: start + dash }, { word: word.slice(dash + 1), start: start + dash + 1, end: start + word.length });
      continue;
    }
    out.push({ word, start, end: start + word.length });
  }
  return out;
}
/** A number joined to a time unit by a hyphen: "five-year", "4-month". */
const NUMBER_DASH_UNIT = new RegExp(String.raw`^(?:\d{1,3}|${WORD_NUM})-(?:years?|months?|weeks?|days?)$`, 'u');

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

// A year: 1980–2049 in full, or abbreviated after an apostrophe in notes ("convictions '21": 2021).
const YEAR_RE = /(?<![\p{L}\p{N}-])(19[89]\d|20[0-4]\d)(?![\p{N}]|-\p{L})|(?<=^|[\s(])['’]([0-4]\d)(?![\p{L}\p{N}'’])/gu;
/** "The previous edition, released in 2022, …": the year a report came out is its edition, not a data year. */
const RELEASED_BEFORE = /\b(?:edition|report|narrative)\b[^.;]{0,12}\b(?:released|published|issued|out)\s+in\s+$|\b(?:released|published|issued)\s+in\s+(?:June\s+|July\s+)?$/i;
/** "the 2008 anti-trafficking law", "Cambodia's 2008 law": a year between an article or possessive and a law's name. */
const LAW_NAMED_AFTER = /^\s*(?:[\p{L}-]+\s+){0,2}?(?:law|act|statute|code|decree)\b/iu;
/** After a year, the words that make it an edition: "2022 report", "**2022** edition" (emphasis marks between), "2022 ed.", "the 2022 text". */
const EDITION_AFTER = /^[*_]{0,3}\s*(?:TIP\s+|Trafficking\s+in\s+Persons\s+)?(?:report|edition|narrative|rpt\.?|ed\.|text|(?:prosecution\s+|protection\s+|prevention\s+)?section)(?![\p{L}])/iu;
const LAW_AFTER = /^\s*(?:[A-Z][\p{L}-]*\s+){0,2}(?:Law|Act|Code|Decree|Proclamation|Regulation)\b|^\s+(?:law|act)\b/u;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ALT = MONTHS.join('|');
const MONTH_RE = new RegExp(`\\b(${MONTH_ALT})\\b`, 'i');
const MONTH_AFTER = new RegExp(`^\\s*(?:${MONTH_ALT})\\b`, 'i');
/** A month by name or its usual abbreviation ("April", "Apr", "Sept."). */
const MONTH_WORD = `(?:${MONTHS.map((m) => `${m.slice(0, 3)}(?:${m.slice(3)}|${m === 'september' ? 't\\.?|' : ''}\\.)?`).join('|')})`;
/** "between April and May 2021", "from March to June 2020", "Apr-May 2020". */
const DATE_SPAN = new RegExp(`\\b(?:(?:between|from)\\s+(${MONTH_WORD})\\s+(?:and|to|until|through)\\s+(${MONTH_WORD})|(${MONTH_WORD})\\s*[-–]\\s*(${MONTH_WORD}))(?:\\s+((?:19|20)\\d{2}))?\\b`, 'i');
const monthNumber = (word: string): number => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().slice(0, 3))) + 1;

export interface YearMention {
  year: number;
  span: Span;
  /**
   * 'stamp': the year of a numeric date ("[10/03/2024, 18:07]", "2024-03-10"): when the text was written, not what it is
   * about. 'denied': a year the text says the figure is not of ("not from 2021 but from 2020", "from 2021, not 2020").
   */
  role: 'data' | 'law' | 'edition' | 'date' | 'range' | 'stamp' | 'denied';
  /** Part of a year only ("in April 2021", "the first half of 2021", "by June 2021"). */
  partial?: boolean;
}

/** "10/03/2024", "03.10.2024" (the year last) and "2024-03-10" (first): a date written in numbers. */
const NUMERIC_DATE_BEFORE = /(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-]$/;
const NUMERIC_DATE_AFTER = /^[/.-]\d{1,2}[/.-]\d{1,2}(?![\d/.-])/;

/** Years in a sentence and what each is: the data year, the year in a law's name, an edition ("the 2022 report"), a date ("April 2021"). */
export function yearsIn(text: string, span: Span): YearMention[] {
  const out: YearMention[] = [];
  const slice = text.slice(span.start, span.end);
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(slice); m; m = YEAR_RE.exec(slice)) {
    const len = m[0].length;
    const year = m[1] ? Number(m[1]) : 2000 + Number(m[2]);
    const after = slice.slice(m.index + len, m.index + 60);
    const before = slice.slice(Math.max(0, m.index - 40), m.index);
    let role: YearMention['role'] = 'data';
    if (NUMERIC_DATE_BEFORE.test(before) || NUMERIC_DATE_AFTER.test(after)) role = 'stamp';
    else if (/\bnot\s+(?:(?:from|in|for|during)\s+)?$/i.test(before)) role = 'denied';
    else if (EDITION_AFTER.test(after) || /\b(?:TIP(?:\s+(?:Report|Rpt\.?|Rep\.?))?|Trafficking\s+in\s+Persons\s+Report)[’']?s?\s*(?:\(|,)?\s*$/i.test(before) || RELEASED_BEFORE.test(before)) role = 'edition';
    else if (LAW_AFTER.test(after) || (LAW_NAMED_AFTER.test(after) && /\b(?:the|its|[\p{Lu}][\p{L}]*['’]s)\s+$/u.test(before))) role = 'law';
    else if (MONTH_RE.test(before.slice(-12)) && /\b(?:in|on|since|until|by|from)\s+\w+\s*$/i.test(before) === false && /\d\s*$/.test(before) === false) role = 'date';
    if (role === 'data' || role === 'date') {
      // ("since 2019", "2019 to 2021", "between 2018 and 2021"; not "they were from 2021, not 2020": "from" without an end.)
      if (/\bsince\s+(?:\w+\s+)?$/i.test(before) || /^\s*(?:[-–—]|to|and|through|until)\s*(?:\w+\s+)?(?:19|20)\d{2}/i.test(after) || /(?:19|20)\d{2}\s*(?:[-–—]|to|and|through)\s*$/i.test(before)) role = 'range';
    }
    const partial = MONTH_RE.test(before.slice(-12)) || /\b(?:first|second|third|fourth|last|final|early|late|mid|end|beginning)[\s-]+(?:half|quarter|months?|weeks?|of)?\s*(?:of\s+)?(?:the\s+)?$/i.test(before) || /\b(?:by|as\s+of|until|through)\s+$/i.test(before);
    out.push({ year, span: { start: span.start + m.index, end: span.start + m.index + len }, role, partial });
  }
  return out;
}

export interface ExtractContext {
  /** Year carried from an earlier sentence of the same paragraph. */
  paragraphYear?: number;
  /** The edition's data year, for figures no sentence dates (report facts only). */
  periodYear?: number;
  /**
   * What the sentence before counted, for a lead that names only its number ("Of those 38, only one was for forced labour"):
   * the lead's whole and the bare counts after it count this unit, by these actions.
   */
  leadWhole?: { value: number; unit: string; actions: readonly Action[] };
  /** yearsIn(text, sentence), when the caller has read them already (a draft sentence's memo). */
  years?: readonly YearMention[];
}

/** What the rules that tell a number from a figure see of one number. */
interface AtomView {
  atom: Atom;
  /** Up to 12 characters before and after it, within its sentence. */
  before: string;
  after: string;
  text: string;
}

/**
 * Numbers that are not figures, in the order they are tried, each with the reason --explain gives:
 * the first rule that holds decides. A new rule is one entry.
 */
const NON_FIGURE_RULES: readonly { reason: string; test: (v: AtomView) => boolean }[] = [
  { reason: 'tier number', test: (v) => /\btier\s*$/i.test(v.before) },
  { reason: 'section number ("2.2 Prosecution data", "## 3. Findings")', test: (v) => isSectionNumber(v.text, v.atom, v.after) },
  { reason: 'part of a compound adjective ("40-hour", "two-star"), not a count', test: (v) => (/^-\p{L}/u.test(v.after) && !/^-(?:years?|months?|weeks?|days?)(?![\p{L}-])/iu.test(v.after)) || /^\s*-?\s*year-old/i.test(v.after) },
  { reason: 'part of a name (e.g. COVID-19)', test: (v) => /[\p{L}]-\s*$/u.test(v.before) },
  { reason: 'money amount', test: (v) => (!/^\s*(?:percent|per cent|%)/i.test(v.after) && /[$€£¥]\s*$|\b(?:USD|US\$|KHR|riel)\s*$/i.test(v.before)) || /^\s*(?:dollars|riel|USD)\b/i.test(v.after) },
  { reason: 'ordinal', test: (v) => /^(?:st|nd|rd|th)\b/i.test(v.after) },
  { reason: 'a rate ("1,400 / workshop", "25 per course"), not a count', test: (v) => /^\s*(?:\/\s*\p{L}|per\s+(?!cent\b)\p{L})/iu.test(v.after) },
  { reason: 'time of day', test: (v) => /^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|:\d)/i.test(v.after) || /\d:$/.test(v.before) },
  { reason: 'pronoun use of "one"', test: (v) => v.atom.isWord && /^(?:one|a\s+dozen)$/i.test(v.atom.raw) && /\b(?:no|any|each|every|the|this|that|which)\s*$/i.test(v.before) },
  { reason: 'day of a date', test: (v) => MONTH_RE.test(v.before.slice(-10)) || MONTH_AFTER.test(v.after) },
];

/** Whether a parenthesis closes between `from` and `to` that opened before `from` ("officials trained (40-hour course) | 250": course is inside one). */
function inParentheses(text: string, from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41) {
      if (depth === 0) return true;
      depth--;
    }
  }
  return false;
}

/** A number or a range of two ("seven to 15", "7–15", "between 15 and 20", "six days to one month"), with its approximation. */
interface Group {
  atoms: Atom[];
  start: number;
  end: number;
  approx?: Approx;
}

/** Reads every figure in one sentence. */
export function extractFigures(text: string, sentence: Span, ctx: ExtractContext = {}): SentenceFigures {
  // Most sentences hold no number at all: their years are all there is to read (the reader's setup is not paid).
  const candidates = atoms(text, sentence);
  if (candidates.length === 0) return { figures: [], nonFigures: [], years: (ctx.years ?? yearsIn(text, sentence)).filter((y) => y.role === 'data').map((y) => y.year) };
  return new SentenceReader(text, sentence, ctx).read(candidates);
}

/**
 * One sentence read for figures: its numbers told from figures (NON_FIGURE_RULES), grouped into ranges, and
 * each group given its unit, actions, form, victim, kind and year from the words around it. The reader keeps
 * what one figure leaves to the next (its unit and actions for an elided "… and 46 in 21 cases", the years
 * figures own), and finds a figure's words by binary search, so a sentence of any length reads in linear time.
 */
class SentenceReader {
  readonly #sentenceText: string;
  readonly #years: readonly YearMention[];
  readonly #dataYears: YearMention[];
  readonly #toks: Tok[];
  readonly #sentenceActions: Action[];
  readonly #topicAt: { t: string; at: number }[];
  readonly #topics: string[];
  /** Where partitives ("…, among them", "…, including") start, relative to the sentence (only when it names a topic). */
  readonly #partitives: number[];
  /** Where contrasting clauses start (", yet", ", but", ", whereas"): a topic on the other side of one is not the figure's. */
  readonly #contrasts: number[];
  readonly #attribution: string | undefined;
  readonly #isPenaltySentence: boolean;
  readonly #partitiveLead: RegExpExecArray | null;
  /** The sentence opens "Of those 38," with the number of the whole the sentence before counted (ExtractContext.leadWhole). */
  readonly #numberLead: boolean;
  /** The colon after a short label at the sentence's start ("2021 prosecuted: …"), relative to the sentence, or -1. */
  readonly #labelColon: number;
  readonly #nonFigures: NonFigure[] = [];
  // What one figure leaves to the next.
  #prevUnit: string | undefined;
  #inHeadUnit: string | undefined;
  #prevActions: Action[] = [];
  /** Where the figure before ended, with its unit ("94 arrests"): words up to there are its own. */
  #prevUnitEnd = 0;
  /** The figure before's action when its noun named it ("370 arrests"): a part of it shares it. */
  #prevNounActions: Action[] = [];
  /** Years an earlier figure owns ("440 convictions reported for 2020 but 38"): not a later figure's. */
  readonly #ownedYears = new Set<number>();
  #yearCursor = 0;
  #lastFreeYear: YearMention | undefined;

  constructor(
    private readonly text: string,
    private readonly sentence: Span,
    private readonly ctx: ExtractContext,
  ) {
    const sentenceText = (this.#sentenceText = text.slice(sentence.start, sentence.end));
    this.#years = ctx.years ?? yearsIn(text, sentence);
    this.#dataYears = this.#years.filter((y) => y.role === 'data' || y.role === 'date');
    this.#toks = tokens(text, sentence.start, sentence.end);
    this.#sentenceActions = this.#toks.map((t) => actionOf(t.word)).filter((a): a is Action => !!a);
    this.#topicAt = TOPICS.map(([re, t]) => ({ t, at: re.exec(sentenceText)?.index ?? -1 })).filter((x) => x.at >= 0);
    this.#topics = this.#topicAt.map((x) => x.t);
    this.#partitives = this.#topicAt.length ? [...sentenceText.matchAll(PARTITIVES)].map((m) => m.index) : [];
    this.#contrasts = this.#topicAt.length ? [...sentenceText.matchAll(CONTRAST_BREAK)].map((m) => m.index) : [];
    this.#attribution = ATTRIBUTIONS.find(([re]) => re.test(sentenceText))?.[1];
    this.#isPenaltySentence = PENALTY_WORDS.test(sentenceText);
    this.#partitiveLead = PARTITIVE_LEAD.exec(sentenceText.slice(0, 200));
    const numberLead = ctx.leadWhole ? NUMBER_LEAD.exec(sentenceText.slice(0, 60)) : null;
    this.#numberLead = numberLead !== null && (numberLead[1] === undefined || Number(numberLead[1].replace(/,/g, '')) === ctx.leadWhole!.value);
    // (Not the colon of a time: "[24:50] Convictions: …".)
    const colon = sentenceText.search(/(?<!\d):|:(?!\d)/);
    // (A parenthesis in the label does not lengthen it: "Cambodia convictions by form (2022 TIP Report):".)
    const shortLabel = (end: number) => sentenceText.slice(0, end).replace(/\([^()]*\)/g, ' ').replace(/\|/g, ' ').split(/\s+/).filter(Boolean).length <= 5;
    // A table row's first cell labels the cells after it as a colon does: "| Convicted (2021) | 38 (1 sex trafficking, …) |".
    const cell = colon < 0 ? /^\s*(?:>\s*)?\|?[^|\n]*\p{L}[^|\n]*\|/u.exec(sentenceText) : null;
    const at = colon >= 0 ? colon : cell ? cell[0].length - 1 : -1;
    this.#labelColon = at >= 0 && shortLabel(at) ? at : -1;
  }

  read(candidates: Atom[]): SentenceFigures {
    const dataYearValues = () => this.#dataYears.filter((y) => y.role === 'data').map((y) => y.year);
    for (const y of this.#years) {
      this.#nonFigures.push({ span: y.span, text: String(y.year), reason: y.role === 'law' ? "year in a law's name" : y.role === 'edition' ? 'edition of the report' : y.role === 'stamp' ? 'year of a date written in numbers (when the text was written)' : y.role === 'denied' ? 'a year the text denies ("not 2020")' : 'year: dates the figures of its sentence' });
    }
    const groups = this.#groups(this.#usable(candidates));
    const figures: Figure[] = [];
    for (let gi = 0; gi < groups.length; gi++) {
      const f = this.#figure(groups, gi);
      if (f) figures.push(f);
    }
    const span = this.#dateSpan();
    if (span) figures.push(span);
    return { figures, nonFigures: this.#nonFigures, years: dataYearValues() };
  }

  /** The numbers that may be figures: not years, and none that a NON_FIGURE_RULES entry rules out. */
  #usable(candidates: Atom[]): Atom[] {
    const { text, sentence } = this;
    const yearSpans = this.#years.map((y) => y.span);
    const usable: Atom[] = [];
    for (const a of candidates) {
      const k = lowerBound(yearSpans, (y) => y.end > a.start);
      if (k < yearSpans.length && yearSpans[k].start < a.end) continue;
      const view: AtomView = { atom: a, text, before: text.slice(Math.max(sentence.start, a.start - 12), a.start), after: text.slice(a.end, Math.min(sentence.end, a.end + 12)) };
      const rule = NON_FIGURE_RULES.find((r) => r.test(view));
      if (rule) this.#nonFigures.push({ span: { start: a.start, end: a.end }, text: a.raw, reason: rule.reason });
      else usable.push(a);
    }
    return usable;
  }

  /** Ranges ("seven to 15", "7–15", "between 15 and 20", "six days to one month") and single numbers, each with the approximation before it. */
  #groups(usable: Atom[]): Group[] {
    const { text, sentence } = this;
    const groups: Group[] = [];
    for (let i = 0; i < usable.length; i++) {
      const a = usable[i];
      const b = usable[i + 1];
      if (b) {
        const gap = text.slice(a.end, b.start);
        const before = text.slice(Math.max(sentence.start, a.start - 20), a.start);
        const unitGap = /^\s*(?:days?|weeks?|months?|years?)(?:\s+(?:to|and)\s+|\s*[-–—]\s*)$/i.test(gap);
        const plainGap = /^\s*(?:to|[-–—])\s*$/.test(gap) && !(/^\s*[-–—]\s*$/.test(gap) && a.isWord !== b.isWord) && b.value >= a.value;
        const betweenGap = /^\s*and\s+$/i.test(gap) && /\b(?:between|from)\s+$/i.test(before);
        // Statutory style: "not less than 15 and not more than 20 years".
        const statuteGap = STATUTE_GAP.test(gap) && STATUTE_LEAD.test(before);
        if ((plainGap || betweenGap || unitGap || statuteGap) && (b.value > a.value || unitGap)) {
          const lead = betweenGap ? /(?:between|from)\s+$/i.exec(before) : statuteGap ? STATUTE_LEAD.exec(before) : null;
          groups.push({ atoms: [a, b], start: a.start - (lead?.[0].length ?? 0), end: b.end });
          i++;
          continue;
        }
      }
      groups.push({ atoms: [a], start: a.start, end: a.end });
    }
    // Approximation words before a group ("more than 100", "Maximum sentence: 25 years").
    for (const g of groups) {
      const hit = approximationBefore(text.slice(Math.max(sentence.start, g.start - 64), g.start));
      const tail = text.slice(g.end, Math.min(sentence.end, g.end + 24));
      // "300+ labor brokers", "a 12,000-plus force", "some 300+": the number or more (the plus says more than a vague "some").
      const plus = PLUS_AFTER_RE.test(tail);
      if (hit) {
        g.approx = plus && (hit.approx === 'about' || hit.approx === 'nearly') ? 'at-least' : hit.approx;
        if (hit.phrase) g.start -= hit.length;
      }
      // "a 25-year maximum", "20 years at most", "7 years minimum": a bound written after the number and its unit.
      else {
        const after = BOUND_AFTER_RE.exec(tail);
        if (after) g.approx = BOUND_OF.get(after[1].toLowerCase().replace(/\s+/g, ' ')) ?? APPROX_OF.get(after[1].toLowerCase().replace(/\s+/g, ' '));
        else if (plus) g.approx = 'at-least';
      }
    }
    return groups;
  }

  /** The figure group `gi` states, or undefined (a non-figure noted) when it has no unit. */
  #figure(groups: Group[], gi: number): Figure | undefined {
    const { text, sentence } = this;
    const g = groups[gi];
    const last = g.atoms[g.atoms.length - 1];
    // In a table, what follows a number is read up to its cell's end: "| 13 | Cops pay … |" counts no officers.
    const nextGroup = gi + 1 < groups.length ? groups[gi + 1].start : sentence.end;
    // (Searched up to the next group only: `text` may be a whole report.)
    const bar = text.slice(last.end, nextGroup).indexOf('|');
    const nextStart = bar >= 0 ? last.end + bar : nextGroup;
    const prevEnd = gi > 0 ? groups[gi - 1].end : sentence.start;
    const after = tokensIn(this.#toks, last.end, nextStart);
    const u = this.#unit(g, after, prevEnd, nextStart);
    if (!u.unit) {
      this.#nonFigures.push({ span: { start: g.start, end: g.end }, text: text.slice(g.start, g.end), reason: 'no unit: not a countable figure' });
      return undefined;
    }
    const { unit, unitMax, unitSpan, elided } = u;
    let actions = this.#actions(unit, g, after, prevEnd, unitSpan);
    if (actions.length === 0 && this.#numberLead && unit === this.ctx.leadWhole!.unit) actions = [...this.ctx.leadWhole!.actions];
    const { form, seg } = this.#form(groups, gi, last, nextStart, unitSpan);
    // Victim: named right after the range (up to a conjunction: "… for an adult victim and …"), else the nearest before it
    // ("Child victim: 7 to 15 years", "trafficking a child 15 to 20 years"), else later in its segment.
    const victim: Victim | undefined = !isTimeUnit(unit) ? undefined : victimOf(seg.split(/,|;|\b(?:and|but|while|whereas|yet)\b/)[0]) ?? lastVictimOf(text.slice(this.#prevTermEnd(groups, gi), g.start)) ?? victimOf(seg);
    const kind = this.#kind(unit, g, victim);
    // "received five years' imprisonment", "he got five years": a term of prison, or a term someone got, is a sentence.
    if (kind === 'duration' && (this.#sentenceActions.includes('sentenced') || PRISON_AFTER.test(text.slice(spanEndOf(g, unitSpan), spanEndOf(g, unitSpan) + 24)) || GIVEN_BEFORE.test(text.slice(Math.max(prevEnd, g.start - 40), g.start)))) actions = ['sentenced'];
    // (The year may be in a later cell of the row: "| Cases prosecuted | 348 | 2021 |".)
    const dated = kind === 'count' || kind === 'duration' ? this.#year(g, nextGroup) : {};
    // A range with its own units ("six days to one month") spans its last unit too.
    const spanEnd = unitMax && unitSpan ? unitSpan.end : g.end;
    // "a general and six other traffickers": six besides the one named.
    const others = g.atoms.length === 1 && after[0] !== undefined && /^others?$/.test(after[0].word) && /\b(?:and|alongside|along\s+with|with|plus)\s+$/i.test(text.slice(Math.max(prevEnd, g.start - 14), g.start));
    this.#prevUnit = unit;
    // "94 arrests, 348 cases": an action a noun names is that noun's, not the next figure's.
    // (Except for a part of it: "370 arrests, more than 340 of them labor brokers".)
    this.#prevActions = NOUN_ACTION[unit] ? [] : actions;
    this.#prevNounActions = NOUN_ACTION[unit] ? actions : [];
    this.#prevUnitEnd = unitSpan ? unitSpan.end : g.end;
    if (/^\s*[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?\s+(?:involved\s+)?in\s+$/iu.test(text.slice(last.end, nextStart))) this.#inHeadUnit = unit;
    return {
      kind,
      values: g.atoms.map((a) => a.value),
      unit,
      unitMax,
      actions,
      form,
      victim,
      ...dated,
      topics: this.#topicsOf(g),
      attribution: this.#attribution,
      ...(others ? { others } : {}),
      approx: g.approx,
      multiYear: this.#years.some((y) => y.role === 'range') || undefined,
      span: { start: g.start, end: spanEnd },
      unitSpan: elided ? undefined : unitSpan,
    };
  }

  /** What the group counts: the unit noun after it, else one it shares with a figure before it, else one named before it. */
  #unit(g: Group, after: Tok[], prevEnd: number, nextStart: number): { unit?: string; unitMax?: string; unitSpan?: Span; elided: boolean } {
    const { text, sentence } = this;
    const last = g.atoms[g.atoms.length - 1];
    let { unit, unitSpan } = unitAfter(after);
    // "six days to one month": the first atom's unit.
    let unitMax: string | undefined;
    if (g.atoms.length === 2) {
      const mu = /^\s*(days?|weeks?|months?|years?)\b/i.exec(text.slice(g.atoms[0].end, g.atoms[1].start));
      if (mu) {
        unitMax = unit;
        unit = unitOf(mu[1].toLowerCase());
      }
    }
    // "332 were arrested as labor brokers": the unit after "as".
    if (!unit) ({ unit, unitSpan } = unitAfterAs(after));
    const elided = !unit;
    const gapToNext = text.slice(last.end, nextStart);
    // "48 suspects in 37 cases … and 46 in 21 cases": the number before "in" counts what the earlier one before "in" counted.
    if (!unit && this.#inHeadUnit && /^\s*(?:involved\s+)?in\s+$/i.test(gapToNext)) unit = this.#inHeadUnit;
    if (!unit && this.#prevUnit && /^\s*(?:involved|for|in|were|was|had|,|of\s+(?:them|these|those))/i.test(text.slice(last.end, last.end + 16))) unit = this.#prevUnit;
    // "4 involved sex trafficking, 37 forced labor and 32 unspecified": a number right before a form counts what the list counts.
    if (!unit && this.#prevUnit && FORM_AFTER.test(text.slice(last.end, last.end + 24))) unit = this.#prevUnit;
    // "…, sex trafficking 14": a number right after a form, ending its item, counts what the list counts.
    if (!unit && this.#prevUnit && FORM_ITEM_BEFORE.test(text.slice(prevEnd, g.start)) && /^\s*(?:[,;).]|$)/.test(text.slice(last.end, last.end + 4))) unit = this.#prevUnit;
    // "| Traffickers convicted, 2021 | 50 | 83 |": a cell next to a figure's cell counts what that one counts.
    if (!unit && this.#prevUnit && /^\s*(?:\*\*)?\s*\|\s*(?:\*\*)?\s*$/.test(text.slice(prevEnd, g.start))) unit = this.#prevUnit;
    // "the tally of brokers among the 370 arrested came to 233": the sentence's "number of" names another unit than the figure before.
    if (!unit && this.#prevUnit && TOTAL_LEAD.test(text.slice(Math.max(prevEnd, g.start - 20), g.start))) {
      const total = this.#unitOfTotal(g.start);
      if (total.unit && total.unit !== this.#prevUnit) ({ unit, unitSpan } = total);
    }
    // "Convictions in Cambodia stood at 38 for the year": the unit noun its subject names, before a verb of amount.
    if (!unit && AMOUNT_VERB.test(text.slice(Math.max(prevEnd, g.start - 30), g.start))) ({ unit, unitSpan } = { unit, unitSpan, ...this.#subjectUnit(prevEnd, g.start) });
    // "not the 440 convictions … but 38", "from 440 convictions to 38", "440 convictions versus 38", "the story said 48
    // convictions; the report gives 38": the contrasted figure's unit.
    if (!unit && this.#prevUnit && /\b(?:but|to|versus|vs\.?|against|gives|says|counts|lists|records|reports|shows|puts\s+it\s+at|is|was)\s+(?:only\s+|just\s+)?$/i.test(text.slice(Math.max(prevEnd, g.start - 20), g.start)) && /^\s*(?:$|[.,;:)]|in\b|for\b)/i.test(text.slice(last.end, last.end + 8))) unit = this.#prevUnit;
    // The unit before the number: "puts the number of suspected traffickers prosecuted at 109", "Convictions (2021): 38".
    // (Not when a unit noun follows a word or two later: "12,814 LE officers" counts officers, whatever the label says.)
    if (!unit && !after.slice(0, 3).some((t) => unitOf(t.word))) ({ unit, unitSpan } = { unit, unitSpan, ...this.#unitBefore(g, prevEnd) });
    // A short label names the unit of a bare number in the list after its colon: "Convictions: the report lists 38 for 2021".
    if (!unit && this.#labelColon >= 0 && sentence.start + this.#labelColon < g.start && /^\s*(?:$|[.,;)]|for\b|in\b|were\b|was\b|\()/i.test(text.slice(last.end, last.end + 8))) unit = this.#labelUnit();
    // A partitive lead names the unit of a bare number: "Of the 2021 convictions, the report says 35 were for forced labor".
    if (!unit && g.atoms.length === 1) {
      const part = this.#partitiveLead;
      const pu = part && sentence.start + part[0].length <= g.start ? unitOf(part[1].toLowerCase()) : undefined;
      if (pu && !isTimeUnit(pu) && pu !== 'percent' && /^\s*(?:(?:were|was|are|is|for|involved|in)\b|[.;]|$)/i.test(text.slice(last.end, last.end + 12))) unit = pu;
    }
    // "Of those 38, only one was for forced labour": the whole the sentence before counted, and its parts.
    if (!unit && g.atoms.length === 1 && this.#numberLead && /^\s*(?:$|[.,;)]|were\b|was\b|for\b|involved\b|in\b)/i.test(text.slice(last.end, last.end + 10))) unit = this.ctx.leadWhole!.unit;
    // "How many traffickers did Cambodia convict in 2021? 38.": the answer counts what the question asks about.
    if (!unit && /^\s*(?:$|[.,;:!)]|in\b|for\b)/i.test(text.slice(last.end, last.end + 6))) ({ unit, unitSpan } = { unit, unitSpan, ...this.#unitAsked(g.start) });
    // "37 of the 64 cases": a part counts what its whole counts.
    if (!unit && g.atoms.length === 1 && PART_OF_WHOLE.test(gapToNext) && nextStart < sentence.end) {
      const numberEnd = nextStart + (/^[\p{N}.,]+|^[\p{L}-]+/u.exec(text.slice(nextStart))?.[0].length ?? 0);
      unit = unitAfter(tokensIn(this.#toks, numberEnd, sentence.end)).unit;
    }
    return { unit, unitMax, unitSpan, elided };
  }

  /** "The number of labor brokers among the 370 arrested was 323", "the total convicted stood at 38": what the sentence's
   * "number of" (or "total", "count") names before the figure, a unit noun or an action's participle. */
  #unitOfTotal(at: number): { unit?: string; unitSpan?: Span } {
    const toks = tokensIn(this.#toks, this.sentence.start, at);
    let head = -1;
    for (let k = toks.length - 1; k >= 0; k--) if (TOTAL_WORDS.has(toks[k].word)) { head = k; break; }
    if (head < 0) return {};
    for (const t of toks.slice(head + 1, head + 6)) {
      const u = countUnitOf(t.word);
      if (u) return { unit: u, unitSpan: { start: t.start, end: t.end } };
      const a = actionOf(t.word);
      if (a && ACTION_NOUN[a]) return { unit: ACTION_NOUN[a] };
    }
    return {};
  }

  /** The first count unit noun of the clause before `at` ("Convictions in Cambodia stood at …"). */
  #subjectUnit(prevEnd: number, at: number): { unit?: string; unitSpan?: Span } {
    for (const t of tokensIn(this.#toks, lastClauseBreak(this.text, prevEnd, at), at)) {
      const u = countUnitOf(t.word);
      if (u) return { unit: u, unitSpan: { start: t.start, end: t.end } };
    }
    return {};
  }

  /** What "how many …?" before `at` asks about, when its question mark is before `at` too: a unit noun or an action's participle. */
  #unitAsked(at: number): { unit?: string; unitSpan?: Span } {
    const toks = tokensIn(this.#toks, this.sentence.start, at);
    let head = -1;
    for (let k = toks.length - 2; k >= 0; k--) if (toks[k].word === 'how' && toks[k + 1].word === 'many') { head = k + 1; break; }
    if (head < 0 || !this.text.slice(toks[head].end, at).includes('?')) return {};
    for (const t of toks.slice(head + 1, head + 5)) {
      const u = countUnitOf(t.word);
      if (u) return { unit: u, unitSpan: { start: t.start, end: t.end } };
    }
    return {};
  }

  /** The last count unit of the short label before the sentence's colon ("Convictions:", "Officers trained:"), else its participle's ("Convicted:"). */
  #labelUnit(): string | undefined {
    let unit: string | undefined;
    let acted: string | undefined;
    for (const t of this.#toks) {
      if (t.start >= this.sentence.start + this.#labelColon) break;
      const u = countUnitOf(t.word);
      if (u) unit = u;
      // ("Convicted (2021): 38": a participle names its action's noun.)
      const a = /ed$/.test(t.word) ? actionOf(t.word) : undefined;
      if (a && ACTION_NOUN[a]) acted = ACTION_NOUN[a];
    }
    return unit ?? acted;
  }

  #unitBefore(g: Group, prevEnd: number): { unit?: string; unitSpan?: Span } {
    const { text } = this;
    const lead = text.slice(lastClauseBreak(text, prevEnd, g.start - 2), g.start);
    // "prosecutions 109; convictions 83": a noun that names its action, right before a bare number that ends its item.
    const label = /([\p{L}]+)\s+$/u.exec(lead);
    const labelUnit = label ? unitOf(label[1].toLowerCase()) : undefined;
    if (label && labelUnit && NOUN_ACTION[labelUnit] && /^\s*(?:$|[;,.)(])/.test(text.slice(g.end, g.end + 3))) {
      const at = g.start - label[0].length;
      return { unit: labelUnit, unitSpan: { start: at, end: at + label[1].length } };
    }
    // "| Convictions, 2021 | 38 |": in a table, only the cell right before, and only a short label, names the unit
    // ("| … monitoring of suspects released … | [@R6] | 4 |" is a score, not 4 suspects).
    const cell = /\|\s*(?:\*\*)?\s*$/.test(lead) ? previousCell(text, g.start - lead.length, g.start) : undefined;
    if (cell && (cell.words > LABEL_CELL_WORDS || cell.start < 0)) return {};
    if (!/(?:\b(?:at|to|of|(?:fell|falls?|falling|rose|rises?|rising|dropped|drops?|declined|declines?|increased|grew|climbed|went|jumped|plunged|slid|down|up)\s+from|was|were|is|are|totall?ed|reached|numbered|stood\s+at)|[:=|→]|->|=>)\s*(?:\*\*)?\s*$/i.test(lead)) return {};
    const back = tokensIn(this.#toks, cell ? cell.start : g.start - lead.length, g.start).filter((t) => t.end <= g.start).slice(-8);
    // A row's label names its unit first ("| Arrests for online child sexual exploitation | 2020 | 4 |": arrests, not children).
    if (cell) {
      // (Not a word in parentheses: "| Training (40-hour course, 6 cohorts) | 22,400 |" counts no courses.)
      const head = back.find((t) => t.end <= cell.end && !inParentheses(text, t.end, cell.end) && countUnitOf(t.word));
      if (head) return { unit: countUnitOf(head.word), unitSpan: { start: head.start, end: head.end } };
    }
    for (let k = back.length - 1; k >= 0; k--) {
      // A word in parentheses or after a measure ("trained (40-hour course)", "a 40-hour course") qualifies the label; it is not what the number counts.
      if (inParentheses(text, back[k].end, g.start) || /\d\s*-\s*\p{L}+\s+$/u.test(text.slice(Math.max(0, back[k].start - 16), back[k].start))) continue;
      const u = countUnitOf(back[k].word);
      if (u) return { unit: u, unitSpan: { start: back[k].start, end: back[k].end } };
    }
    return this.#unitOfTotal(g.start);
  }

  /**
   * What was done to what the group counts: noun units carry it; else the nearest action verb before the number in
   * its clause, else after it up to the next number ("348 cases prosecuted"), else the figure before's, else a label's.
   */
  #actions(unit: string, g: Group, after: Tok[], prevEnd: number, unitSpan?: Span): Action[] {
    if (NOUN_ACTION[unit]) return [NOUN_ACTION[unit]];
    // "…, 28 PRC nationals exploited": a participle right after the unit says what was done to what it counts.
    const next = unitSpan ? after.find((t) => t.start >= unitSpan.end) : undefined;
    const participle = next && /ed$/.test(next.word) && /^\s+$/.test(this.text.slice(unitSpan!.end, next.start)) ? actionOf(next.word) : undefined;
    if (participle) return [participle];
    const back = tokensIn(this.#toks, Math.max(lastClauseBreak(this.text, prevEnd, g.start), this.#prevUnitEnd), g.start).filter((t) => t.end <= g.start);
    for (let k = back.length - 1; k >= 0; k--) {
      const a = actionOf(back[k].word);
      if (!a) continue;
      // "arrested and convicted": take the coordinated verb too.
      const a2 = k >= 2 && back[k - 1].word === 'and' ? actionOf(back[k - 2].word) : undefined;
      return a2 ? [a2, a] : [a];
    }
    // ("94 is the number of suspects police said they arrested": the verb of the count's relative clause.)
    for (const t of after.slice(0, isCountOf(after) ? 12 : 6)) {
      if (t.word === ';') break;
      const a = actionOf(t.word);
      if (a) return [a];
    }
    // "The 109 suspected traffickers cited in the article were prosecuted in 2020": the passive verb its subject takes.
    const passive = passiveAfter(after);
    if (passive) return [passive];
    if (this.#prevActions.length) return this.#prevActions;
    if (this.#prevNounActions.length && (PART_OF_BEFORE.test(this.text.slice(prevEnd, g.start)) || PART_OF_AFTER.test(this.text.slice(g.end, g.end + 16)))) return this.#prevNounActions;
    // "2021 prosecuted: more than 150 suspected traffickers, 64 cases": a short label before a colon says what its list counts.
    if (this.#labelColon >= 0 && this.sentence.start + this.#labelColon < g.start) {
      for (const t of this.#toks) {
        if (t.start >= this.sentence.start + this.#labelColon) break;
        const a = actionOf(t.word);
        if (a) return [a];
      }
    }
    if ((unit === 'officers' || unit === 'participants' || unit === 'sessions' || unit === 'trainings') && this.#sentenceActions.includes('trained')) return ['trained'];
    return [];
  }

  /** The form named in the words after the number up to the next one (not past a partitive), and those words. */
  #form(groups: Group[], gi: number, last: Atom, nextStart: number, unitSpan: Span | undefined): { form?: Form; seg: string } {
    const { text, sentence } = this;
    let toNext = text.slice(last.end, nextStart);
    // "37 of the 64 cases … involved forced labor": the words after the whole's unit qualify the part, not the whole…
    // ("About a third of the 64 cases … involved unspecified exploitation": so do the words after a whole a fraction is taken of.)
    const partBefore = (gi > 0 && PART_OF_WHOLE.test(text.slice(groups[gi - 1].end, groups[gi].start))) || FRACTION_OF.test(text.slice(Math.max(sentence.start, groups[gi].start - 40), groups[gi].start));
    if (partBefore && unitSpan && unitSpan.start >= last.end) toNext = text.slice(last.end, unitSpan.end);
    // … and the part takes them from after its whole ("37 of the 64 cases … involved forced labor").
    else if (gi + 1 < groups.length && PART_OF_WHOLE.test(toNext)) toNext = text.slice(groups[gi + 1].end, gi + 2 < groups.length ? groups[gi + 2].start : sentence.end);
    const segEnd = toNext.indexOf(';');
    const segRaw = segEnd >= 0 ? toNext.slice(0, segEnd) : toNext;
    // "38 traffickers, most of them for forced labor": what follows a partitive is a part's qualifier, not the whole's.
    const cut = PARTITIVE_AFTER.exec(segRaw);
    const seg = cut ? segRaw.slice(0, cut.index) : segRaw;
    const g = groups[gi];
    const lead = text.slice(gi > 0 ? groups[gi - 1].end : sentence.start, g.start);
    // "sex trafficking in 4 cases, forced labor in 37": a form right before "in" is the form of the number after it.
    const formIn = formInLead(lead);
    // "…: forced labor 35, sex trafficking 1": a short item that names a form right before its number, the item ending there.
    const item = /^\s*(?:[,;).]|$)/.test(toNext) ? /(?:^|[,;:(])\s*((?:[\p{L}.'’-]+\s+){1,3})$/u.exec(lead) : null;
    const itemForm = item ? FORMS.find(([re]) => re.test(item[1]))?.[1] : undefined;
    // "Forced labor made up 37 of the 64 cases": a form as the subject of a verb of amount is the number's.
    const subject = FORM_SUBJECT.exec(lead);
    const subjectForm = subject ? FORMS.find(([re]) => re.test(subject[1]))?.[1] : undefined;
    let form = itemForm || subjectForm || (formIn !== undefined && FORMS.find(([re]) => re.test(formIn))?.[1]) || FORMS.find(([re]) => re.test(seg))?.[1];
    // "X suspects involved in Y cases of sex trafficking" gives X the form of Y.
    if (!form && /\b(?:involved\s+in|in)\s*$/i.test(seg) && gi + 1 < groups.length) {
      const nextSeg = text.slice(groups[gi + 1].end, gi + 2 < groups.length ? groups[gi + 2].start : sentence.end);
      form = FORMS.find(([re]) => re.test(nextSeg))?.[1];
    }
    // "Sex traff. convictions '21 -> 35": a label before the number names the form of what it counts.
    if (!form && /(?:[:=→]|->|=>)\s*$/.test(lead)) form = FORMS.find(([re]) => re.test(lead))?.[1];
    return { form, seg };
  }

  /** Where the words that may name a range's victim begin: after the last earlier group that is itself a term of time
   * ("… for an adult victim and 15 to 20 years …"), not after an age or count between ("sells a child, a girl of sixteen, … faces 7 to 15 years"). */
  #prevTermEnd(groups: Group[], gi: number): number {
    for (let k = gi - 1; k >= 0; k--) if (TIME_AFTER.test(this.text.slice(groups[k].end, groups[k].end + 16))) return groups[k].end;
    return this.sentence.start;
  }

  /** A time span is a prescribed penalty in a penalty sentence when it is a range, a bound or names a victim; else a served duration. */
  #kind(unit: string, g: Group, victim: Victim | undefined): FactKind {
    if (!isTimeUnit(unit)) return 'count';
    // "Adult victim -> 15-20 yrs": a range of years for a kind of victim is a penalty, penalty words or not.
    if (victim !== undefined && g.atoms.length === 2) return 'penalty';
    return this.#isPenaltySentence && (g.atoms.length === 2 || g.approx === 'up-to' || g.approx === 'at-least' || victim !== undefined || /\bpenalt|prescrib|punishable/i.test(this.#sentenceText)) ? 'penalty' : 'duration';
  }

  /** The year: its own right after it ("440 in 2020"), else the nearest free one before it, else the next one before the next figure, else the paragraph's or the period's. */
  #year(g: Group, nextStart: number): Pick<Figure, 'year' | 'yearFrom' | 'yearPartial'> {
    const { text } = this;
    const dataYears = this.#dataYears;
    // The years before the figure (by binary search: a sentence may hold thousands) and the first after it.
    const firstAfter = lowerBound(dataYears, (y) => y.span.start >= g.end);
    const beforeEnd = lowerBound(dataYears, (y) => y.span.end > g.start);
    while (this.#yearCursor < beforeEnd) {
      if (!this.#ownedYears.has(dataYears[this.#yearCursor].span.start)) this.#lastFreeYear = dataYears[this.#yearCursor];
      this.#yearCursor++;
    }
    const lastBefore = beforeEnd > 0 ? dataYears[beforeEnd - 1] : undefined;
    // (Not past the end of a sentence the splitter could not see: "… say so. — [[User:A]] 10:20, 3 March 2024".)
    const nextYear = firstAfter < dataYears.length && dataYears[firstAfter].span.start < nextStart && !/[.!?]["”’)]*\s/.test(text.slice(g.end, dataYears[firstAfter].span.start)) ? dataYears[firstAfter] : undefined;
    const own = nextYear && OWN_YEAR_LEAD.test(text.slice(Math.max(g.end, nextYear.span.start - 12), nextYear.span.start)) && !/[;:]/.test(text.slice(g.end, nextYear.span.start)) ? nextYear : undefined;
    // A year after a later figure is that figure's ("38 (35 forced labor), down from 440 in 2020"): only one before the next figure may be this one's.
    const y = own ?? this.#lastFreeYear ?? lastBefore ?? nextYear ?? this.#yearAfterComplement(g, nextStart, firstAfter);
    if (own) this.#ownedYears.add(own.span.start);
    if (y) return { year: y.year, yearFrom: 'sentence', yearPartial: y.partial };
    if (this.ctx.paragraphYear) return { year: this.ctx.paragraphYear, yearFrom: 'paragraph' };
    if (this.ctx.periodYear) return { year: this.ctx.periodYear, yearFrom: 'period' };
    return {};
  }

  /**
   * "109 suspected traffickers in 64 cases during 2020": a count whose complement is the next figure ("in 64 cases") is dated
   * by the year right after that complement, as the complement is.
   */
  #yearAfterComplement(g: Group, nextStart: number, firstAfter: number): YearMention | undefined {
    const year = this.#dataYears[firstAfter];
    if (!year || nextStart >= this.sentence.end || year.span.start - nextStart > 48) return undefined;
    if (!COMPLEMENT_IN.test(this.text.slice(g.end, nextStart))) return undefined;
    return /[.!?;:]\s/.test(this.text.slice(nextStart, year.span.start)) ? undefined : year;
  }

  /** The sentence's topics, less one named only after the figure past a partitive ("38 convictions in 2021, among them a two-star general …"). */
  #topicsOf(g: Group): string[] {
    if (this.#topicAt.length === 0) return this.#topics;
    const rel = g.end - this.sentence.start;
    const p = lowerBound(this.#partitives, (at) => at >= rel);
    const start = g.start - this.sentence.start;
    const across = (x: { at: number }) => this.#contrasts.some((c) => (c > x.at && c < start) || (c >= rel && c < x.at));
    return this.#topicAt.filter((x) => (x.at < rel || !(p < this.#partitives.length && this.#partitives[p] < x.at)) && !across(x)).map((x) => x.t);
  }

  /** "between April and May 2021", "from March to June 2020": a date span of its own. */
  #dateSpan(): Figure | undefined {
    const ds = DATE_SPAN.exec(this.#sentenceText);
    if (!ds) return undefined;
    // "In 2021, … courts were closed from April to July": without a year of its own, the sentence's one data year.
    const dataYears = new Set(this.#dataYears.map((y) => y.year));
    const year = ds[5] !== undefined ? Number(ds[5]) : dataYears.size === 1 ? [...dataYears][0] : undefined;
    if (year === undefined) return undefined;
    const start = this.sentence.start + ds.index;
    for (const nf of this.#nonFigures) if (nf.span.start >= start && nf.span.end <= start + ds[0].length && /^\d{4}$/.test(nf.text)) nf.reason = 'year of a date span (part of that fact)';
    return {
      kind: 'date-span',
      values: [monthNumber(ds[1] ?? ds[3]), monthNumber(ds[2] ?? ds[4])],
      unit: 'months',
      actions: [],
      year,
      yearFrom: 'sentence',
      topics: this.#topics,
      span: { start, end: start + ds[0].length },
    };
  }
}

/** The first unit noun after a number, across at most a few modifiers ("suspected traffickers", "of these cases", "were convicted"). */
function unitAfter(after: Tok[]): { unit?: string; unitSpan?: Span } {
  // "94 is the number of suspects …", "440 was the conviction count": what the number is the count of.
  const countOf = countOfAfter(after);
  if (countOf) return countOf;
  for (let k = 0; k < Math.min(after.length, 5); k++) {
    const w = after[k].word;
    const u = unitOf(w);
    if (u) return { unit: u, unitSpan: { start: after[k].start, end: after[k].end } };
    if (k === 0 && w === 'of' && after[1] && /^(?:these|the|those|them)$/.test(after[1].word)) {
      k++;
      continue;
    }
    // "35 were convictions for sex trafficking": a copula, then the unit.
    if (k === 0 && COPULA.has(w)) {
      // "35 were convicted for forced labor": no unit, but the verb says what was counted.
      const a = after[1] && !after.slice(2, 6).some((t) => unitOf(t.word)) ? actionOf(after[1].word) : undefined;
      if (a && ACTION_NOUN[a]) return { unit: ACTION_NOUN[a] };
      continue;
    }
    // "the 370 arrested", "38 convicted in 2021": a participle of an action that has a noun counts what that noun counts.
    if (k === 0 && /ed$/.test(w) && !after.slice(1, 5).some((t) => unitOf(t.word))) {
      const a = actionOf(w);
      if (a && ACTION_NOUN[a]) return { unit: ACTION_NOUN[a] };
    }
    // "one of the 2021 convictions": a year between the article and the unit.
    if (k >= 2 && /^(?:19|20)\d\d$/.test(w) && after[k - 1] && /^(?:these|the|those|them)$/.test(after[k - 1].word)) continue;
    if (!isModifier(w)) break;
  }
  return {};
}

/** "332 were arrested as labor brokers": the unit a few words after "as". */
function unitAfterAs(after: Tok[]): { unit?: string; unitSpan?: Span } {
  const as = after.slice(0, 6).findIndex((t) => t.word === 'as');
  if (as < 0) return {};
  for (let k = as + 1; k < Math.min(after.length, as + 4); k++) {
    const u = unitOf(after[k].word);
    if (u && !isTimeUnit(u)) return { unit: u, unitSpan: { start: after[k].start, end: after[k].end } };
    if (!isModifier(after[k].word)) break;
  }
  return {};
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
  // "## 3. Findings", "## 2 Prosecution data": a number opening a heading numbers it.
  return /#/.test(prefix) && (/^[.)][ \t]+\S/.test(after) || /^[ \t]+\p{Lu}/u.test(after));
}

/** A year right after a figure that is its own: "440 in 2020", "440 convictions reported for 2020", "38 (2021)". */
const OWN_YEAR_LEAD = /(?:\b(?:in|during|for|of)\s+(?:\w+\s+)?|\(\s*)$/i;
/** A partitive after a figure: what follows is about a part of it ("…, most of them for forced labor", "…, among them a general", "the count of 38 included a general"). */
const PARTITIVE_AFTER = /[,;(\u2014\u2013]\s*(?:(?:about|around|roughly|nearly|almost|over|just\s+over|just\s+under|more\s+than|less\s+than|fewer\s+than|under)\s+(?:half|a\s+third|a\s+quarter|two[-\s]thirds|three[-\s]quarters)|a\s+third|a\s+quarter|two[-\s]thirds|three[-\s]quarters|most|many|some|several|few|half|the\s+majority|a\s+majority|mostly|largely|mainly|including|among|of\s+whom|of\s+which|nearly\s+all|almost\s+all|all\s+but|such\s+as|split|divided|broken\s+down)\b|\s(?:included|includes|include|comprised|comprises)\s/i;
/** A figure that counts a part of the one before: "…, including 332 …", "…, 340 of them …". */
const PART_OF_BEFORE = /\b(?:including|included|among\s+them|of\s+whom|of\s+which|of\s+these|of\s+those)\b/i;
const PART_OF_AFTER = /^\s+(?:of\s+(?:them|whom|which|these|those))\b/i;
/** Between a part and its whole: "37 of the 64 cases", "35 of Cambodia's 38 convictions". */
const PART_OF_WHOLE = /^\s+of\s+(?:(?:the|its|their|these|those|all|[\p{L}]+['’]s)\s+)?$/iu;
/** Every partitive of a sentence (matchAll). */
const PARTITIVES = new RegExp(PARTITIVE_AFTER.source, 'gi');
/**
 * "…, yet labour traffickers are handled under the labour law": a clause that sets another matter against the figure's; and
 * a line that opens with a capital after one that ends with no comma or joining word (notes, cards: a statement per line).
 */
const CONTRAST_BREAK = /,\s*(?:yet|but|whereas|while|although|though)\s|(?<![,;:(\-–—]|\b(?:and|or|of|the|for|to|in|by|with|a|an|from|at|on))[ \t]*\n[ \t]*(?=[\p{Lu}\d])/giu;

/** Words between a number and its unit that do not change what is counted ("35 were convictions"). */
const COPULA = new Set(['were', 'was', 'are', 'is']);

/** "… were prosecuted", within a dozen words of the number and before any break: the action of a passive clause whose subject the number counts. */
function passiveAfter(after: readonly Tok[]): Action | undefined {
  const reach = after.slice(0, 12);
  for (let k = 0; k + 1 < reach.length; k++) {
    if (/^[;:—–()"“”]$/.test(reach[k].word)) return undefined;
    if (COPULA.has(reach[k].word) && /ed$/.test(reach[k + 1].word)) return actionOf(reach[k + 1].word);
  }
  return undefined;
}

/** The number is a copula's subject and its complement names a count: "is the number of suspects", "was the conviction count". */
function countComplement(given: readonly Tok[]): readonly Tok[] | undefined {
  // ("Option D (440) was the conviction count": past the parenthesis closing round the number.)
  const after = given[0]?.word === ')' ? given.slice(1) : given;
  return after.length >= 3 && COPULA.has(after[0].word) && /^(?:the|a|an)$/.test(after[1].word) && after.slice(2, 5).some((t) => TOTAL_WORDS.has(t.word)) ? after : undefined;
}

function isCountOf(given: readonly Tok[]): boolean {
  return countComplement(given) !== undefined;
}

function countOfAfter(given: readonly Tok[]): { unit?: string; unitSpan?: Span } | undefined {
  const after = countComplement(given);
  for (const t of after?.slice(2, 8) ?? []) {
    const u = countUnitOf(t.word);
    if (u) return { unit: u, unitSpan: { start: t.start, end: t.end } };
  }
  return undefined;
}
/** "Of those 38, …", "Among the 38, …", "Of those, …": a lead naming its whole by number only (digits), or by a pronoun. */
export const NUMBER_LEAD = /^\W*(?:of|among)\s+(?:(?:the|those|these|all)\s+(\d{1,3}(?:,\d{3})*|\d+)|those|these|them)\s*,/i;
/** "Of the 2021 convictions, …", "Among those arrests, …": the unit of the sentence's bare numbers. */
const PARTITIVE_LEAD = /^\W*(?:of|among)\s+(?:the|those|these|its|all)\s+(?:[\p{L}\p{N}'’-]+\s+){0,3}?([\p{L}'’-]+)\s*,/iu;
/** After a time span, a word that makes it a prison term ("five years' imprisonment", "four years in prison"). */
const PRISON_AFTER = /^['’]?\s*(?:of\s+)?(?:imprisonment|in\s+prison|in\s+jail|prison|jail|behind\s+bars|incarceration)\b/i;
/**
 * Before a time span, a verb that gives it to someone ("he got five years", "was given four years"), or one that
 * gives it with the receiver between ("the court handed the general fourteen years", "gave him two years").
 */
const GIVEN_BEFORE = /\b(?:(?:got|gets|received|receives|was\s+given|were\s+given|given|served|serves|serving|handed|drew)\s+|(?:handed|hands|gave|gives|giving)\s+(?:him|her|them|(?:the|a|an|each|that|this)\s+(?:[\p{L}-]+\s+){1,2}))(?:only\s+|just\s+|a\s+)?$/iu;
const spanEndOf = (g: { end: number }, unitSpan: Span | undefined): number => (unitSpan && unitSpan.start >= g.end ? unitSpan.end : g.end);

/** A verb of amount right before a number: "stood at 38", "totalled 109", "fell to 38". */
const AMOUNT_VERB = /\b(?:stood\s+at|totall?ed|reached|numbered|came\s+to|amounted\s+to|fell\s+to|rose\s+to|dropped\s+to|climbed\s+to)\s+(?:just\s+|only\s+|about\s+|roughly\s+|some\s+|nearly\s+)?$/i;
/** A form as the subject of a verb of amount, right before the number: "Forced labor made up 37 …", "Sex trafficking accounted for just 4 …". */
const FORM_SUBJECT = /(?:^|[,;:(]\s*|\b)((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\s+(?:made\s+up|accounted\s+for|comprised|represented|totall?ed|numbered)\s+(?:just\s+|only\s+|about\s+|roughly\s+|some\s+)?$/iu;
/** Before a whole, a part named without a number: "a third of the", "most of the", "half of", "92 percent of the". */
const FRACTION_OF = /\b(?:(?:a|one|two|three)\s+(?:half|third|quarter|fifth|tenth)s?|half|most|many|some|all|none|majority|minority|share|fraction|proportion|percent|per\s+cent|%|handful|few)\s+of\s+(?:the\s+|these\s+|those\s+|its\s+)?$/i;
/** Between a count and the next figure, its unit and "in" ("suspected traffickers in", "suspects involved in"). */
const COMPLEMENT_IN = /^\s+(?:[\p{L}'’-]+\s+){1,3}(?:involved\s+)?in\s+$/u;
/** The words before "in" that end the lead of a number ("…, forced labor in 37"). */
const FORM_IN = /((?:[\p{L}'’-]+\s+){1,5})in\s+(?:about\s+|around\s+|some\s+)?$/u;

/**
 * FORM_IN's words before "in" in a lead, tried only when the lead's last word (trimEnd drops what \s matches) is one
 * FORM_IN ends with, and only on the lead's end: the regex, anchored at the end, is otherwise tried from every position
 * of a lead that may be a whole sentence long. A match holds at most 7 runs of white space (five words, "in" and an
 * approximation word, each followed by some), so it starts after the lead's 8th-last run (the regex looks behind nothing).
 */
function formInLead(lead: string): string | undefined {
  const t = lead.trimEnd();
  if (t.length === lead.length || !(t.endsWith('in') || t.endsWith('about') || t.endsWith('around') || t.endsWith('some'))) return undefined;
  const from = afterSpaceRuns(lead, 8);
  return FORM_IN.exec(from > 0 ? lead.slice(from) : lead)?.[1];
}

/** Where the `n`th-last run of white space (\s) in `s` ends, or 0 when it has fewer. */
function afterSpaceRuns(s: string, n: number): number {
  let runs = 0;
  for (let i = s.length; i > 0; ) {
    if (!isSpaceCode(s.charCodeAt(i - 1))) {
      i--;
      continue;
    }
    const end = i;
    while (i > 0 && isSpaceCode(s.charCodeAt(i - 1))) i--;
    if (++runs === n) return end;
  }
  return 0;
}

/** Nouns that name a count the figure after them gives ("the number of brokers … was 323"). */
/** The verb that gives the total its figure ("… came to 233", "… was 323"). */
const TOTAL_LEAD = /\b(?:at|to|was|were|is|are|totall?ed|reached|numbered)\s*$/i;
const TOTAL_WORDS: ReadonlySet<string> = new Set(['number', 'total', 'count', 'tally']);

/** A group followed by a unit of time ('15 years', "15 years'"). */
const TIME_AFTER = /^[\s-]*(?:years?|months?|weeks?|days?|yrs?)\b/i;

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

/** The unit a word names when it counts things: not a time unit, not "percent" (what a label or a "number of" can name). */
function countUnitOf(word: string): string | undefined {
  const u = unitOf(word);
  return u && !isTimeUnit(u) && u !== 'percent' ? u : undefined;
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
  /** yearsIn over the sentence (spans relative to it): read once for its figures, its edition and its tiers. */
  mentions?: readonly YearMention[];
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
  return (m.figures ??= extractFigures(sentenceText, { start: 0, end: sentenceText.length }, { years: mentionsOf(m, sentenceText) }));
}

function mentionsOf(m: SentenceMemo, sentenceText: string): readonly YearMention[] {
  return (m.mentions ??= yearsIn(sentenceText, { start: 0, end: sentenceText.length }));
}

/** yearsIn over a draft sentence, its spans relative to the sentence (read once per sentence text). */
export function yearMentionsIn(sentenceText: string, readings?: SentenceReadings): readonly YearMention[] {
  return mentionsOf(readings ? readings.memoOf(sentenceText) : {}, sentenceText);
}

/** The figures of a draft sentence whose text is `sentenceText` and which starts at `offset` (offsets re-based to where it stands now). */
export function figuresIn(sentenceText: string, offset: number, readings?: SentenceReadings, leadWhole?: ExtractContext['leadWhole']): Figure[] {
  // (Read with what the sentence before counted only when it opens with that count: "Of those 38, …"; not remembered, it is rare.)
  const lead = leadWhole && NUMBER_LEAD.test(sentenceText.slice(0, 60)) ? leadWhole : undefined;
  const rel = lead ? extractFigures(sentenceText, { start: 0, end: sentenceText.length }, { leadWhole: lead }).figures : relativeFigures(readings ? readings.memoOf(sentenceText) : {}, sentenceText).figures;
  if (offset === 0 || rel.length === 0) return rel;
  return rel.map((f) => ({ ...f, span: shift(f.span, offset), unitSpan: f.unitSpan && shift(f.unitSpan, offset) }));
}

/** yearsIn for a draft sentence without the spans: its years and their roles depend only on its text. */
export function yearRolesIn(sentenceText: string, readings?: SentenceReadings): readonly YearRole[] {
  const m = readings ? readings.memoOf(sentenceText) : {};
  return (m.years ??= mentionsOf(m, sentenceText).map(({ year, role }) => ({ year, role })));
}
