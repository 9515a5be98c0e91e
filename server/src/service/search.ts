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
import Fuse, { type Expression, type IFuseOptions } from 'fuse.js';
import type { KnowledgeBase, Report, Span } from './kb';
import { citationLabel, sectionTitle } from './kb';
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
  /** At most this many reports are searched when the query names none (default 24). */
  maxReports?: number;
}

interface Indexed {
  items: ReportItem[];
  fuse?: Fuse<ReportItem>;
}

const FUSE_OPTIONS: IFuseOptions<ReportItem> = {
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

const indexes = new WeakMap<Report, Indexed>();

/** The searchable items of a report: its recommendations, then paragraphs outside the recommendations list (those are the recommendations again). */
export function reportItems(report: Report): ReportItem[] {
  return indexed(report).items;
}

function indexed(report: Report): Indexed {
  let ix = indexes.get(report);
  if (!ix) {
    const items: ReportItem[] = [];
    for (const r of report.recommendations) {
      items.push({ report, kind: 'recommendation', key: r.key, anchor: `${report.id}/${r.key}`, text: r.text, span: r.span, order: items.length });
    }
    const recParagraphs = new Set(report.recommendations.map((r) => r.paragraph));
    for (const p of report.paragraphs) {
      if (recParagraphs.has(p.anchor) || p.section === 'recommendations') continue;
      items.push({ report, kind: 'paragraph', key: p.anchor, anchor: `${report.id}/${p.anchor}`, text: report.text.slice(p.span.start, p.span.end), span: p.span, order: items.length });
    }
    ix = { items };
    indexes.set(report, ix);
  }
  return ix;
}

function fuseOf(report: Report): Fuse<ReportItem> {
  const ix = indexed(report);
  if (!ix.fuse) ix.fuse = new Fuse(ix.items, FUSE_OPTIONS);
  return ix.fuse;
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

/** Searches items by fuzzy text. An empty text lists items in report order. */
export function searchItems(kb: KnowledgeBase, query: string, options: SearchOptions, token: CancellationToken): SearchHit[] {
  throwIfCancelled(token);
  const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
  const kinds = options.kinds;
  const { reports: named, text } = splitQuery(kb, query);
  const order = named.length ? named : candidateReports(kb, options.preferReport, options.maxReports ?? 24);
  const hits: SearchHit[] = [];
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  // A multi-word query must match every word (each one fuzzily), in any order.
  const pattern: string | Expression | undefined =
    words.length === 0 ? undefined : words.length === 1 ? words[0] : { $and: words.map((w): Expression => ({ $or: [{ text: w } as Expression, { key: w } as Expression] })) };
  let rank = 0;
  for (const report of order) {
    throwIfCancelled(token);
    if (pattern === undefined) {
      for (const item of reportItems(report)) if (!kinds || kinds.includes(item.kind)) hits.push({ item, score: rank });
    } else {
      for (const r of fuseOf(report).search(pattern, { limit: limit * 2 })) {
        if (kinds && !kinds.includes(r.item.kind)) continue;
        // The preferred report's hits stay ahead of others of similar quality.
        hits.push({ item: r.item, score: (r.score ?? 1) + rank * 0.05 });
      }
    }
    rank++;
    if (hits.length >= limit && !named.length) break;
  }
  hits.sort((a, b) => a.score - b.score || kindRank(a.item) - kindRank(b.item) || compareItems(a.item, b.item));
  return hits.slice(0, limit);
}

const kindRank = (i: ReportItem) => (i.kind === 'recommendation' ? 0 : 1);

function compareItems(a: ReportItem, b: ReportItem): number {
  if (a.report !== b.report) return a.report.id < b.report.id ? -1 : 1;
  return a.order - b.order;
}

/** The default report, the same country's other editions (newest first), then the newest editions of others, up to `max`. */
function candidateReports(kb: KnowledgeBase, prefer: string | undefined, max: number): Report[] {
  const preferred = prefer ? kb.get(prefer) : undefined;
  const out: Report[] = [];
  const seen = new Set<Report>();
  const push = (r: Report | undefined) => {
    if (r && !seen.has(r) && out.length < max) {
      seen.add(r);
      out.push(r);
    }
  };
  push(preferred);
  const all = kb.all();
  if (all.length <= max) {
    const rest = all.filter((r) => !seen.has(r)).sort((a, b) => sameCountry(b, preferred) - sameCountry(a, preferred) || b.manifest.edition - a.manifest.edition || (a.id < b.id ? -1 : 1));
    rest.forEach(push);
    return out;
  }
  if (preferred) for (const r of all) if (r.manifest.iso3 === preferred.manifest.iso3) push(r);
  // Newest editions: one pass to find the top editions, without sorting everything.
  const newest = [...new Set(all.map((r) => r.manifest.edition))].sort((a, b) => b - a);
  for (const edition of newest) {
    if (out.length >= max) break;
    for (const r of all) if (r.manifest.edition === edition) push(r);
  }
  return out;
}

const sameCountry = (r: Report, p: Report | undefined) => (p && r.manifest.iso3 === p.manifest.iso3 ? 1 : 0);

/** First words of a text, for completion details and symbol names. */
export function firstWords(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
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
