/**
 * The snapshot of ingested reports: what ingestReport works out of a narrative (sections, paragraphs,
 * sentences, recommendations, facts, non-facts) and the retrieval index's content terms per sentence,
 * as plain JSON data, and back. Pure: hashing and file I/O are the caller's (node/snapshot.ts). The build
 * writes one for the bundled reports, so no request pays for their ingest.
 *
 * Compact where it is free: a recommendation's text is its span of the report text (not stored twice),
 * sentences are [start, end, paragraph] triples, terms are arrays. Everything else is stored as ingested,
 * key order included, so a report read back is the one ingest made.
 */
import type { Fact, NonFact, Paragraph, Recommendation, Report, ReportManifest, Section, Sentence } from '../model/kb';
import { termsOf } from '../reading/terms';

/** Bumped whenever the layout below changes: an older file is then stale whatever its hashes say. */
export const SNAPSHOT_FORMAT = 1;

export interface SnapshotReport {
  id: string;
  /** contentHash of the narrative text the report was ingested from. */
  textHash: string;
  /** contentHash of the manifest as parsed (edition, data year, sections … all shape the ingest). */
  manifestHash: string;
  partial: boolean;
  sections: Section[];
  paragraphs: Paragraph[];
  /** [start, end, paragraph anchor] per sentence; its index is its place. */
  sentences: [number, number, string][];
  /** Recommendations without their text (it is report.text.slice(span.start, span.end)). */
  recommendations: Omit<Recommendation, 'text'>[];
  facts: Fact[];
  nonFacts: NonFact[];
  /** Content terms of each sentence, in the order termsOf finds them. */
  terms: string[][];
}

export interface Snapshot {
  format: number;
  /** Hash of the ingest code (ingest/, reading/, model/) the snapshot was made with. */
  engine: string;
  reports: SnapshotReport[];
}

/**
 * A 106-bit hash of a text (two 53-bit lanes in the manner of cyrb53, two UTF-16 code units a step, and
 * the length): enough to tell a changed narrative from the one a snapshot was made of. Not a defence
 * against forgery (whoever can write the snapshot can write the code beside it); plain JavaScript, so
 * that starting the CLI does not load node:crypto (several ms) for it.
 */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef ^ 0x9e3779b9;
  let h2 = 0x41c6ce57 ^ 0x85ebca6b;
  let h3 = 0x2545f491;
  let h4 = 0x7f4a7c15;
  const n = text.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
    h3 = Math.imul(h3 ^ c, 2246822519);
    h4 = Math.imul(h4 ^ c, 3266489917);
  }
  if (i < n) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
    h3 = Math.imul(h3 ^ c, 2246822519);
    h4 = Math.imul(h4 ^ c, 3266489917);
  }
  return `${n.toString(36)}-${mix(h1, h2).toString(36)}-${mix(h3, h4).toString(36)}`;
}

/** cyrb53's final mix of two 32-bit lanes into 53 bits. */
function mix(a: number, b: number): number {
  const h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  const h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Content terms of every sentence of a report, as the retrieval index works them out. */
export function sentenceTerms(report: Pick<Report, 'text' | 'sentences'>): Set<string>[] {
  const memo = new Map<string, string | undefined>();
  return report.sentences.map((x) => termsOf(report.text, x.span.start, x.span.end, memo));
}

export function toSnapshotReport(report: Report, textHash: string, manifestHash: string): SnapshotReport {
  for (const r of report.recommendations) {
    if (report.text.slice(r.span.start, r.span.end) !== r.text) throw new Error(`${report.id}/${r.key}: recommendation text is not its span of the report text; the snapshot layout needs it to be`);
  }
  return {
    id: report.id,
    textHash,
    manifestHash,
    partial: report.partial,
    sections: report.sections,
    paragraphs: report.paragraphs,
    sentences: report.sentences.map((s, i) => {
      if (s.index !== i) throw new Error(`${report.id}: sentence ${i} has index ${s.index}`);
      return [s.span.start, s.span.end, s.paragraph];
    }),
    recommendations: report.recommendations.map(({ text: _text, ...rest }) => rest),
    facts: report.facts,
    nonFacts: report.nonFacts,
    terms: sentenceTerms(report).map((t) => [...t]),
  };
}

/** The report a snapshot entry describes, over the text and manifest it was verified against. */
export function fromSnapshotReport(s: SnapshotReport, manifest: ReportManifest, text: string, file: string): Report {
  const sentences: Sentence[] = s.sentences.map(([start, end, paragraph], index) => ({ index, paragraph, span: { start, end } }));
  const recommendations: Recommendation[] = s.recommendations.map((r) => ({ key: r.key, index: r.index, text: text.slice(r.span.start, r.span.end), span: r.span, paragraph: r.paragraph }));
  return {
    id: manifest.id,
    manifest,
    file,
    text,
    partial: s.partial,
    sections: s.sections,
    paragraphs: s.paragraphs,
    sentences,
    recommendations,
    facts: s.facts,
    nonFacts: s.nonFacts,
    sentenceTerms: s.terms,
  };
}

/** A snapshot's shape, checked before use (a damaged file falls back to ingest like a stale one). */
export function isSnapshot(v: unknown): v is Snapshot {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return o.format === SNAPSHOT_FORMAT && typeof o.engine === 'string' && Array.isArray(o.reports) && o.reports.every(isSnapshotReport);
}

function isSnapshotReport(v: unknown): v is SnapshotReport {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.textHash === 'string' &&
    typeof o.manifestHash === 'string' &&
    typeof o.partial === 'boolean' &&
    ['sections', 'paragraphs', 'sentences', 'recommendations', 'facts', 'nonFacts', 'terms'].every((k) => Array.isArray(o[k])) &&
    (o.sentences as unknown[]).length === (o.terms as unknown[]).length
  );
}
