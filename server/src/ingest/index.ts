/** Narrative text + manifest -> Report (sections, paragraphs, sentences, recommendations, facts). Pure. */
import { USUAL_SECTIONS, type Fact, type NonFact, type Report, type ReportManifest } from '../service/kb';
import { extractFigures } from './figures';
import { parseStructure } from './structure';
import { extractTierFacts } from './tiers';

export { parseManifest, checkManifest } from './manifest';

export function ingestReport(manifest: ReportManifest, text: string, file: string): Report {
  const structure = parseStructure(text, manifest.firstSection ?? manifest.sections[0]);
  const facts: Fact[] = [];
  const nonFacts: NonFact[] = [];
  const add = (f: Omit<Fact, 'id'>) => facts.push({ id: `${manifest.id}#${facts.length + 1}`, ...f });
  for (const p of structure.paragraphs) {
    let paragraphYear: number | undefined;
    for (const si of p.sentences) {
      const s = structure.sentences[si];
      const r = extractFigures(text, s.span, { paragraphYear, periodYear: manifest.dataYear });
      for (const f of r.figures) {
        const { approx: _approx, unitSpan: _unitSpan, yearPartial: _partial, multiYear: _multi, ...rest } = f;
        add({ ...rest, sentence: si });
      }
      for (const n of r.nonFigures) nonFacts.push({ ...n, sentence: si });
      if (r.years.length) paragraphYear = r.years[r.years.length - 1];
    }
  }
  for (const t of extractTierFacts(manifest, text, structure)) add(t);
  const present = new Set(structure.sections.map((s) => s.slug.replace(/-\d+$/, '')));
  const partial = USUAL_SECTIONS.some((s) => !present.has(s.slug));
  return {
    id: manifest.id,
    manifest,
    file,
    text,
    partial,
    sections: structure.sections,
    paragraphs: structure.paragraphs,
    sentences: structure.sentences,
    recommendations: structure.recommendations,
    facts,
    nonFacts,
  };
}
