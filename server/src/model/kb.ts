/**
 * The knowledge base model: reports, their sections, paragraphs, sentences,
 * recommendations and facts. Every offset is a UTF-16 offset into `Report.text`,
 * the original characters of the bundled or user-supplied narrative.
 */
import type { ACTIONS } from './actions';

export interface Span {
  start: number;
  end: number;
}

export interface ReportSource {
  publisher: string;
  title: string;
  url: string;
}

export type TierName = 'Tier 1' | 'Tier 2' | 'Tier 2 Watch List' | 'Tier 3' | 'Special Case';
export type TierChange = 'remained' | 'upgraded' | 'downgraded';

/** The manifest users write beside a narrative text (see README, "Bring your own narratives"). */
export interface ReportManifest {
  /** `ISO3-YEAR`, e.g. KHM-2023. */
  id: string;
  country: string;
  iso3: string;
  /** Edition year of the TIP Report. */
  edition: number;
  /** Calendar year the edition's data covers (the 2022 edition covers 2021). Default: edition - 1. */
  dataYear: number;
  /** Tier as the text states it; absent when the loaded text does not say. */
  tier?: TierName;
  /** Section slugs the loaded text holds, in order (e.g. ["summary", "recommendations"]). */
  sections: string[];
  /** The section the text begins in when it has no heading of its own (e.g. "prosecution"). */
  firstSection?: string;
  /** Narrative text file, relative to the manifest. */
  text: string;
  source: ReportSource;
}

export interface Section {
  slug: string;
  title: string;
  span: Span;
  /** Paragraph anchors in this section, in order. */
  paragraphs: string[];
}

export interface Paragraph {
  /** `<section-slug>.<n>`, n from 1 within the section. */
  anchor: string;
  section: string;
  index: number;
  span: Span;
  /** Indexes into Report.sentences. */
  sentences: number[];
}

export interface Sentence {
  index: number;
  paragraph: string;
  span: Span;
}

export interface Recommendation {
  /** R1 … Rn in report order. */
  key: string;
  index: number;
  /** The exact original text of the recommendation. */
  text: string;
  span: Span;
  paragraph: string;
}

export type FactKind = 'penalty' | 'count' | 'tier' | 'duration' | 'date-span';
/** What a figure counts being done: the keys of the ACTIONS table (model/actions.ts). */
export type Action = keyof typeof ACTIONS;
export type Form = 'sex trafficking' | 'forced labor' | 'unspecified' | 'non-sexual';
export type Victim = 'adult' | 'child';

/** What a figure says, in the report (a fact) or in a draft (a claim): the two are read alike. */
export interface FigureReading {
  kind: FactKind;
  /** One value, or [min, max] for ranges. For tier facts: [tier number] with `tier` set. */
  values: number[];
  /** Normalised unit: years, months, days, traffickers, suspects, cases, officers, participants, sessions, trainings, nationals, individuals, brokers, … */
  unit: string;
  /** For a range whose ends have different units ("six days to one month"). */
  unitMax?: string;
  /** Actions the figure is about ("arrested and convicted" gives two); empty when none is stated. */
  actions: Action[];
  form?: Form;
  victim?: Victim;
  /** Calendar year the figure is about, when the text says. */
  year?: number;
  /** Where the year came from: the sentence itself, an earlier sentence of its paragraph, or the edition's reporting period. */
  yearFrom?: 'sentence' | 'paragraph' | 'period';
  /** Restrictive subjects: a claim matches this fact only when it names the same ones ("military general", "labor law", "online child sexual exploitation", "courts"). */
  topics: string[];
  /**
   * The number counts others besides someone named just before it ("a two-star military
   * general and six other traffickers"): the group it belongs to is one larger (seven).
   */
  others?: boolean;
  /** Who the report attributes the figure to, when not the government ("media reports", "NGOs"). */
  attribution?: string;
  /** The number (or tier) text in the original. */
  span: Span;
}

export interface Fact extends FigureReading {
  /** Stable within a report: `<report-id>#<n>`. */
  id: string;
  tier?: TierName;
  tierChange?: TierChange;
  /** Index into Report.sentences. */
  sentence: number;
  /** True when derived from another report's statement (e.g. 2023 "remained on Tier 3" implies Tier 3 in 2022). */
  inferredFrom?: string;
}

/** A number in the text that is deliberately not a fact, with the reason. */
export interface NonFact {
  span: Span;
  text: string;
  reason: string;
  sentence: number;
}

export interface Report {
  id: string;
  manifest: ReportManifest;
  /** Where it came from (a path for the CLI and server; "bundled:KHM-2023.txt" for bundled ones). */
  file: string;
  text: string;
  /** True when the text holds only some of a narrative's usual sections. */
  partial: boolean;
  sections: Section[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  recommendations: Recommendation[];
  facts: Fact[];
  nonFacts: NonFact[];
  /**
   * Content terms of each sentence (reading/terms.ts termsOf), when they came with the report: the
   * build's snapshot of the bundled reports holds them. Otherwise the retrieval index works them out.
   */
  sentenceTerms?: readonly (readonly string[])[];
}

export interface LoadProblem {
  file: string;
  message: string;
}

/** Usual sections of a full TIP Report country narrative, in order. */
export const USUAL_SECTIONS: readonly { slug: string; title: string }[] = [
  { slug: 'summary', title: 'Summary' },
  { slug: 'recommendations', title: 'Prioritized Recommendations' },
  { slug: 'prosecution', title: 'Prosecution' },
  { slug: 'protection', title: 'Protection' },
  { slug: 'prevention', title: 'Prevention' },
  { slug: 'profile', title: 'Trafficking Profile' },
];

export class KnowledgeBase {
  readonly reports = new Map<string, Report>();
  readonly problems: LoadProblem[] = [];

  constructor(reports: Iterable<Report> = [], problems: LoadProblem[] = []) {
    for (const r of reports) this.add(r);
    this.problems.push(...problems);
  }

  /** Adds a report; a duplicate id is a problem and the first one wins. */
  add(report: Report): boolean {
    if (this.reports.has(report.id)) {
      this.problems.push({ file: report.file, message: `duplicate report id ${report.id} (already loaded from ${this.reports.get(report.id)!.file}); ignored` });
      return false;
    }
    this.reports.set(report.id, report);
    return true;
  }

  get(id: string): Report | undefined {
    return this.reports.get(id.toUpperCase());
  }

  all(): Report[] {
    return [...this.reports.values()];
  }
}

export function paragraphOf(report: Report, anchor: string): Paragraph | undefined {
  return report.paragraphs.find((p) => p.anchor === anchor);
}

export function sectionTitle(report: Report, slug: string): string {
  return report.sections.find((s) => s.slug === slug)?.title ?? USUAL_SECTIONS.find((s) => s.slug === slug)?.title ?? slug;
}

/** `tip-lens:/KHM-2022.txt`: the URI under which a report's original text is served (request `tipLens/reportText`). */
export function reportUri(id: string): string {
  return `tip-lens:/${id}.txt`;
}

export function reportIdFromUri(uri: string): string | undefined {
  const m = /^tip-lens:\/+([A-Za-z]{3}-\d{4})(?:\.txt|\/[^/]+)$/.exec(uri);
  return m ? m[1].toUpperCase() : undefined;
}

/**
 * `tip-lens:/KHM-2022/2022 TIP Report — Cambodia · Prosecution ¶2`: the same report text under a name that
 * says where in the report a location is. Editors show a location by its URI's last segment (VS Code's
 * related information and Problems), so this is what a writer reads instead of `KHM-2022.txt`.
 */
export function itemUri(report: Report, key?: string): string {
  return `tip-lens:/${report.id}/${encodeURIComponent(citationLabel(report, key))}`;
}

/** The recommendation (`R3`) or paragraph (`prosecution.2`) holding `offset` of the report's text. */
export function itemKeyAt(report: Report, offset: number): string | undefined {
  const within = (s: Span) => s.start <= offset && offset < s.end;
  return report.recommendations.find((r) => within(r.span))?.key ?? report.paragraphs.find((p) => within(p.span))?.anchor;
}

/** "2022 TIP Report — Cambodia · Prosecution ¶3" */
export function citationLabel(report: Report, anchor?: string): string {
  const base = `${report.manifest.edition} TIP Report — ${report.manifest.country}`;
  if (!anchor) return base;
  if (/^R\d+$/.test(anchor)) return `${base} · Prioritized Recommendation ${anchor.slice(1)}`;
  const [slug, n] = anchor.split('.');
  return `${base} · ${sectionTitle(report, slug)} ¶${n}`;
}
