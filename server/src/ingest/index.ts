/** Narrative text + manifest -> Report (sections, paragraphs, sentences, recommendations, facts). Pure. */
import { USUAL_SECTIONS, type Fact, type NonFact, type Paragraph, type Recommendation, type Report, type ReportManifest, type Section, type Sentence } from '../model/kb';
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

/**
 * A report whose text is held but not yet ingested: id, manifest, file and text are
 * there at once; sections, paragraphs, sentences, recommendations and facts are worked
 * out the first time any of them is read, once. A knowledge base of thousands of
 * narratives then loads in the time it takes to read them, and a check, hover or
 * completion pays for the few reports it actually looks into.
 */
class LazyReport implements Report {
  readonly id: string;
  #full?: Report;

  constructor(
    readonly manifest: ReportManifest,
    readonly text: string,
    readonly file: string,
  ) {
    this.id = manifest.id;
  }

  /** True once the text has been ingested (for tests and the benchmark). */
  get ingested(): boolean {
    return this.#full !== undefined;
  }

  get #report(): Report {
    return (this.#full ??= ingestReport(this.manifest, this.text, this.file));
  }

  get partial(): boolean {
    return this.#report.partial;
  }
  get sections(): Section[] {
    return this.#report.sections;
  }
  get paragraphs(): Paragraph[] {
    return this.#report.paragraphs;
  }
  get sentences(): Sentence[] {
    return this.#report.sentences;
  }
  get recommendations(): Recommendation[] {
    return this.#report.recommendations;
  }
  get facts(): Fact[] {
    return this.#report.facts;
  }
  get nonFacts(): NonFact[] {
    return this.#report.nonFacts;
  }
}

/** A report ingested on first use (see LazyReport). */
export function lazyReport(manifest: ReportManifest, text: string, file: string): Report {
  return new LazyReport(manifest, text, file);
}

/** Whether a report has been ingested yet (always true for an eagerly ingested one). */
export function isIngested(report: Report): boolean {
  return !(report instanceof LazyReport) || report.ingested;
}
