/**
 * Blocks (headings, paragraphs, list items with their source offsets) → one narrative text per
 * country, in the knowledge base's plain-text format (one paragraph per line, section headings
 * on lines of their own), and the manifest inferred for each. Pure: no I/O.
 */
import type { ReportManifest, TierName } from '../model/kb';
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
  const problems: string[] = [];
  const notes: string[] = [];
  const bare = opts.format !== 'pdf';
  // Split the document at its title headings.
  const chunks: Chunk[] = [];
  let prelude: Block[] = [];
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
    if (!opts.country) {
      return { narratives: [], skipped: [], problems: [`${opts.file}: cannot tell which country this narrative is about (no title heading such as "CAMBODIA: Tier 2 Watch List"); pass --country NAME or ISO3`], notes };
    }
    chunks.push({ blocks: prelude });
    prelude = [];
  }
  if (chunks.length === 0) {
    return { narratives: [], skipped: [], problems: [`${opts.file}: no TIP country narrative found (no title heading such as "CAMBODIA: Tier 2 Watch List" and no section such as PROSECUTION)`], notes };
  }
  // The edition: --edition, else what the document says of itself, else what its text says.
  let edition = opts.edition;
  if (edition === undefined) {
    const hints = [meta.title, meta.url, ...(meta.hints ?? []), ...prelude.slice(0, 40).map((b) => b.text)].filter((s): s is string => !!s);
    for (const h of hints) if ((edition = editionIn(h)) !== undefined) break;
  }
  if (edition === undefined) {
    for (const c of chunks) for (const b of [c.titleBlock, ...c.blocks.slice(0, 3)]) if (b && edition === undefined) edition = editionIn(b.text);
  }
  if (edition === undefined) return { narratives: [], skipped: [], problems: [`${opts.file}: cannot tell the edition (the document names no "20XX Trafficking in Persons Report"); pass --edition YEAR`], notes };

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
  if (opts.country && narratives.length === 0 && skipped.length === 0) problems.push(`${opts.file}: no narrative for ${opts.country.name} in it`);
  // One narrative that cannot be imported is the document's problem; one of several is skipped and the others imported.
  if (narratives.length === 0) return { narratives, problems: [...problems, ...skipped], skipped: [], notes };
  return { narratives, problems, skipped, notes };
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
  const lines: string[] = [];
  const origin: [number, number, number][] = [];
  let length = 0;
  const emit = (text: string, src?: { start: number; end: number }) => {
    if (src) origin.push([length, src.start, src.end]);
    lines.push(text);
    length += text.length + 1;
  };
  const tier = chunk.title?.tier;
  if (tier && chunk.titleBlock) {
    emit(`${chunk.title!.written.toUpperCase()} (${tier})`, chunk.titleBlock);
    emit('');
  } else notes.push(`${opts.file}: ${id}: no tier in the title heading${chunk.titleBlock ? ` "${clean(chunk.titleBlock.text)}"` : ''}; the manifest has none`);
  const sections: string[] = [];
  let section: string | undefined;
  let firstSection: string | undefined;
  const heading = (text: string, slug: string, src: { start: number; end: number }) => {
    if (lines.length && lines[lines.length - 1] !== '') emit('');
    emit(text, src);
    emit('');
    section = slug;
    if (!sections.includes(slug)) sections.push(slug);
    firstSection ??= slug;
  };
  // Recommendations of one paragraph are split at semicolons once the section is complete.
  let recParagraphs: Block[] = [];
  const flushRecommendations = () => {
    if (!recParagraphs.length) return;
    const single = recParagraphs.length === 1 && recParagraphs[0].kind === 'paragraph' && (recParagraphs[0].text.match(/;/g) ?? []).length >= 1;
    for (const b of recParagraphs) {
      if (single) {
        const t = clean(b.text);
        for (const p of splitSemicolons(t)) emit(t.slice(p.start, p.end), b);
      } else emit(clean(b.text).replace(/^[•▪◦·*-]\s+/, ''), b);
    }
    recParagraphs = [];
  };
  for (const b of chunk.blocks) {
    const text = clean(b.text);
    if (!text) continue;
    const slug = b.kind !== 'item' ? sectionOf(text) : undefined;
    if (slug) {
      flushRecommendations();
      heading(text, slug, b);
      continue;
    }
    const runIn = b.kind === 'paragraph' ? RUN_IN_RECOMMENDATIONS.exec(text) : null;
    if (runIn) {
      flushRecommendations();
      heading(runIn[1], 'recommendations', b);
      recParagraphs.push({ ...b, text: text.slice(runIn.index + runIn[0].length - 1) });
      continue;
    }
    if (b.kind === 'heading') {
      if (section || lines.length > 2) {
        notes.push(`${opts.file}: ${id}: the narrative ends at the heading "${text}"`);
        break;
      }
      notes.push(`${opts.file}: ${id}: skipped the heading "${text}" before the narrative`);
      continue;
    }
    if (!section) {
      section = 'summary';
      firstSection ??= 'summary';
      sections.push('summary');
    }
    if (section === 'recommendations') recParagraphs.push(b);
    else emit(text, b);
  }
  flushRecommendations();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  const text = lines.join('\n') + '\n';
  const title = meta.title && editionIn(meta.title) === edition && new RegExp(country.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i').test(meta.title) ? clean(meta.title) : `${edition} Trafficking in Persons Report: ${country.name}`;
  const manifest: ImportedManifest = {
    id,
    country: country.name,
    iso3: country.iso3,
    edition,
    dataYear: edition - 1,
    ...(tier ? { tier } : {}),
    sections,
    firstSection: firstSection ?? 'summary',
    text: `${id}.txt`,
    source: { publisher: 'U.S. Department of State', title, url: meta.url && /^https?:\/\//.test(meta.url) ? meta.url : '' },
    origin: { file: opts.file, format: opts.format, lines: origin },
  };
  return { id, text, manifest, notes };
}
