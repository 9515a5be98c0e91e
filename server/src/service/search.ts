/**
 * Fuzzy search over report items (prioritized recommendations and paragraphs),
 * shared by completion, workspace symbols and `tipLens/searchItems`.
 *
 * One fuse.js index per report, built lazily the first time that report is
 * searched and kept as long as the report object lives. A search visits the
 * reports most likely to matter first (the ones the query names, the draft's
 * default report, the same country's other editions, then the newest editions)
 * and stops once it has enough hits or has visited a bounded number of reports,
 * so a knowledge base of thousands of narratives costs no more per keystroke
 * than one of a few.
 */
import { MAX_QUERY_CHARS } from '../protocol';
import Fuse, { type Expression, type FuseIndexObjectRecord, type FuseResult, type IFuseOptions, type RecordEntryObject } from 'fuse.js';
import type { KnowledgeBase, Report, Span } from '../model/kb';
import { citationLabel, sectionTitle } from '../model/kb';
import { derived, derivedKey } from '../model/derived';
import { kbIndex } from './kbIndex';
import { fuzzyWord, mayMatch } from './fuzzyFilter';
import { type CancellationToken, throwIfCancelled } from './types';

export interface ReportItem {
  report: Report;
  kind: 'recommendation' | 'paragraph';
  /** `R3` or `prosecution.2` */
  key: string;
  /** `KHM-2023/R3` */
  anchor: string;
  /** The item's original text. */
  text: string;
  span: Span;
  /** Report order, for stable ranking. */
  order: number;
}

export interface SearchHit {
  item: ReportItem;
  /** 0 = perfect, 1 = barely. */
  score: number;
}

export interface SearchOptions {
  /** Reports to rank first (the draft's default report). */
  preferReport?: string;
  limit?: number;
  kinds?: readonly ReportItem['kind'][];
  /** Other reports to rank first (those the draft already cites). */
  alsoPrefer?: readonly string[];
  /** At most this many other reports are searched when the preferred ones have no good hit (default 8; all of a base of up to 24). */
  maxReports?: number;
}

interface Indexed {
  items: ReportItem[];
  fuse?: Fuse<ReportItem>;
  /** The fuse index's records, and per record its values (text, key) lowercased as fuse.js compares them: for the prefilter. */
  records?: { keys: ReadonlyArray<string>; records: readonly FuseIndexObjectRecord[]; lower: readonly (readonly string[])[] };
  /** Recent searches of this report (the client often asks the same query again: re-triggered completion, the symbol and Insert Citation pickers). */
  recent: Map<string, FuseResult<ReportItem>[]>;
}

const RECENT = 32;

export const FUSE_OPTIONS: IFuseOptions<ReportItem> = {
  keys: [
    { name: 'text', weight: 1 },
    { name: 'key', weight: 0.3 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.34,
  minMatchCharLength: 2,
  shouldSort: true,
};

const INDEXED = derivedKey<Indexed>('search items');

/** The searchable items of a report: its recommendations, then paragraphs outside the recommendations list (those are the recommendations again). */
export function reportItems(report: Report): ReportItem[] {
  return indexed(report).items;
}

function indexed(report: Report): Indexed {
  return derived(report, INDEXED, () => {
    const items: ReportItem[] = [];
    for (const r of report.recommendations) {
      items.push({ report, kind: 'recommendation', key: r.key, anchor: `${report.id}/${r.key}`, text: r.text, span: r.span, order: items.length });
    }
    const recParagraphs = new Set(report.recommendations.map((r) => r.paragraph));
    for (const p of report.paragraphs) {
      if (recParagraphs.has(p.anchor) || p.section === 'recommendations') continue;
      items.push({ report, kind: 'paragraph', key: p.anchor, anchor: `${report.id}/${p.anchor}`, text: report.text.slice(p.span.start, p.span.end), span: p.span, order: items.length });
    }
    return { items, recent: new Map() };
  });
}

/** The fuse.js pattern for the words of a query: one word, or every word (each fuzzily, in the text or the key) in any order. */
function fusePattern(words: readonly string[]): string | Expression {
  return words.length === 1 ? words[0] : { $and: words.map((w): Expression => ({ $or: [{ text: w } as Expression, { key: w } as Expression] })) };
}

/**
 * fuse.js over a report's items, for `words` (at least one): the items that cannot match (fuzzyFilter.ts:
 * some word within fuse.js's allowed edits of neither their text nor their key) are left out of the index
 * searched. fuse.js scores an item from its own fields alone and breaks ties by its place in the list,
 * which the records keep: the results are those of a search over all of them.
 */
export function fuseSearch(report: Report, words: readonly string[], limit: number): FuseResult<ReportItem>[] {
  const ix = indexed(report);
  const pattern = fusePattern(words);
  const key = `${limit}\u0000${words.join(' ')}`;
  const hit = ix.recent.get(key);
  if (hit) {
    ix.recent.delete(key);
    ix.recent.set(key, hit);
    return hit;
  }
  ix.fuse ??= new Fuse(ix.items, FUSE_OPTIONS);
  const all = (ix.records ??= lowerRecords(ix.fuse));
  const compiled = words.map((w) => fuzzyWord(w, FUSE_OPTIONS.threshold!));
  const kept = all.records.filter((_, n) => compiled.every((p) => p === undefined || all.lower[n].some((v) => mayMatch(p, v))));
  let result: FuseResult<ReportItem>[];
  if (kept.length === all.records.length) result = ix.fuse.search(pattern, { limit });
  else if (kept.length === 0) result = [];
  else result = new Fuse(ix.items, FUSE_OPTIONS, Fuse.parseIndex<ReportItem>({ keys: all.keys, records: kept })).search(pattern, { limit });
  ix.recent.set(key, result);
  if (ix.recent.size > RECENT) ix.recent.delete(ix.recent.keys().next().value as string);
  return result;
}

function lowerRecords(fuse: Fuse<ReportItem>): NonNullable<Indexed['records']> {
  const json = fuse.getIndex().toJSON();
  const records = json.records as readonly FuseIndexObjectRecord[];
  // The items' fields are plain strings: each record entry is one { v, n } (a blank field has none).
  const lower = records.map((r) => Object.values(r.$).map((e) => (e as RecordEntryObject).v.toLowerCase()));
  return { keys: json.keys, records, lower };
}

/** Report ids or country names the query names ("KHM-2022 restitution", "cambodia 2022 penalties"); the rest of the query is the text to search. */
export function splitQuery(kb: KnowledgeBase, query: string): { reports: Report[]; text: string } {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const named: Report[] = [];
  const rest: string[] = [];
  for (const w of words) {
    const id = /^([A-Za-z]{3})-(\d{4})$/.exec(w);
    if (id) {
      const r = kb.get(w);
      if (r) {
        named.push(r);
        continue;
      }
    }
    rest.push(w);
  }
  return { reports: named, text: rest.join(' ') };
}

/** A hit this good in a preferred report ends the search there. */
const GOOD = 0.4;
/** Weaker hits are noise and never shown. */
const WORST = 0.75;

/**
 * Searches items by fuzzy text. An empty text lists items in report order.
 * Reports the query names are searched alone; otherwise the preferred ones
 * (the draft's default report, the reports it already cites, the same
 * country's other editions) first, and others only when those have no good hit.
 */
export function searchItems(kb: KnowledgeBase, query: string, options: SearchOptions, token: CancellationToken): SearchHit[] {
  throwIfCancelled(token);
  const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
  const kinds = options.kinds;
  // The front ends refuse longer queries (InvalidParams); the engine never searches more than the limit either (fuzzy matching costs query × text).
  const { reports: named, text } = splitQuery(kb, query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query);
  // A multi-word query must match every word (each one fuzzily), in any order.
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const pattern = words.length === 0 ? undefined : words;
  const hits: SearchHit[] = [];
  let rank = 0;
  const searchReport = (report: Report) => {
    throwIfCancelled(token);
    if (pattern === undefined) {
      for (const item of reportItems(report)) if (!kinds || kinds.includes(item.kind)) hits.push({ item, score: rank });
    } else {
      for (const r of fuseSearch(report, pattern, limit * 2)) {
        if (kinds && !kinds.includes(r.item.kind)) continue;
        const score = r.score ?? 1;
        // The preferred report's hits stay ahead of others of similar quality.
        if (score <= WORST) hits.push({ item: r.item, score: score + rank * 0.02 });
      }
    }
    rank++;
  };
  const done = () => hits.length >= limit || (pattern !== undefined && hits.some((h) => h.score <= GOOD));
  if (named.length) {
    named.forEach(searchReport);
  } else {
    const { preferred, others } = candidateReports(kb, [options.preferReport, ...(options.alsoPrefer ?? [])], options.maxReports ?? 8);
    for (const r of preferred) {
      searchReport(r);
      if (hits.length >= limit) break;
    }
    if (!done() || preferred.length === 0) {
      for (const r of others) {
        searchReport(r);
        if (hits.length >= limit) break;
      }
    }
  }
  hits.sort((a, b) => a.score - b.score || kindRank(a.item) - kindRank(b.item) || compareItems(a.item, b.item));
  return hits.slice(0, limit);
}

const kindRank = (i: ReportItem) => (i.kind === 'recommendation' ? 0 : 1);

function compareItems(a: ReportItem, b: ReportItem): number {
  if (a.report !== b.report) return a.report.id < b.report.id ? -1 : 1;
  return a.order - b.order;
}

/**
 * Preferred: the given reports, then the first one's other editions (newest first).
 * Others: up to `max` more, newest editions first (all of them when the base is small).
 */
export function candidateReports(kb: KnowledgeBase, prefer: readonly (string | undefined)[], max: number): { preferred: Report[]; others: Report[] } {
  const seen = new Set<Report>();
  const preferred: Report[] = [];
  for (const id of prefer) {
    const r = id ? kb.get(id) : undefined;
    if (r && !seen.has(r)) {
      seen.add(r);
      preferred.push(r);
    }
  }
  const index = kbIndex(kb);
  const first = preferred[0];
  if (first) {
    let added = 0;
    for (const r of index.editionsOf(first.manifest.iso3)) {
      if (added >= 2) break;
      if (seen.has(r)) continue;
      seen.add(r);
      preferred.push(r);
      added++;
    }
  }
  const others: Report[] = [];
  const limit = kb.reports.size <= 24 ? kb.reports.size : max;
  for (const r of index.newestFirst()) {
    if (others.length >= limit) break;
    if (!seen.has(r)) {
      seen.add(r);
      others.push(r);
    }
  }
  return { preferred, others };
}

/** First words of a text, for completion details and symbol names. */
export function firstWords(text: string, max = 60): string {
  // Only the start matters: once the collapsed prefix is longer than max + 1, the
  // collapsed whole text agrees with it up to there (a paragraph is often 1,000+ characters).
  const head = text.length > 4 * max + 16 ? text.slice(0, 4 * max + 16).replace(/\s+/g, ' ').trimStart() : undefined;
  const t = head !== undefined && head.length >= max + 2 ? head : text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(' ', max);
  return t.slice(0, cut > 20 ? cut : max) + '…';
}

/** "Prioritized Recommendation 3" / "Prosecution ¶2" */
export function itemTitle(item: ReportItem): string {
  if (item.kind === 'recommendation') return `Prioritized Recommendation ${item.key.slice(1)}`;
  const [slug, n] = item.key.split('.');
  return `${sectionTitle(item.report, slug)} ¶${n}`;
}

export function itemLabel(item: ReportItem): string {
  return citationLabel(item.report, item.key);
}
