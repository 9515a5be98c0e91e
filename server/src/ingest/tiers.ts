/** Tier facts: the header's "(Tier 3)" and sentences such as "therefore Cambodia remained on Tier 3". */
import type { Fact, ReportManifest, TierChange, TierName } from '../model/kb';
import type { Structure } from './structure';
import { toTierName } from './structure';
import { changeOfVerb } from '../reading/tierWords';

export const TIER_PHRASE = /\b(remained|remains|remain|was\s+upgraded|were\s+upgraded|upgraded|was\s+downgraded|downgraded|moved\s+(?:up|down)|dropped|fell|rose|placed|ranked|is|was|on|to)\s+(?:on\s+|to\s+|at\s+)?(Tier\s+(?:1|2|3|One|Two|Three)(?:\s+Watch\s+List)?)\b/gi;

export function tierNumber(t: TierName): number {
  return t === 'Tier 1' ? 1 : t === 'Tier 2' ? 2 : t === 'Tier 2 Watch List' ? 2.5 : t === 'Tier 3' ? 3 : 0;
}

/** The change a verb phrase states: the one table of tier verbs (reading/tierWords.ts). */
export function changeOf(verb: string): TierChange | undefined {
  return changeOfVerb(verb);
}

export function extractTierFacts(manifest: ReportManifest, text: string, structure: Structure): Omit<Fact, 'id'>[] {
  const out: Omit<Fact, 'id'>[] = [];
  const country = manifest.country.toLowerCase();
  for (const s of structure.sentences) {
    const sentence = text.slice(s.span.start, s.span.end);
    if (!sentence.toLowerCase().includes(country)) continue;
    TIER_PHRASE.lastIndex = 0;
    for (let m = TIER_PHRASE.exec(sentence); m; m = TIER_PHRASE.exec(sentence)) {
      const tier = toTierName(m[2]);
      if (!tier) continue;
      const start = s.span.start + m.index + m[0].lastIndexOf(m[2]);
      const change = changeOf(m[1]);
      out.push({ kind: 'tier', values: [tierNumber(tier)], unit: 'tier', tier, tierChange: change, actions: [], topics: [], year: manifest.edition, sentence: s.index, span: { start, end: start + m[2].length } } as Omit<Fact, 'id'>);
      if (change === 'remained') {
        out.push({ kind: 'tier', values: [tierNumber(tier)], unit: 'tier', tier, actions: [], topics: [], year: manifest.edition - 1, sentence: s.index, span: { start, end: start + m[2].length }, inferredFrom: `"${m[0].trim()}" in the ${manifest.edition} report` } as Omit<Fact, 'id'>);
      }
    }
  }
  if (!out.some((f) => f.year === manifest.edition) && structure.header?.tier && structure.header.tierSpan) {
    const tier = structure.header.tier;
    out.push({ kind: 'tier', values: [tierNumber(tier)], unit: 'tier', tier, actions: [], topics: [], year: manifest.edition, sentence: -1, span: structure.header.tierSpan });
  }
  return out;
}
