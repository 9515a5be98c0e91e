/**
 * Bibliography entries for the loaded reports, so that a draft's `[@KHM-2023/R13]` renders with
 * `pandoc --citeproc` and imports into reference managers. CSL JSON (CSL 1.0 input data) is built
 * here; RIS is written from it. Pure: the CLI and the server write the files.
 *
 * Shape (CSL 1.0 variables): a report is `type: report` with its title, the publisher as author and
 * publisher, the edition year as `issued`, its URL and `genre: Country narrative`; an item of it (a
 * recommendation or a paragraph) is `type: chapter` titled by the item ("Prioritized Recommendation 13",
 * "Prosecution, paragraph 2") in the report (`container-title`), with the report's data and the
 * section's title as `section` and the item's key as `number`: citeproc renders it as a part of that report.
 */
import type { Report } from '../model/kb';
import { sectionTitle } from '../model/kb';
import type { DraftReference } from './types';
import type { KnowledgeBase } from '../model/kb';
import { resolveReference, type DraftText } from './draft';
import { reportTitle } from './draftBibliography';

export { reportTitle };

/** A CSL 1.0 name: institutions are literal names. */
export interface CslName {
  literal?: string;
  family?: string;
  given?: string;
}

/** The CSL 1.0 input variables this export writes (and the few a reader needs). */
export interface CslItem {
  id: string;
  type: 'report' | 'chapter';
  title: string;
  'container-title'?: string;
  author?: CslName[];
  publisher?: string;
  'publisher-place'?: string;
  issued?: { 'date-parts': [number][] };
  URL?: string;
  genre?: string;
  section?: string;
  number?: string;
  language?: string;
  note?: string;
}

export type BibliographyFormat = 'csl-json' | 'bibtex' | 'ris';
export const BIBLIOGRAPHY_FORMATS: readonly BibliographyFormat[] = ['csl-json', 'bibtex', 'ris'];

/** The usual file extension of each format (pandoc picks the reader by it). */
export const BIBLIOGRAPHY_EXTENSION: Readonly<Record<BibliographyFormat, string>> = { 'csl-json': '.json', bibtex: '.bib', ris: '.ris' };


/** "Prioritized Recommendation 13", "Prosecution, paragraph 2". */
export function itemTitle(report: Report, key: string): string {
  if (/^R\d+$/.test(key)) return `Prioritized Recommendation ${key.slice(1)}`;
  const [slug, n] = key.split('.');
  return `${sectionTitle(report, slug)}, paragraph ${n}`;
}

function reportFields(report: Report): Omit<CslItem, 'id' | 'type' | 'title'> {
  const publisher = report.manifest.source.publisher.trim() || 'U.S. Department of State';
  const url = report.manifest.source.url.trim();
  return {
    author: [{ literal: publisher }],
    publisher,
    ...(publisher === 'U.S. Department of State' ? { 'publisher-place': 'Washington, DC' } : {}),
    issued: { 'date-parts': [[report.manifest.edition]] },
    ...(url ? { URL: url } : {}),
    language: 'en',
  };
}

/** The report's own entry, under its id (`KHM-2023`) or another key (a draft's short reference). */
export function reportItem(report: Report, id = report.id): CslItem {
  return { id, type: 'report', title: reportTitle(report), ...reportFields(report), genre: 'Country narrative' };
}

/** An item's entry: `KHM-2023/R13` (a recommendation) or `KHM-2022/prosecution.2` (a paragraph). */
export function partItem(report: Report, key: string, id = `${report.id}/${key}`): CslItem {
  const section = /^R\d+$/.test(key) ? sectionTitle(report, 'recommendations') : sectionTitle(report, key.split('.')[0]);
  return { id, type: 'chapter', title: itemTitle(report, key), 'container-title': reportTitle(report), ...reportFields(report), section, number: key };
}

export interface BibliographyOptions {
  /** One entry per recommendation and paragraph besides the report's (default true). */
  items?: boolean;
}

/** Entries of the reports, in order: each report, then (with items) its recommendations and paragraphs. */
export function cslItems(reports: readonly Report[], options: BibliographyOptions = {}): CslItem[] {
  const out: CslItem[] = [];
  for (const r of reports) {
    out.push(reportItem(r));
    if (options.items === false) continue;
    for (const x of r.recommendations) out.push(partItem(r, x.key));
    for (const p of r.paragraphs) out.push(partItem(r, p.anchor));
  }
  return out;
}

export function cslJson(items: readonly CslItem[]): string {
  return JSON.stringify(items, null, 2) + '\n';
}

/**
 * RIS (the tagged format Zotero, EndNote and Mendeley import): one `TAG  - value` line per field,
 * records ended by `ER  - `. RIS has no escaping: a value is one line, so line breaks and other
 * control characters in a value become spaces. Lines end with CRLF as the format asks.
 */
export function risOf(items: readonly CslItem[]): string {
  const lines: string[] = [];
  const one = (v: string) => v.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  const tag = (t: string, v: string | number | undefined) => {
    if (v === undefined || v === '') return;
    lines.push(`${t}  - ${one(String(v))}`);
  };
  for (const it of items) {
    tag('TY', it.type === 'chapter' ? 'CHAP' : 'RPRT');
    tag('ID', it.id);
    for (const a of it.author ?? []) tag('AU', a.literal ?? [a.family, a.given].filter(Boolean).join(', '));
    tag('TI', it.title);
    tag('T2', it['container-title']);
    tag('PB', it.publisher);
    tag('CY', it['publisher-place']);
    tag('PY', it.issued?.['date-parts'][0][0]);
    tag('UR', it.URL);
    tag('M3', it.genre);
    tag('SE', it.section);
    tag('LA', it.language);
    tag('N1', it.number ? `TIP Lens key: ${it.id}` : undefined);
    lines.push('ER  - ', '');
  }
  return lines.join('\r\n');
}

/**
 * The entries a draft's citations need, whatever the export's other options: each item it cites
 * (`KHM-2022/prosecution.2`) and each short reference (`[@R13]` under `tip-report: KHM-2023`, which
 * pandoc looks up as `R13`) under the key as written. Keys that do not resolve, or that name a whole
 * report under its own id, need none beyond the report entries.
 */
export function draftItems(references: readonly DraftReference[]): CslItem[] {
  const out = new Map<string, CslItem>();
  for (const ref of references) {
    const t = ref.target;
    if (!t || out.has(ref.raw)) continue;
    if (t.kind === 'report') {
      // `[@khm-2023]` is looked up as written; `[@state2023cambodia]` is the draft's own bibliography's.
      if (ref.raw !== t.report.id && ref.raw.toUpperCase() === t.report.id) out.set(ref.raw, reportItem(t.report, ref.raw));
    } else if (ref.item) out.set(ref.raw, partItem(t.report, ref.item, ref.raw));
  }
  return [...out.values()];
}

/**
 * Pandoc's in-text citations written in full, `@KHM-2023/R5 says…` (no brackets): the engine checks only
 * bracketed citations, but an export for the draft must hold these keys too. Short keys (`@R5`) are not
 * read here: bare, they are too easily something else.
 */
export function inTextReferences(draft: DraftText, kb: KnowledgeBase): DraftReference[] {
  const out: DraftReference[] = [];
  for (const m of draft.prose.matchAll(/(?<![\w@.\/-])@([A-Za-z]{3}-\d{4}(?:\/[A-Za-z][\w-]*(?:\.\d+)?)?)(?![\w\/-])/g)) {
    const span = { start: m.index + 1, end: m.index + m[0].length };
    const ref = resolveReference({ bracket: span, span, raw: m[1] }, kb, undefined);
    if (ref.target) out.push(ref);
  }
  return out;
}
