/**
 * How much a draft sentence says it is about a report fact: the report is the
 * pattern. A figure is compared with a fact only when the claim shares enough
 * with the fact's own sentence: a citation of that report, the report named, the
 * same action, year, form, victim or topic, and the fact sentence's rarer words.
 */
import type { Figure } from '../ingest/figures';
import type { Fact, Report } from '../model/kb';
import type { KbIndex } from './kbIndex';

export interface Evidence {
  /** One point per kind of agreement. */
  points: number;
  /** What agreed, for --explain and the hover. */
  reasons: string[];
  /** IDF-weighted words the claim's clause shares with the fact's sentence. */
  lexical: number;
  shared: string[];
}

export interface ClaimSetting {
  /** Reports the sentence cites. */
  cited: ReadonlySet<string>;
  /** The sentence names a TIP report ("the 2022 report", "TIP 2023"). */
  readonly reportNamed: boolean;
  /** Terms of the claim's clause, its unit and action words left out (worked out on first use). */
  readonly clauseTerms: ReadonlySet<string>;
}

/** Shared words worth this much IDF together count as one point. */
export const LEXICAL_POINT = 1.5;

export function evidenceFor(claim: Figure, fact: Fact, report: Report, setting: ClaimSetting, index: KbIndex): Evidence {
  const reasons: string[] = [];
  const cited = setting.cited.has(report.id);
  if (cited) reasons.push(`cites ${report.id}`, `cites ${report.id}`);
  else if (setting.reportNamed) reasons.push('names the report');
  const shared: string[] = [];
  let lexical = 0;
  if (fact.sentence >= 0) {
    const terms = index.termsOf(report);
    const own = terms.sentences[fact.sentence];
    if (own) for (const t of setting.clauseTerms) if (own.has(t)) {
      shared.push(t);
      lexical += terms.idf(t);
    }
  }
  if (claim.actions.some((a) => fact.actions.includes(a))) reasons.push(`same action (${claim.actions.join(', ')})`);
  if (claim.yearFrom === 'sentence' && claim.year !== undefined && claim.year === fact.year) reasons.push(`same year (${claim.year})`);
  if (claim.form && claim.form === fact.form) reasons.push(`same form (${claim.form})`);
  if (claim.victim && claim.victim === fact.victim) reasons.push(`same victim (${claim.victim})`);
  if (claim.topics.some((t) => fact.topics.includes(t))) reasons.push(`same topic (${claim.topics.filter((t) => fact.topics.includes(t)).join(', ')})`);
  if (claim.kind === 'penalty' && fact.kind === 'penalty') reasons.push('a prescribed penalty');
  if (lexical >= LEXICAL_POINT) reasons.push(`shares the source sentence's words (${shared.join(', ')})`);
  // (The only repeated reason is the citation, given twice for its two points: shown once.)
  return { points: reasons.length, reasons: cited ? reasons.slice(1) : reasons, lexical, shared };
}

/** Enough to say the claim is about the fact: an unqualified count with no action needs two kinds of agreement. */
export function enoughEvidence(claim: Figure, e: Evidence): boolean {
  const needed = claim.kind === 'count' && claim.actions.length === 0 ? 2 : 1;
  return e.points >= needed;
}

/** How much one citable item shares with a draft passage. */
export interface ItemScore {
  /** Index into ReportItems.items. */
  item: number;
  /** IDF-weighted terms the passage shares with the item's best sentence. */
  score: number;
  /** That sentence (index into Report.sentences), -1 when nothing is shared. */
  sentence: number;
}

/**
 * Every citable item of the report scored against the passage's terms: for each item, the IDF sum of
 * the terms its best-matching sentence shares with the passage (walks the report's postings, so the
 * cost is the passage's terms times the sentences that hold them). `total` is the IDF the passage's
 * terms known to the report could give at most; items come back in report order.
 */
export function itemScores(terms: ReadonlySet<string>, report: Report, index: KbIndex): { scores: ItemScore[]; total: number } {
  const { items, itemOfSentence } = index.itemsOf(report);
  const { weights: acc, total } = sentenceWeights(terms, report, index);
  const scores: ItemScore[] = items.map((_, item) => ({ item, score: 0, sentence: -1 }));
  for (const [s, v] of acc) {
    const i = itemOfSentence[s];
    if (i >= 0 && v > scores[i].score) scores[i] = { item: i, score: v, sentence: s };
  }
  return { scores, total };
}

/** Per report sentence (index into Report.sentences), the IDF weight of the terms it shares with the passage; `total` as for itemScores. */
export function sentenceWeights(terms: ReadonlySet<string>, report: Report, index: KbIndex): { weights: Map<number, number>; total: number } {
  const { postings } = index.itemsOf(report);
  const { idf } = index.termsOf(report);
  const weights = new Map<number, number>();
  let total = 0;
  for (const t of terms) {
    const list = postings.get(t);
    if (!list) continue;
    const w = idf(t);
    total += w;
    for (const s of list) weights.set(s, (weights.get(s) ?? 0) + w);
  }
  return { weights, total };
}

/** The terms of the passage that the report sentence holds (for messages and --explain). */
export function sharedTerms(terms: ReadonlySet<string>, report: Report, sentence: number, index: KbIndex): string[] {
  const own = index.termsOf(report).sentences[sentence];
  return own ? [...terms].filter((t) => own.has(t)) : [];
}
