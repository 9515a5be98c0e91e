/**
 * reference.mismatch: a citation names an existing recommendation or paragraph that does not hold what
 * its sentence says, while another item of the same report clearly does. The report is the pattern:
 * the passage a citation closes (its sentence, from the previous citation in it) is scored against
 * every citable item of the cited report through the report's term index (stemmed words, the report's
 * synonyms, IDF weights: evidence.ts `itemScores`). A figure or quote the other checks matched in that
 * passage is stronger evidence still: it names the item that holds it.
 *
 * Precision first. A citation is flagged only when
 *  - the sentence states a figure or quote found in another item of the cited report, which the cited
 *    item does not hold and which the sentence's words do not favour the cited item over; or
 *  - the cited item shares little with the passage and one other item shares clearly more
 *    (SHARED_MIN, MARGIN, CITED_SHARE_MAX below; measured on test/fixtures/referenceMismatch.ts).
 * Never: a bracket with a whole-report key or a key that is not TIP Lens's, multi-key brackets where
 * any key supports the passage, see also / cf. prefixes, mentions and contrasts ("unlike [@R5]"),
 * questions.
 */
import { Code } from '../codes';
import { itemScores, type ItemScore } from '../evidence';
import type { CitableItem, KbIndex } from '../kbIndex';
import { reportUri, type Report, type Span } from '../../model/kb';
import { CITATION_ASIDE_END, CONTRAST, RECOMMENDING } from '../../reading/cues';
import { termsOf } from '../../reading/terms';
import { rangeInReport } from '../positions';
import type { DraftReference, Finding } from '../types';
import { sentenceClosedBy, spanAt } from './context';
import { clip } from './report';
import { MAX_PASSAGES, type Check, type CheckRun } from './types';
import { lowerBound } from '../../reading/sorted';

/**
 * The best other item must share at least this much IDF weight with the passage: about three of the
 * report's rarer words (a word found in a single sentence of the 24-sentence KHM-2023 text weighs 3.2).
 * Measured: wrong-item paraphrases share 17 or more with their right item (fixtures), 21 or more (eval
 * dev); a correct, loose citation ("traffickers should be held to account [@R4]") shares 6.7 by chance
 * with a long summary sentence ("throughout", "accountable").
 */
export const SHARED_MIN = 10;
/**
 * ... and at least MARGIN times what the cited item shares. Measured on the fixtures: correctly
 * cited sentences have best-other / cited ≤ 1.2; wrong-item ones ≥ 2.7 (most share nothing with
 * the cited item at all).
 */
export const MARGIN = 2.5;
/** The cited item may hold at most this share of the passage's weight (it "shares little"). */
export const CITED_SHARE_MAX = 0.4;
/** One item clearly wins (--fix may apply it) when it shares this many times what the runner-up does. */
export const CLEAR_WIN = 1.5;

export const referenceMismatchCheck: Check = {
  name: 'reference.mismatch',
  codes: [Code.ReferenceMismatch],
  finish: (run) => checkCitations(run),
};

/** The keys of one bracket, in order. */
interface Bracket {
  span: Span;
  refs: DraftReference[];
}

function checkCitations(run: CheckRun): void {
  const { references } = run.input;
  let i = 0;
  let prevBracketEnd = -1;
  // Findings in draft order, once: each bracket looks up those of its passage by binary search (linear in all).
  const findings = [...run.findings].sort((a, b) => a.span.start - b.span.start);
  while (i < references.length) {
    const start = references[i].bracket.start;
    const refs: DraftReference[] = [];
    while (i < references.length && references[i].bracket.start === start) refs.push(references[i++]);
    const bracket: Bracket = { span: refs[0].bracket, refs };
    checkBracket(run, bracket, prevBracketEnd, findings);
    prevBracketEnd = bracket.span.end;
  }
}

/**
 * The passage a bracket closes: its sentence from the sentence start (or the previous bracket in it) to the bracket; for a
 * bracket alone in a table cell, its row (the claim and the note around the source cell); for a bracket that opens its
 * sentence ("[^4]: [@prosecution.3] (judicial police lacked …)"), the words after it.
 */
function passageOf(run: CheckRun, bracket: Bracket, prevBracketEnd: number): { sentence: Span; passage: Span } | undefined {
  const { draft } = run.input;
  const row = rowOfSourceCell(draft.prose, bracket.span);
  if (row) return { sentence: row, passage: row };
  const own = spanAt(draft.sentences, bracket.span.start);
  if (own && !/\p{L}/u.test(draft.prose.slice(own.start, bracket.span.start)) && /\p{L}/u.test(draft.prose.slice(bracket.span.end, own.end))) {
    return { sentence: own, passage: { start: bracket.span.end, end: own.end } };
  }
  const sentence = sentenceClosedBy(draft.sentences, draft.prose, bracket.span.start);
  if (!sentence) return undefined;
  const from = Math.max(sentence.start, prevBracketEnd >= sentence.start && prevBracketEnd <= bracket.span.start ? prevBracketEnd : sentence.start);
  return { sentence, passage: { start: from, end: Math.min(bracket.span.start, sentence.end) } };
}

const MAX_ROW = 2000;

/** The table row (after its opening bar) of a bracket that is alone in its cell ("| … | TRUE | [@KHM-2023/R12] | note |"). */
function rowOfSourceCell(prose: string, span: Span): Span | undefined {
  // (Rows are short: looked for within MAX_ROW characters each way, so a long line costs nothing per bracket.)
  const from = Math.max(0, span.start - MAX_ROW);
  const back = prose.slice(from, span.start).lastIndexOf('\n');
  if (back < 0 && from > 0) return undefined;
  const lineStart = back < 0 ? 0 : from + back + 1;
  const ahead = prose.slice(span.end, span.end + MAX_ROW);
  const nl = ahead.indexOf('\n');
  if (nl < 0 && span.end + MAX_ROW < prose.length) return undefined;
  const lineEnd = nl < 0 ? prose.length : span.end + nl;
  const line = prose.slice(lineStart, lineEnd);
  const bar = /^[ \t]*(?:>[ \t]*)?\|/.exec(line);
  if (!bar) return undefined;
  const open = prose.lastIndexOf('|', span.start - 1);
  const close = prose.indexOf('|', span.end);
  if (open < lineStart || close < 0 || close > lineEnd) return undefined;
  if (/\S/.test(prose.slice(open + 1, span.start) + prose.slice(span.end, close))) return undefined;
  return { start: lineStart + bar[0].length, end: lineEnd };
}

interface Cited {
  ref: DraftReference;
  report: Report;
  item: number;
}

function checkBracket(run: CheckRun, bracket: Bracket, prevBracketEnd: number, findings: readonly Finding[]): void {
  const { draft } = run.input;
  const prose = draft.prose;
  // Every '@' key of the bracket must be one of ours and name an item: a whole report, someone else's key or an unknown one may be what supports the sentence.
  const atCount = countKeys(prose, bracket.span);
  if (atCount !== bracket.refs.length) return;
  const cited: Cited[] = [];
  for (const ref of bracket.refs) {
    const t = ref.target;
    if (!t || t.kind === 'report' || ref.problem) return;
    const key = ref.item ?? '';
    const item = run.index.itemsOf(t.report).byKey.get(key);
    if (item === undefined) return;
    // "[see also @R5]", "[cf. @R5]": the prefix of this key (from the bracket's opening or the previous ';').
    // (Searched within the bracket only: a lastIndexOf over the whole prose is quadratic on a long draft.)
    const prefixStart = bracket.span.start + 1 + Math.max(0, prose.slice(bracket.span.start + 1, ref.span.start).lastIndexOf(';') + 1);
    if (CITATION_ASIDE_END.test(prose.slice(prefixStart, ref.span.start - 1))) return;
    cited.push({ ref, report: t.report, item });
  }
  const where = passageOf(run, bracket, prevBracketEnd);
  if (!where) return;
  const { sentence, passage } = where;
  const sText = prose.slice(sentence.start, sentence.end);
  if (CONTRAST.test(sText) || /^\s*(?:see\s+also|cf\.?|compare)\b/i.test(sText) || /\?\s*$/.test(prose.slice(sentence.start, Math.min(sentence.end, bracket.span.end + 3)))) return;
  const before = prose.slice(passage.start, passage.end);
  if (CITATION_ASIDE_END.test(before)) return;
  const terms = memoPassageTerms(run, passage);
  const found = foundItems(run, passage, cited, findings);
  // Scores per cited report, worked out once.
  const scored = new Map<Report, { scores: ItemScore[]; total: number }>();
  const scoresOf = (r: Report) => {
    let s = scored.get(r);
    if (!s) scored.set(r, (s = itemScores(terms, r, run.index)));
    return s;
  };
  // A key that names the item holding a figure or quote of the passage supports it.
  if (cited.some((c) => found.some((f) => f.report === c.report && f.item === c.item))) return;
  // "It urges …": a sentence that recommends is about a recommendation, not the narrative that motivates one.
  const recommends = RECOMMENDING.test(before);
  const verdicts = cited.map((c) => judge(c, scoresOf(c.report), found, run.index, recommends));
  if (verdicts.some((v) => v === undefined)) return; // some key supports the passage (or nothing is clear)
  const first = verdicts[0]!;
  const c = cited[0];
  report(run, c, first, terms);
}

interface Verdict {
  suggested: number;
  citedScore: number;
  suggestedScore: number;
  total: number;
  /** The suggested item's sentence that matched (or holds the figure). */
  sentence: number;
  /** Items as good as the suggestion (offered as other fixes). */
  alternatives: number[];
  clear: boolean;
  /** What the suggestion rests on. */
  basis: 'figure' | 'quote' | 'words';
}

/** Undefined: the cited item supports the passage, or no other item clearly does. */
function judge(c: Cited, { scores, total }: { scores: ItemScore[]; total: number }, found: FoundItem[], index: KbIndex, recommends = false): Verdict | undefined {
  const items = index.itemsOf(c.report).items;
  const onlyRecommendations = recommends && items[c.item].kind === 'recommendation';
  const citedScore = scores[c.item].score;
  // A figure or quote of the passage found in another item of this report.
  const here = found.filter((f) => f.report === c.report && f.item !== c.item);
  if (here.length) {
    const items = [...new Set(here.map((f) => f.item))];
    const best = items.reduce((a, b) => (scores[b].score > scores[a].score ? b : a));
    if (citedScore > scores[best].score) return undefined; // the words favour the cited item: mixed sentence, stay silent
    if (here.some((f) => f.fact && citedHoldsValue(c, f, index))) return undefined;
    const f = here.find((x) => x.item === best)!;
    return {
      suggested: best,
      citedScore,
      suggestedScore: scores[best].score,
      total,
      sentence: f.sentence,
      alternatives: items.filter((x) => x !== best),
      clear: items.length === 1,
      basis: f.kind === 'quote' ? 'quote' : 'figure',
    };
  }
  let best = -1;
  let second = -1;
  for (const s of scores) {
    if (s.item === c.item || (onlyRecommendations && items[s.item].kind !== 'recommendation')) continue;
    if (best < 0 || s.score > scores[best].score) {
      second = best;
      best = s.item;
    } else if (second < 0 || s.score > scores[second].score) second = s.item;
  }
  if (best < 0) return undefined;
  const b = scores[best].score;
  if (b < SHARED_MIN || b < MARGIN * citedScore || citedScore > CITED_SHARE_MAX * total) return undefined;
  const s2 = second >= 0 ? scores[second].score : 0;
  const clear = b >= CLEAR_WIN * s2;
  return { suggested: best, citedScore, suggestedScore: b, total, sentence: scores[best].sentence, alternatives: !clear && s2 >= SHARED_MIN ? [second] : [], clear, basis: 'words' };
}

/** Does the cited item state the same value as the fact the figure matched (a figure the report gives twice)? */
function citedHoldsValue(c: Cited, f: FoundItem, index: KbIndex): boolean {
  const sentences = new Set(index.itemsOf(c.report).items[c.item].sentences);
  const v = f.fact!.values.join('-');
  return c.report.facts.some((x) => sentences.has(x.sentence) && x.unit === f.fact!.unit && x.values.join('-') === v);
}

interface FoundItem {
  report: Report;
  item: number;
  sentence: number;
  kind: Finding['kind'];
  fact?: Finding['fact'];
}

/** Items of the cited reports that hold a figure or quote the other checks matched in the passage. */
function foundItems(run: CheckRun, passage: Span, cited: Cited[], findings: readonly Finding[]): FoundItem[] {
  const out: FoundItem[] = [];
  const reports = new Set(cited.map((c) => c.report));
  const lo = lowerBound(findings, (f) => f.span.start >= passage.start);
  for (let k = lo; k < findings.length && findings[k].span.start < passage.end; k++) {
    const f = findings[k];
    if (f.span.end > passage.end || !reports.has(f.report)) continue;
    const ok = f.kind === 'figure' ? f.status === 'match' : f.kind === 'quote' ? f.status === 'match' || f.status === 'mismatch' : false;
    if (!ok) continue;
    const sentence = sentenceAt(f.report, f.source.start);
    if (sentence < 0) continue;
    const item = run.index.itemsOf(f.report).itemOfSentence[sentence];
    if (item >= 0) out.push({ report: f.report, item, sentence, kind: f.kind, fact: f.fact });
  }
  return out;
}

function sentenceAt(report: Report, offset: number): number {
  const ss = report.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ss[mid].span;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function countKeys(prose: string, bracket: Span): number {
  let n = 0;
  for (let at = prose.indexOf('@', bracket.start); at >= 0 && at < bracket.end; at = prose.indexOf('@', at + 1)) {
    const b = prose.charCodeAt(at - 1);
    const c = prose.charCodeAt(at + 1);
    if (!isWordChar(b) && b !== 64 && isWordChar(c) && c !== 95) n++;
  }
  return n;
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;

/** passageTerms, remembered by the passage's text in the draft's memo (the terms depend on the text alone). */
function memoPassageTerms(run: CheckRun, passage: Span): Set<string> {
  const { prose } = run.input.draft;
  const memo = run.input.memo?.passages;
  if (!memo) return passageTerms(prose, passage, run.input.stems);
  const key = prose.slice(passage.start, passage.end);
  let terms = memo.get(key);
  if (!terms) {
    if (memo.size > MAX_PASSAGES) memo.clear();
    terms = passageTerms(prose, passage, run.input.stems);
    memo.set(key, terms);
  }
  return terms;
}

/** The passage's content terms, other citations' brackets left out. */
export function passageTerms(prose: string, passage: Span, stems?: Map<string, string | undefined>): Set<string> {
  const text = prose.slice(passage.start, passage.end).replace(/\[[^\[\]\n]*@[^\[\]\n]*\]/g, ' ');
  return termsOf(text, 0, text.length, stems);
}

function report(run: CheckRun, c: Cited, v: Verdict, terms: ReadonlySet<string>): void {
  const { report: r, ref } = c;
  const ix = run.index.itemsOf(r);
  const citedItem = ix.items[c.item];
  const suggested = ix.items[v.suggested];
  const replacement = keyFor(ref, suggested, r);
  const round = (x: number) => Math.round(x * 100) / 100;
  const share = (x: number) => (v.total > 0 ? round(Math.min(1, x / v.total)) : 0);
  const src = r.sentences[v.sentence]?.span ?? { start: 0, end: 0 };
  const what = v.basis === 'figure' ? 'this sentence’s figure is in' : v.basis === 'quote' ? 'this sentence’s quotation is in' : 'this sentence matches';
  const also = v.alternatives.map((a) => `${ix.items[a].anchor} (${aboutItem(r, ix.items[a], undefined, terms)})`);
  const message = `${citedItem.anchor} is about ${aboutItem(r, citedItem)}; ${what} ${suggested.anchor} (${aboutItem(r, suggested, v.sentence, terms)})${also.length ? `, or about as well ${also.join(', ')}` : ''}.`;
  run.problems.push({
    code: Code.ReferenceMismatch,
    span: ref.span,
    message,
    data: {
      code: Code.ReferenceMismatch,
      anchor: citedItem.anchor,
      reportId: r.id,
      suggestedAnchor: suggested.anchor,
      similarity: { cited: share(v.citedScore), suggested: share(v.suggestedScore) },
      sourceUri: reportUri(r.id),
      sourceRange: rangeInReport(r, src),
      sourceOffsets: src,
      sourceText: r.text.slice(src.start, src.end),
      replacement,
      alternatives: v.alternatives.map((a) => ({ replacement: keyFor(ref, ix.items[a], r), anchor: ix.items[a].anchor })),
      fixTitle: `Cite ${replacement} instead of ${ref.raw}`,
      safeFix: v.clear,
      evidence: [`${v.basis === 'words' ? 'its words' : `its ${v.basis}`} in ${suggested.anchor}`, `shared word weight ${round(v.suggestedScore)} with ${suggested.anchor}, ${round(v.citedScore)} with ${citedItem.anchor} (of ${round(v.total)})`],
    },
    related: { report: r, span: src, message: `${suggested.anchor}: ${clip(r.text.slice(src.start, src.end))}` },
  });
}

/** The key to write: short (`R13`) when the reference was written short, else the full anchor. */
function keyFor(ref: DraftReference, item: CitableItem, r: Report): string {
  return ref.raw.toUpperCase().startsWith(r.id + '/') || ref.raw.toUpperCase() === r.id ? item.anchor : item.key;
}

/**
 * A few words saying what an item is about, from its own text: a recommendation's first request without
 * its leading imperative ("Allow restitution upon conviction of the trafficker and establish …" ->
 * "restitution upon conviction of the trafficker"); for a paragraph, the clause of the sentence that
 * matched (or of its first sentence), and in it the few words that share most with the draft's passage.
 * The imperatives are the words the report's recommendations begin with.
 */
export function aboutItem(r: Report, item: CitableItem, sentence = item.sentences[0], terms?: ReadonlySet<string>): string {
  const span = item.kind === 'recommendation' ? r.recommendations.find((x) => x.key === item.key)?.span : r.sentences[sentence]?.span;
  if (!span) return item.key;
  let text = r.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  text = text.replace(/\s*[\u2014\u2013][^\u2014\u2013]*[\u2014\u2013]\s*/g, ' ').replace(/\s*\([^)]*\)/g, '').replace(/[.]$/, '');
  let words: string[];
  if (item.kind === 'recommendation') {
    words = text.split(' ');
    const leads = new Set(r.recommendations.map((x) => x.text.trim().split(/\s+/)[0]?.toLowerCase() ?? ''));
    let dropped = '';
    while (words.length > 1 && (leads.has(words[0].toLowerCase()) || /^(?:and|or)$/i.test(words[0]))) dropped = words.shift()!.toLowerCase();
    if (/^(?:and|or)$/.test(dropped) && words.length > 1) words.shift(); // "Investigate and prosecute …", "Increase or start …"
    // "… and establish …": a second imperative starts a second request.
    const k = words.findIndex((w, j) => j > 0 && /^(?:and|or)$/.test(w) && leads.has((words[j + 1] ?? '').toLowerCase()));
    if (k > 0) words = words.slice(0, k);
    words = firstClause(words.join(' ')).split(' ');
  } else {
    const clauses = text.split(/(?<!\d),(?!\d)\s*|;\s*|:\s*/).filter((c) => c.trim());
    const long = clauses.filter((c) => c.split(' ').length >= 4);
    const pool = long.length ? long : clauses;
    let chosen = pool[0] ?? text;
    if (terms?.size) {
      let most = -1;
      for (const c of pool) {
        const n = [...termsOf(c)].filter((t) => terms.has(t)).length;
        if (n > most) [most, chosen] = [n, c];
      }
    }
    words = chosen.trim().split(' ');
    if (terms?.size && words.length > WINDOW) {
      let bestAt = 0;
      let most = -1;
      for (let at = 0; at + WINDOW <= words.length; at++) {
        const n = [...termsOf(words.slice(at, at + WINDOW).join(' '))].filter((t) => terms.has(t)).length;
        if (n > most) [most, bestAt] = [n, at];
      }
      words = words.slice(bestAt);
    }
  }
  let out = words.slice(0, WINDOW);
  const little = (w: string) => /^(?:of|in|on|at|to|for|and|or|the|a|an|by|with|from|as|all|any|some|their|its|than|that|which)$/i.test(w);
  const trim = () => {
    while (out.length > 2 && little(out[out.length - 1])) out.pop();
  };
  trim();
  if (words.length > WINDOW) {
    // Cut by length: end before the last little word, not after it ("… police to better" -> "… police").
    const last = out.map((w) => /^(?:of|in|on|at|to|for|and|or|by|with|from|as|than|that|which)$/i.test(w)).lastIndexOf(true);
    if (last >= 4) out = out.slice(0, last);
    trim();
  }
  let phrase = out.join(' ').replace(/[,;:]+$/, '');
  const first = /^[A-Z][a-z]+\b/.exec(phrase)?.[0];
  // "The government …" -> "the government …", but not a name ("April", "Cambodian courts").
  if (first && new RegExp(`\\b${first.toLowerCase()}\\b`).test(r.text)) phrase = phrase.charAt(0).toLowerCase() + phrase.slice(1);
  return phrase;
}

/** Words an "about" phrase may have. */
const WINDOW = 8;

/** Up to the first clause break after at least two words (a comma in a number is not one; "including", "especially" start an aside). */
function firstClause(text: string): string {
  const words = text.split(' ');
  const out: string[] = [];
  for (const w of words) {
    if (/^(?:including|especially|particularly|such|which|rather|whereas|while)$/i.test(w) && out.length >= 2) break;
    out.push(w);
    if (/[,;:]$/.test(w) && out.length >= 2) break;
  }
  return out.join(' ').replace(/[,;:]+$/, '');
}

/** An item that supports a sentence, for "Cite this sentence". */
export interface Support {
  report: Report;
  item: CitableItem;
  /** Shared word weight (evidence.ts itemScores). */
  score: number;
  /** Share of the sentence's weighted words (0–1). */
  share: number;
  /** The figure or quote of the sentence this item holds, if any. */
  holds?: 'figure' | 'quote';
}

/**
 * The items that best support the sentence `sentence` of the draft (prose offsets), best first: one, or
 * two when they are close (two items that each hold one of its figures or quotes, or two whose shared
 * word weight is within CLEAR_WIN of each other). An item that holds a figure or quote the checks
 * matched in the sentence comes before any that only shares words; one that only shares words must
 * share SHARED_MIN. `reports` are the reports to look in (the draft's default and cited ones).
 */
export function supportingItems(index: KbIndex, prose: string, sentence: Span, findings: readonly Finding[], reports: Iterable<Report>, stems?: Map<string, string | undefined>): Support[] {
  const terms = passageTerms(prose, sentence, stems);
  const holds = new Map<string, 'figure' | 'quote'>();
  const pool = new Set(reports);
  for (const f of findings) {
    if (f.span.start < sentence.start || f.span.end > sentence.end || f.status !== 'match' || f.kind === 'tier') continue;
    const s = sentenceAt(f.report, f.source.start);
    const i = s >= 0 ? index.itemsOf(f.report).itemOfSentence[s] : -1;
    if (i < 0) continue;
    pool.add(f.report);
    holds.set(index.itemsOf(f.report).items[i].anchor, f.kind);
  }
  const all: Support[] = [];
  for (const r of pool) {
    const { scores, total } = itemScores(terms, r, index);
    const items = index.itemsOf(r).items;
    for (const s of scores) {
      const item = items[s.item];
      const h = holds.get(item.anchor);
      if (h || s.score >= SHARED_MIN) all.push({ report: r, item, score: s.score, share: total > 0 ? Math.round((100 * s.score) / total) / 100 : 0, holds: h });
    }
  }
  all.sort((a, b) => Number(b.holds !== undefined) - Number(a.holds !== undefined) || b.score - a.score);
  const [best, second] = all;
  if (!best) return [];
  const close = second && (best.holds ? second.holds !== undefined : second.score * CLEAR_WIN > best.score);
  return close ? [best, second] : [best];
}
