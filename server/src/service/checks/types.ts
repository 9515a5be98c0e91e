/**
 * What every check shares: its input, the sentence and document it reads, what it reports, and the
 * interface each check implements (the registry in registry.ts lists them, in order).
 */
import { SentenceReadings } from '../../ingest/figures';
import type { Code } from '../codes';
import type { CountryMention } from '../countries';
import type { DraftText } from '../draft';
import type { Fact, KnowledgeBase, Report, Span } from '../../model/kb';
import type { KbIndex } from '../kbIndex';
import { QuoteMatches, type DraftQuote } from '../quotes';
import { BlockChecks } from '../blockChecks';
import { LineScan } from '../lineScans';
import { DraftReader } from '../draftSplice';
import { OfferedLines } from './offeredLines';
import { QuoteScan } from '../quoteScan';
import type { DiagnosticData, DraftReference, Finding } from '../types';

export interface Problem {
  code: Code;
  span: Span;
  message: string;
  data: DiagnosticData;
  /** Lower the severity to information (the loaded source text is partial). */
  partialSource?: boolean;
  related?: { report: Report; span: Span; message: string };
}

/** Why a claim was or was not compared (tip-lens check --explain). */
export interface ExplainNote {
  span: Span;
  kind: 'figure' | 'tier' | 'quote';
  decision: 'silent' | 'match' | 'mismatch' | 'wrong-year';
  why: string;
  evidence?: string[];
  /** The report sentence the claim was compared with, and its anchor. */
  source?: { anchor: string; text: string };
}

/** The readings an analysis of one document reuses from its previous version. */
export interface DraftMemo {
  sentences: SentenceReadings;
  quotes: QuoteMatches;
  /** Per-block results of the per-sentence checks (incremental re-checks); absent: every block is checked. */
  blocks?: BlockChecks;
  /** The last reading of the draft, spliced for an edit inside one line (draftSplice.ts); absent: read whole. */
  reader?: DraftReader;
  /** The draft's quotations, read again after an edit only in the blocks it touched (quoteScan.ts). */
  quoteScan?: QuoteScan;
  /** The offered contexts of the draft's lines, worked out again after an edit only near the lines it touched (offeredLines.ts). */
  offered?: OfferedLines;
  /** The draft's references, resolved again after an edit only on the lines it touched; absent: all resolved. */
  references?: LineScan<DraftReference>;
  /** The draft's country mentions, rescanned after an edit only on the lines it touched (lineScans.ts); absent: scanned whole. */
  mentions?: LineScan<CountryMention>;
  /** Word stems of the draft's words, kept across versions (a word's stem never changes); cleared past MAX_STEMS words. */
  stems?: Map<string, string | undefined>;
  /** Content terms of the passages citations close, by passage text (the same passages come back edit after edit); cleared past MAX_PASSAGES. */
  passages?: Map<string, Set<string>>;
}

/** Passages whose terms a draft's memo keeps. */
export const MAX_PASSAGES = 20_000;

/** Distinct words whose stems a draft's memo keeps (a few MB at most). */
export const MAX_STEMS = 50_000;

export function createDraftMemo(incremental = true): DraftMemo {
  return { sentences: new SentenceReadings(), quotes: new QuoteMatches(), stems: new Map(), passages: new Map(), ...(incremental ? { blocks: new BlockChecks(), reader: new DraftReader(), quoteScan: new QuoteScan(), offered: new OfferedLines(), mentions: new LineScan<CountryMention>((m) => m.start), references: new LineScan<DraftReference>((r) => r.bracket.start) } : {}) };
}

export interface CheckInput {
  draft: DraftText;
  /** Receives one note per claim read: what was decided and why. */
  explain?: (note: ExplainNote) => void;
  /** What is remembered of this document's earlier versions (owned by the caller, per document). */
  memo?: DraftMemo;
  /** Word stems worked out during this check (made by checkClaims when absent). */
  stems?: Map<string, string | undefined>;
  kb: KnowledgeBase;
  references: DraftReference[];
  defaultReport?: string;
}

export interface SentenceContext {
  span: Span;
  /** prose.slice(span.start, span.end) */
  text: string;
  block: Span;
  /** TIP Lens references inside the sentence (or right after it). */
  citations: DraftReference[];
  /** The edition the sentence names ("the 2023 report"), if any. */
  edition?: number;
  /** Country of each position: resolved lazily. */
  countryAt(offset: number): string | undefined;
  /** The clause around [start, end) of the sentence's text (offsets relative to the sentence). */
  clauseAround(start: number, end: number): Span;
  /** Countries whose claim the sentence's words in [from, to) (prose offsets) may state: not nationalities, not the U.S. as actor. */
  claimCountriesIn(from: number, to: number): Set<string>;
  inQuote(offset: number): boolean;
  /** The inline quotation holding the offset, if any. */
  quoteAt(offset: number): Span | undefined;
  /** Is the claim at this prose offset asked, not stated (its stretch of the sentence ends with "?")? */
  questionAt(offset: number): boolean;
  otherSource: boolean;
  /** namesOtherSource of the sentence's text (read once: otherSource and the figure gates both ask). */
  namesOtherSource: boolean;
  /** The sentence reports a statement as an error being corrected ("An earlier version said 48"). */
  corrected: boolean;
  firstPerson: boolean;
}

export interface DocumentContext {
  prose: string;
  mentions: CountryMention[];
  docCountry: string | undefined;
  /** Every country the draft names as a claim's (not a nationality, not the U.S. as actor) has a loaded report. */
  onlyLoadedCountries: boolean;
  /** Inline quotations ("…"), in document order. */
  inlineQuotes: Span[];
  /** The loaded reports' ISO3 codes to their countries (a note's "KHM"). */
  countryCodes: ReadonlyMap<string, string>;
  /** offeredContexts of the draft ('O' a quiz option, 'J' an item of a true-or-false section, by line), read on first use. */
  offered: (line: number) => string;
}

/** One run of the checks over one draft: what they read and where they report. */
export interface CheckRun {
  readonly input: CheckInput;
  readonly index: KbIndex;
  readonly doc: DocumentContext;
  /** The draft's quotations, in document order. */
  readonly quotes: readonly DraftQuote[];
  readonly findings: Finding[];
  readonly problems: Problem[];
  /**
   * The report facts the last sentence's figures matched, and its block (figures.ts): a sentence that opens "Of those
   * cases, …" counts parts of what the sentence before it counted.
   */
  lastAnchors?: { block: Span; anchors: readonly { report: Report; fact: Fact }[] };
}

/**
 * A check: a name, the codes it reports and up to three steps. `start` runs once before the sentences,
 * `sentence` once for each sentence that may hold a figure, tier or quotation, `finish` once after them
 * (and after every check's sentences: it may read the findings of the others).
 */
export interface Check {
  readonly name: string;
  readonly codes: readonly Code[];
  start?(run: CheckRun): void;
  sentence?(run: CheckRun, ctx: SentenceContext): void;
  finish?(run: CheckRun): void;
}
