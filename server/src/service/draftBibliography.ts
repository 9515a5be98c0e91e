/**
 * A draft's own bibliography: the entries of the files its front matter names (`bibliography: refs.json`,
 * or a list) and its inline `references:`. Keys defined there are the writer's, not TIP Lens's: they are
 * never reference.unknown. An entry whose URL or title is a loaded TIP narrative (a Zotero export of the
 * State Department's page) is a citation of that report: `[@state2023cambodia]` reads like `[@KHM-2023]`.
 *
 * Pure: the front ends read the files (node/bibliographyFiles.ts) and hand their text here to be parsed.
 * Messages never repeat a file's content (a hostile file must not put words in them).
 */
import { parse as parseYaml } from 'yaml';
import type { KnowledgeBase, Report } from '../model/kb';
import { derived, derivedKey } from '../model/derived';
import { parseBibtexEntries } from './bibtex';

export { parseBibtexEntries };

/** "2023 Trafficking in Persons Report: Cambodia": the manifest's source title, or that form when it has none. */
export function reportTitle(report: Report): string {
  return report.manifest.source.title.trim() || `${report.manifest.edition} Trafficking in Persons Report: ${report.manifest.country}`;
}

/** What TIP Lens reads of a bibliography entry. */
export interface BibEntry {
  id: string;
  title?: string;
  url?: string;
}

export type BibliographyRead = { entries: BibEntry[]; problem?: undefined } | { entries?: undefined; problem: string };

/** Reads a named bibliography file (I/O in the front end); `path` as the front matter writes it. */
export type BibliographyLoader = (draftUri: string, path: string) => BibliographyRead;

/** The bibliography formats pandoc 2.17 reads, by file extension. */
export type BibliographyKind = 'csl-json' | 'csl-yaml' | 'bibtex';
const KIND_BY_EXTENSION: Readonly<Record<string, BibliographyKind>> = {
  '.json': 'csl-json',
  '.yaml': 'csl-yaml',
  '.yml': 'csl-yaml',
  '.bib': 'bibtex',
  '.bibtex': 'bibtex',
};

export function bibliographyKind(path: string): BibliographyKind | undefined {
  const m = /\.[A-Za-z]+$/.exec(path);
  return m ? KIND_BY_EXTENSION[m[0].toLowerCase()] : undefined;
}

/** The entries of a bibliography file's text, or why it cannot be read (without quoting the file). */
export function parseBibliography(text: string, path: string): BibliographyRead {
  const kind = bibliographyKind(path);
  if (!kind) return { problem: 'not a bibliography TIP Lens reads: the name must end in .json (CSL JSON), .yaml or .yml (CSL YAML), or .bib or .bibtex (BibTeX)' };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (kind === 'bibtex') return { entries: parseBibtexEntries(text) };
  let data: unknown;
  if (kind === 'csl-json') {
    try {
      data = JSON.parse(text);
    } catch {
      return { problem: 'not valid JSON (a CSL JSON bibliography is a JSON array of entries)' };
    }
  } else {
    try {
      data = parseYaml(text);
    } catch (e) {
      const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
      return { problem: `not valid YAML${line ? ` (line ${line})` : ''}` };
    }
    if (data && typeof data === 'object' && !Array.isArray(data)) data = (data as Record<string, unknown>).references;
  }
  if (!Array.isArray(data)) return { problem: kind === 'csl-json' ? 'not CSL JSON: expected a JSON array of entries' : 'not CSL YAML: expected a list of entries, or `references:` with a list' };
  return { entries: cslEntries(data) };
}

/** The id, title and URL of CSL JSON or YAML entries (others are skipped: pandoc reports those itself). */
export function cslEntries(list: readonly unknown[]): BibEntry[] {
  const out: BibEntry[] = [];
  for (const e of list) {
    if (!e || typeof e !== 'object') continue;
    const o = e as Record<string, unknown>;
    const id = typeof o.id === 'string' ? o.id : typeof o.id === 'number' ? String(o.id) : undefined;
    if (!id) continue;
    const url = o.URL ?? o.url;
    out.push({ id, ...(typeof o.title === 'string' ? { title: o.title } : {}), ...(typeof url === 'string' ? { url } : {}) });
  }
  return out;
}

/** `state.gov/reports/2023-trafficking-in-persons-report/cambodia`: a URL without scheme, www., query, fragment or trailing slash, lower case. */
export function normalUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

/** A title's words in lower case, punctuation and spacing left out. */
export function normalTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface ReportLookup { size: number; byUrl: Map<string, Report>; byTitle: Map<string, Report> }
/** The knowledge base's reports by source URL and title, made again when reports were added since. */
const REPORT_LOOKUP = derivedKey<{ look?: ReportLookup }>('reports by URL and title');

/** The loaded report whose source URL or title an entry has, if any. */
export function reportOfEntry(kb: KnowledgeBase, entry: BibEntry): Report | undefined {
  const slot = derived(kb, REPORT_LOOKUP, (): { look?: ReportLookup } => ({}));
  let look = slot.look;
  if (!look || look.size !== kb.reports.size) {
    look = { size: kb.reports.size, byUrl: new Map(), byTitle: new Map() };
    for (const r of kb.all()) {
      const u = normalUrl(r.manifest.source.url);
      if (u && !look.byUrl.has(u)) look.byUrl.set(u, r);
      const t = normalTitle(reportTitle(r));
      if (t && !look.byTitle.has(t)) look.byTitle.set(t, r);
    }
    slot.look = look;
  }
  return (entry.url ? look.byUrl.get(normalUrl(entry.url)) : undefined) ?? (entry.title ? look.byTitle.get(normalTitle(entry.title)) : undefined);
}

/** The draft's bibliography keys, each with the loaded report its entry is, when it is one. */
export type DraftBibliography = Map<string, Report | null>;

export function draftBibliography(kb: KnowledgeBase, entries: readonly BibEntry[]): DraftBibliography {
  const out: DraftBibliography = new Map();
  for (const e of entries) if (!out.has(e.id)) out.set(e.id, reportOfEntry(kb, e) ?? null);
  return out;
}

/** The `bibliography:` paths of parsed front matter (a string or a list of strings). */
export function bibliographyPaths(value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim());
}
