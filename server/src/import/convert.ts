/**
 * Blocks (headings, paragraphs, list items with their source offsets) → one narrative text per
 * country, in the knowledge base's plain-text format (one paragraph per line, section headings
 * on lines of their own), and the manifest inferred for each. Pure: no I/O.
 */
import type { ReportManifest } from '../model/kb';
import type { Block, DocumentMeta, SourceFormat } from './blocks';
import type { CountryEntry } from './countries';
import { parseTitle, parseTitlePrefix, type Title } from './title';

export interface ImportOptions {
  /** Name of the input, for messages. */
  file: string;
  format: SourceFormat;
  edition?: number;
  /** --country: the only narrative to take (or the country of a text with no title heading). */
  country?: CountryEntry;
}

/** The manifest an import writes: a report manifest (model/kb.ts) with its first section and where each line came from. */
export interface ImportedManifest extends ReportManifest {
  firstSection: string;
  /** Where each line of the text came from in the input: [offset in the text, start and end in the input]. */
  origin: { file: string; format: SourceFormat; lines: [number, number, number][] };
}

export interface ImportedNarrative {
  id: string;
  text: string;
  manifest: ImportedManifest;
  /** Things worth knowing that did not stop the import (no tier found, a heading skipped). */
  notes: string[];
}

export interface ImportResult {
  narratives: ImportedNarrative[];
  /** Why nothing could be imported; each names the file. */
  problems: string[];
  /** Narratives of a document of several that could not be imported (each names the file and the narrative); the others can be. */
  skipped?: string[];
  notes: string[];
}

/** Section headings of every era; "RECOMMENDATIONS FOR CAMBODIA:" (before 2020) and "PRIORITIZED RECOMMENDATIONS:" (2020 on). */
const SECTION_HEADS: { re: RegExp; slug: string }[] = [
  { re: /^prioriti[sz]ed\s+recommendations\s*:?$/i, slug: 'recommendations' },
  { re: /^recommendations(?:\s+for\s+[^:]{2,60})?\s*:?$/i, slug: 'recommendations' },
  { re: /^prosecution\s*:?$/i, slug: 'prosecution' },
  { re: /^protection\s*:?$/i, slug: 'protection' },
  { re: /^prevention\s*:?$/i, slug: 'prevention' },
  { re: /^trafficking\s+profile\s*:?$/i, slug: 'profile' },
];
/** A heading run into its paragraph: "Recommendations for Honduras: Increase …". */
const RUN_IN_RECOMMENDATIONS = /^((?:prioriti[sz]ed\s+)?recommendations(?:\s+for\s+[^:]{2,60})?\s*:)\s+(\S)/i;

const EDITION_RES = [/\b((?:19|20)\d\d)\s+TIP\s+Report\b/i, /\b((?:19|20)\d\d)\s+Trafficking\s+in\s+Persons\s+Report\b/i, /\/((?:19|20)\d\d)-trafficking-in-persons-report\b/i, /\bTrafficking\s+in\s+Persons\s+Report\s*[,:–—-]?\s*(?:June\s+)?((?:19|20)\d\d)\b/i, /\bTIP\s+Report\s+((?:19|20)\d\d)\b/i];

export function sectionOf(heading: string): string | undefined {
  const t = heading.replace(/\s+/g, ' ').trim();
  return SECTION_HEADS.find((h) => h.re.test(t))?.slug;
}

/** The edition a text names ("2023 Trafficking in Persons Report", a state.gov report URL), if any. */
export function editionIn(text: string): number | undefined {
  for (const re of EDITION_RES) {
    const m = re.exec(text);
    if (m) {
      const y = Number(m[1]);
      if (y >= 2001 && y <= 2100) return y;
    }
  }
  return undefined;
}

interface Chunk {
  title?: Title;
  titleBlock?: Block;
  blocks: Block[];
}

export function importNarratives(blocks: Block[], meta: DocumentMeta, opts: ImportOptions): ImportResult {
  const notes: string[] = [];
  const { chunks, prelude, problem } = narrativeChunks(blocks, opts);
  if (problem) return { narratives: [], skipped: [], problems: [problem], notes };
  const edition = documentEdition(chunks, prelude, meta, opts);
  if (edition === undefined) return { narratives: [], skipped: [], problems: [`${opts.file}: cannot tell the edition (the document names no "20XX Trafficking in Persons Report"); pass --edition YEAR`], notes };
  const { narratives, skipped } = chunkNarratives(chunks, edition, meta, opts);
  const problems: string[] = [];
  if (opts.country && narratives.length === 0 && skipped.length === 0) problems.push(`${opts.file}: no narrative for ${opts.country.name} in it`);
  // One narrative that cannot be imported is the document's problem; one of several is skipped and the others imported.
  if (narratives.length === 0) return { narratives, problems: [...problems, ...skipped], skipped: [], notes };
  return { narratives, problems, skipped, notes };
}

/**
 * The document split at its title headings: a chunk per narrative and the blocks before the first (the
 * prelude). A text with sections but no title heading is one chunk (of --country); without either, or
 * without --country, a problem.
 */
function narrativeChunks(blocks: Block[], opts: ImportOptions): { chunks: Chunk[]; prelude: Block[]; problem?: string } {
  const bare = opts.format !== 'pdf';
  const chunks: Chunk[] = [];
  const prelude: Block[] = [];
  let current: Chunk | undefined;
  for (const b of blocks) {
    const title = b.kind !== 'item' ? (parseTitle(b.text, { bare: bare && b.kind === 'heading', extra: opts.country }) ?? (opts.format === 'text' && !current ? parseTitlePrefix(b.text, opts.country) : undefined)) : undefined;
    if (title) {
      current = { title, titleBlock: b, blocks: [] };
      chunks.push(current);
    } else if (current) current.blocks.push(b);
    else prelude.push(b);
  }
  if (chunks.length === 0 && prelude.some((b) => sectionOf(b.text) || RUN_IN_RECOMMENDATIONS.test(b.text))) {
    if (!opts.country) return { chunks, prelude, problem: `${opts.file}: cannot tell which country this narrative is about (no title heading such as "CAMBODIA: Tier 2 Watch List"); pass --country NAME or ISO3` };
    return { chunks: [{ blocks: prelude }], prelude: [] };
  }
  if (chunks.length === 0) return { chunks, prelude, problem: `${opts.file}: no TIP country narrative found (no title heading such as "CAMBODIA: Tier 2 Watch List" and no section such as PROSECUTION)` };
  return { chunks, prelude };
}

/** The edition: --edition, else what the document says of itself, else what its text says. */
function documentEdition(chunks: readonly Chunk[], prelude: readonly Block[], meta: DocumentMeta, opts: ImportOptions): number | undefined {
  let edition = opts.edition;
  if (edition === undefined) {
    const hints = [meta.title, meta.url, ...(meta.hints ?? []), ...prelude.slice(0, 40).map((b) => b.text)].filter((s): s is string => !!s);
    for (const h of hints) if ((edition = editionIn(h)) !== undefined) break;
  }
  if (edition === undefined) {
    for (const c of chunks) for (const b of [c.titleBlock, ...c.blocks.slice(0, 3)]) if (b && edition === undefined) edition = editionIn(b.text);
  }
  return edition;
}

/** A narrative per chunk (of --country's only, when given); the chunks that make none, each with why. */
function chunkNarratives(chunks: readonly Chunk[], edition: number, meta: DocumentMeta, opts: ImportOptions): { narratives: ImportedNarrative[]; skipped: string[] } {
  const narratives: ImportedNarrative[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const chunk of chunks) {
    const country = chunk.title ? chunk.title.country : opts.country;
    if (opts.country && chunk.title?.country && chunk.title.country.iso3 !== opts.country.iso3) continue;
    if (!country) {
      skipped.push(`${opts.file}: the narrative headed "${chunk.titleBlock?.text.trim()}" names a country not in the TIP country table; pass --country "${chunk.title?.written ?? 'NAME'}=ISO3"`);
      continue;
    }
    const n = buildNarrative(chunk, country, edition, meta, opts);
    if (seen.has(n.id)) {
      skipped.push(`${opts.file}: a second narrative for ${country.name} (${n.id}); only the first is imported`);
      continue;
    }
    if (!n.manifest.sections.length || !n.text.includes('\n')) {
      skipped.push(`${opts.file}: the narrative headed "${chunk.titleBlock?.text.trim() ?? country.name}" has no paragraphs`);
      continue;
    }
    seen.add(n.id);
    narratives.push(n);
  }
  return { narratives, skipped };
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** "Increase …; train …; and fund …." → its items, each with its offset in the paragraph. */
export function splitSemicolons(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let depth = 0;
  let s = 0;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a])) a++;
    const lead = /^and\s+/i.exec(text.slice(a, b));
    if (lead) a += lead[0].length;
    while (b > a && /[\s;]/.test(text[b - 1])) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      push(s, i);
      s = i + 1;
    }
  }
  push(s, text.length);
  return out;
}

function buildNarrative(chunk: Chunk, country: CountryEntry, edition: number, meta: DocumentMeta, opts: ImportOptions): ImportedNarrative {
  const notes: string[] = [];
  const id = `${country.iso3}-${edition}`;
  const out = new NarrativeText();
  const tier = chunk.title?.tier;
  if (tier && chunk.titleBlock) {
    out.emit(`${chunk.title!.written.toUpperCase()} (${tier})`, chunk.titleBlock);
    out.emit('');
  } else notes.push(`${opts.file}: ${id}: no tier in the title heading${chunk.titleBlock ? ` "${clean(chunk.titleBlock.text)}"` : ''}; the manifest has none`);
  writeSections(out, chunk.blocks, (note) => notes.push(`${opts.file}: ${id}: ${note}`));
  const text = out.text();
  const manifest: ImportedManifest = {
    id,
    country: country.name,
    iso3: country.iso3,
    edition,
    dataYear: edition - 1,
    ...(tier ? { tier } : {}),
    sections: out.sections,
    firstSection: out.firstSection ?? 'summary',
    text: `${id}.txt`,
    source: { publisher: 'U.S. Department of State', title: narrativeTitle(meta, country, edition), url: meta.url && /^https?:\/\//.test(meta.url) ? meta.url : '' },
    origin: { file: opts.file, format: opts.format, lines: out.origin },
  };
  return { id, text, manifest, notes };
}

/** The document's own title when it names this edition and country, else "2023 Trafficking in Persons Report: Cambodia". */
function narrativeTitle(meta: DocumentMeta, country: CountryEntry, edition: number): string {
  const own = meta.title && editionIn(meta.title) === edition && new RegExp(country.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i').test(meta.title);
  return own ? clean(meta.title!) : `${edition} Trafficking in Persons Report: ${country.name}`;
}

/** The narrative's text as it is written: its lines, where each came from, its sections and the one it is in. */
class NarrativeText {
  readonly lines: string[] = [];
  /** [offset in the text, start and end in the input] of each line that came from the input. */
  readonly origin: [number, number, number][] = [];
  readonly sections: string[] = [];
  section: string | undefined;
  firstSection: string | undefined;
  private length = 0;
  /** The paragraphs of the recommendations section so far: one paragraph is split at semicolons once the section is complete. */
  private recParagraphs: Block[] = [];

  emit(text: string, src?: { start: number; end: number }): void {
    if (src) this.origin.push([this.length, src.start, src.end]);
    this.lines.push(text);
    this.length += text.length + 1;
  }

  /** A section heading on a line of its own, blank lines around it; the section `slug` begins. */
  heading(text: string, slug: string, src: { start: number; end: number }): void {
    this.flushRecommendations();
    if (this.lines.length && this.lines[this.lines.length - 1] !== '') this.emit('');
    this.emit(text, src);
    this.emit('');
    this.section = slug;
    if (!this.sections.includes(slug)) this.sections.push(slug);
    this.firstSection ??= slug;
  }

  /** A paragraph of the current section (the summary, when no section heading came before). */
  paragraph(b: Block, text: string): void {
    if (!this.section) {
      this.section = 'summary';
      this.firstSection ??= 'summary';
      this.sections.push('summary');
    }
    if (this.section === 'recommendations') this.recParagraphs.push(b);
    else this.emit(text, b);
  }

  /** A recommendations paragraph whose heading was run into it. */
  recommendation(b: Block): void {
    this.recParagraphs.push(b);
  }

  /** The recommendations kept so far, a line each (one paragraph of them split at its semicolons). */
  flushRecommendations(): void {
    const recs = this.recParagraphs;
    if (!recs.length) return;
    const single = recs.length === 1 && recs[0].kind === 'paragraph' && (recs[0].text.match(/;/g) ?? []).length >= 1;
    for (const b of recs) {
      if (single) {
        const t = clean(b.text);
        for (const p of splitSemicolons(t)) this.emit(t.slice(p.start, p.end), b);
      } else this.emit(clean(b.text).replace(/^[•▪◦·*-]\s+/, ''), b);
    }
    this.recParagraphs = [];
  }

  /** The finished text: recommendations written out, no blank lines at the end, a newline after the last. */
  text(): string {
    this.flushRecommendations();
    while (this.lines.length && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines.join('\n') + '\n';
  }
}

/** A narrative's blocks after its title as sections and paragraphs, up to a heading that ends it; `note` says what was skipped. */
function writeSections(out: NarrativeText, blocks: readonly Block[], note: (message: string) => void): void {
  for (const b of blocks) {
    const text = clean(b.text);
    if (!text) continue;
    const slug = b.kind !== 'item' ? sectionOf(text) : undefined;
    if (slug) {
      out.heading(text, slug, b);
      continue;
    }
    const runIn = b.kind === 'paragraph' ? RUN_IN_RECOMMENDATIONS.exec(text) : null;
    if (runIn) {
      out.heading(runIn[1], 'recommendations', b);
      out.recommendation({ ...b, text: text.slice(runIn.index + runIn[0].length - 1) });
      continue;
    }
    if (b.kind === 'heading') {
      if (out.section || out.lines.length > 2) {
        note(`the narrative ends at the heading "${text}"`);
        return;
      }
      note(`skipped the heading "${text}" before the narrative`);
      continue;
    }
    out.paragraph(b, text);
  }
}
