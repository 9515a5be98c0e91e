/**
 * What the checks and the search look up in a knowledge base, worked out once per
 * KnowledgeBase instead of once per check or keystroke: reports by country, the
 * sorted report ids (for messages), reports newest edition first and per ISO3 code
 * (the search's visiting order), and per country the facts a claim of a given kind,
 * unit and actions can be compared with. A check then costs the same whether 2 or 4,000 reports are
 * loaded. Nothing here reads a report's heavy fields (sections, facts, …) until a
 * check asks for that report's facts, so lazy reports stay un-ingested.
 *
 * Invalidated when the number of reports changes (KnowledgeBase only ever adds).
 */
import type { Fact, KnowledgeBase, Report } from '../model/kb';
import { termsOf } from '../reading/terms';
import { derived, derivedKey } from '../model/derived';

/** A report's sentences as content terms, and how rare each term is in the report (the evidence a claim's words give). */
export interface ReportTerms {
  sentences: readonly ReadonlySet<string>[];
  /** log(1 + sentences / sentences holding the term) */
  idf(term: string): number;
}

export interface ReportFact {
  report: Report;
  fact: Fact;
}

export interface KbIndex {
  readonly byCountry: ReadonlyMap<string, Report[]>;
  /** The loaded reports' ISO3 codes ("KHM") to their countries: notes name a country by its code (countries.ts). */
  readonly countryCodes: ReadonlyMap<string, string>;
  /** Reports newest edition first (KB order within an edition): the order search visits them in. */
  newestFirst(): readonly Report[];
  /** Per ISO3 code, that country's reports newest edition first. */
  editionsOf(iso3: string): readonly Report[];
  /** Report ids, sorted. */
  sortedIds(): string[];
  /**
   * The facts of the country's reports (in report order, then fact order) for which
   * `accept(fact)` holds, remembered under the three keys: `accept` must depend
   * only on what they name. The list is shared: callers must not change it.
   */
  factsFor(country: string, key1: string, key2: string, key3: string, accept: (fact: Fact) => boolean): readonly ReportFact[];
  /** The report's sentence terms, worked out on first use. */
  termsOf(report: Report): ReportTerms;
  /** The report's citable items and which sentences hold each term, worked out on first use. */
  itemsOf(report: Report): ReportItems;
}

/** A citable item of a report: a prioritized recommendation (`R13`) or a paragraph outside the recommendations list (`prosecution.2`). */
export interface CitableItem {
  key: string;
  /** `KHM-2023/R13` */
  anchor: string;
  kind: 'recommendation' | 'paragraph';
  /** Indexes into Report.sentences. */
  sentences: readonly number[];
}

/** A report's items with an inverted index over its sentences' terms (what item-level retrieval walks). */
export interface ReportItems {
  items: readonly CitableItem[];
  /** Item index of each sentence (-1: in no citable item). */
  itemOfSentence: Int32Array;
  /** Term -> indexes of the sentences that hold it, ascending. */
  postings: ReadonlyMap<string, readonly number[]>;
  /** Item index by key; `recommendations.3` names the same item as `R3`. */
  byKey: ReadonlyMap<string, number>;
}

interface Entry extends KbIndex {
  size: number;
}

/** The knowledge base's index, made again when reports were added since. */
const INDEX = derivedKey<{ entry?: Entry }>('retrieval index');

export function kbIndex(kb: KnowledgeBase): KbIndex {
  const slot = derived(kb, INDEX, (): { entry?: Entry } => ({}));
  const e = slot.entry;
  if (e && e.size === kb.reports.size) return e;
  return (slot.entry = new RetrievalIndex(kb));
}

/** What kbIndex gives for one state of the knowledge base: lookups made once, the rest worked out on first use. */
class RetrievalIndex implements Entry {
  readonly size: number;
  readonly byCountry = new Map<string, Report[]>();
  readonly countryCodes = new Map<string, string>();
  #ids: string[] | undefined;
  #newest: Report[] | undefined;
  #byIso3: Map<string, Report[]> | undefined;
  /** country -> key1 -> key2 -> key3 -> facts (nested maps: no key string is built per lookup) */
  readonly #facts = new Map<string, Map<string, Map<string, Map<string, ReportFact[]>>>>();
  readonly #terms = new Map<Report, ReportTerms>();
  readonly #items = new Map<Report, ReportItems>();

  constructor(private readonly kb: KnowledgeBase) {
    this.size = kb.reports.size;
    for (const r of kb.reports.values()) {
      const list = this.byCountry.get(r.manifest.country);
      if (list) list.push(r);
      else this.byCountry.set(r.manifest.country, [r]);
      if (/^[A-Z]{3}$/.test(r.manifest.iso3)) this.countryCodes.set(r.manifest.iso3, r.manifest.country);
    }
  }

  itemsOf(report: Report): ReportItems {
    let t = this.#items.get(report);
    if (!t) this.#items.set(report, (t = reportItems(report, this.termsOf(report))));
    return t;
  }

  termsOf(report: Report): ReportTerms {
    let t = this.#terms.get(report);
    if (!t) this.#terms.set(report, (t = reportTerms(report)));
    return t;
  }

  sortedIds(): string[] {
    return (this.#ids ??= [...this.kb.reports.values()].map((r) => r.id).sort());
  }

  newestFirst(): Report[] {
    return (this.#newest ??= [...this.kb.reports.values()].sort((a, b) => b.manifest.edition - a.manifest.edition)); // sort is stable
  }

  editionsOf(iso3: string): readonly Report[] {
    if (!this.#byIso3) {
      this.#byIso3 = new Map();
      for (const r of this.newestFirst()) {
        const list = this.#byIso3.get(r.manifest.iso3);
        if (list) list.push(r);
        else this.#byIso3.set(r.manifest.iso3, [r]);
      }
    }
    return this.#byIso3.get(iso3) ?? [];
  }

  factsFor(country: string, key1: string, key2: string, key3: string, accept: (fact: Fact) => boolean): readonly ReportFact[] {
    const m1 = getOrMake(this.#facts, country);
    const m2 = getOrMake(m1, key1);
    const m3 = getOrMake(m2, key2);
    let list = m3.get(key3);
    if (!list) {
      list = [];
      for (const report of this.byCountry.get(country) ?? []) for (const fact of report.facts) if (accept(fact)) list.push({ report, fact });
      m3.set(key3, list);
    }
    return list;
  }
}

function getOrMake<K, V>(m: Map<K, Map<string, V>>, k: K): Map<string, V> {
  let v = m.get(k);
  if (!v) m.set(k, (v = new Map()));
  return v;
}

function reportTerms(report: Report): ReportTerms {
  const memo = new Map<string, string | undefined>();
  // The bundled reports bring their terms from the build's snapshot (the same termsOf, worked out at build time).
  const sentences = report.sentenceTerms ? report.sentenceTerms.map((t) => new Set(t)) : report.sentences.map((x) => termsOf(report.text, x.span.start, x.span.end, memo));
  const df = new Map<string, number>();
  for (const set of sentences) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(1, sentences.length);
  return { sentences, idf: (term) => Math.log(1 + n / (df.get(term) ?? n)) };
}

function reportItems(report: Report, terms: ReportTerms): ReportItems {
  const items: CitableItem[] = [];
  const byKey = new Map<string, number>();
  const paragraphs = new Map(report.paragraphs.map((p) => [p.anchor, p]));
  for (const r of report.recommendations) {
    const p = paragraphs.get(r.paragraph);
    if (!p || byKey.has(r.key)) continue;
    byKey.set(r.key, items.length);
    byKey.set(r.paragraph, items.length);
    items.push({ key: r.key, anchor: `${report.id}/${r.key}`, kind: 'recommendation', sentences: p.sentences });
  }
  for (const p of report.paragraphs) {
    if (byKey.has(p.anchor) || p.section === 'recommendations') continue;
    byKey.set(p.anchor, items.length);
    items.push({ key: p.anchor, anchor: `${report.id}/${p.anchor}`, kind: 'paragraph', sentences: p.sentences });
  }
  const itemOfSentence = new Int32Array(report.sentences.length).fill(-1);
  items.forEach((it, i) => {
    for (const s of it.sentences) if (s >= 0 && s < itemOfSentence.length) itemOfSentence[s] = i;
  });
  const postings = new Map<string, number[]>();
  terms.sentences.forEach((set, s) => {
    for (const t of set) {
      const list = postings.get(t);
      if (list) list.push(s);
      else postings.set(t, [s]);
    }
  });
  return { items, itemOfSentence, postings, byKey };
}
