/**
 * A sentence that names no country but restates a report sentence nearly word for word ("In 2021, the government
 * prosecuted 109 suspected traffickers involved in 46 cases …") is about that report's country: the report is the
 * pattern, and the country only raises confidence. Decided by retrieval, never by a word list: the report sentence
 * that shares the most IDF weight with the draft sentence must hold most of what the draft sentence shares with its
 * report at all, the draft sentence must say nearly half of what that report sentence says (a third of a long one), the weight must reach
 * an absolute level (several rare report words), and it must beat every other country's best clearly.
 */
import type { Report, Span } from '../../model/kb';
import { sentenceWeights } from '../evidence';
import { termsOf } from '../../reading/terms';
import type { KbIndex } from '../kbIndex';

/** IDF weight a near copy must share with one report sentence (about three words rare in the report). */
export const NEAR_COPY_MIN_WEIGHT = 8;
/** Share of the sentence's report-known weight that one report sentence must hold. */
export const NEAR_COPY_MIN_SHARE = 0.6;
/** Share of the report sentence's own weight that the draft sentence must hold. */
export const NEAR_COPY_MIN_COVER = 0.45;
/** A long report sentence is rarely restated whole: a draft sentence sharing this much weight needs only NEAR_COPY_LONG_COVER of it. */
export const NEAR_COPY_STRONG_WEIGHT = 14;
export const NEAR_COPY_LONG_COVER = 0.3;
/** How much more the best country's sentence must share than any other country's. */
export const NEAR_COPY_MARGIN = 1.5;
/** Above this many loaded reports the scan is not made (each report would be read): the sentence stays silent. */
export const NEAR_COPY_MAX_REPORTS = 64;

export function nearCopyCountry(prose: string, sentence: Span, index: KbIndex, stems?: Map<string, string | undefined>): string | undefined {
  const reports = index.newestFirst();
  if (reports.length === 0 || reports.length > NEAR_COPY_MAX_REPORTS) return undefined;
  const terms = termsOf(prose, sentence.start, sentence.end, stems);
  if (terms.size < 4) return undefined;
  const bestOf = new Map<string, number>();
  let winner: string | undefined;
  for (const report of reports) {
    const best = bestSentenceWeight(terms, report, index);
    if (best === undefined) continue;
    const country = report.manifest.country;
    if (best > (bestOf.get(country) ?? -1)) bestOf.set(country, best);
    if (winner === undefined || best > bestOf.get(winner)!) winner = country;
  }
  if (winner === undefined) return undefined;
  const top = bestOf.get(winner)!;
  for (const [country, w] of bestOf) if (country !== winner && w * NEAR_COPY_MARGIN > top) return undefined;
  return winner;
}

/** The weight the best-matching sentence of the report shares with the terms, when it is a near copy; else undefined. */
function bestSentenceWeight(terms: ReadonlySet<string>, report: Report, index: KbIndex): number | undefined {
  const { weights, total } = sentenceWeights(terms, report, index);
  let best = 0;
  let at = -1;
  for (const [s, v] of weights) if (v > best) [best, at] = [v, s];
  if (best < NEAR_COPY_MIN_WEIGHT || best < NEAR_COPY_MIN_SHARE * total) return undefined;
  // Both ways: the draft sentence also says most of what the report sentence says, not a few of its words.
  const { sentences, idf } = index.termsOf(report);
  let own = 0;
  for (const t of sentences[at] ?? []) own += idf(t);
  const cover = own > 0 ? best / own : 0;
  return cover >= NEAR_COPY_MIN_COVER || (best >= NEAR_COPY_STRONG_WEIGHT && cover >= NEAR_COPY_LONG_COVER) ? best : undefined;
}
