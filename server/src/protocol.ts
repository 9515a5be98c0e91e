/**
 * TIP Lens's additions to LSP, shared by the server and the VS Code client.
 * Other editors can use them too (README, "Other editors").
 */
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';

/** A plain-text draft's first line naming its report (`tip-report: KHM-2023`), read alike by server and client. */
export const PLAIN_TEXT_REPORT_LINE = /^[ \t]*tip-report:[ \t]*["']?([A-Za-z]{3}-\d{4})["']?[ \t]*(?:\r?\n|$)/;

/**
 * Node flags the server is best started with (the VS Code client does; the README's
 * Neovim and Helix set-ups too). A small young generation: V8's default lets up to
 * about 50 MB of short-lived garbage from each re-check sit between scavenges, which
 * doubles the idle server's RSS; with 2 MB semi-spaces it stays near its live data
 * (figures in bench/RESULTS.md), at no measurable cost in latency.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/**
 * The largest draft TIP Lens checks, in UTF-8 bytes: `tip-lens check` refuses a bigger file, and the
 * server does not analyse an open document over it (one diagnostic says so; the others are served).
 */
export const MAX_DRAFT_BYTES = 64 * 1024 * 1024;

/**
 * The one notification for load problems not shown before (a folder of 48,000 broken manifests is one
 * pop-up, not 48,000): the problem itself when there is one, else how many and the first. The details
 * go to the output channel and `tipLens/status`.
 */
export function problemSummary(messages: readonly string[]): string {
  if (messages.length === 1) return `TIP Lens: ${messages[0]}`;
  return `TIP Lens: ${messages.length.toLocaleString('en-US')} problems loading reports or settings, the first: ${messages[0]} (all of them in the TIP Lens output).`;
}

/** Problems listed one by one in the server's log per status change; the rest are counted (all are in `tipLens/status`). */
export const MAX_LOGGED_PROBLEMS = 200;

/** The longest query of `tipLens/searchItems` and `workspace/symbol`, in characters; a longer one is refused with InvalidParams. */
export const MAX_QUERY_CHARS = 256;

/** `tipLens/reportText`: the original text of a report, for a `tip-lens:/KHM-2022.txt` URI. */
export interface ReportTextParams {
  uri: string;
}
/** Where each recommendation and paragraph of a report starts, for the source view's R-numbers and ¶ numbers. */
export interface ReportTextItem {
  /** `R13`, `prosecution.2` */
  key: string;
  /** What the source view shows before it: `R13`, `¶2` (a section's first paragraph also names the section). */
  label: string;
  /** `2023 TIP Report — Cambodia · Prioritized Recommendation 13` */
  title: string;
  range: Range;
}
export type ReportTextResult = { uri: string; reportId: string; text: string; languageId: 'plaintext'; title: string; items: ReportTextItem[] } | null;

/** `tipLens/coverage`: which prioritized recommendations of the draft's report the draft cites. */
export interface CoverageParams {
  uri: string;
}
export interface CoverageItem {
  /** KHM-2023/R3 */
  anchor: string;
  key: string;
  text: string;
  cited: boolean;
  /** Where the draft cites it. */
  citations: Range[];
  /** Where it is in the report text. */
  sourceUri: string;
  sourceRange: Range;
}
export type CoverageResult = { reportId: string; total: number; cited: number; items: CoverageItem[] } | null;

/** `tipLens/searchItems`: fuzzy search over recommendations and paragraphs (Insert Citation quick pick). */
export interface SearchItemsParams {
  query: string;
  /** The draft, to rank its default report first. */
  uri?: string;
  limit?: number;
}
export interface SearchItem {
  /** KHM-2023/R3 or KHM-2022/prosecution.2 */
  anchor: string;
  /** What to insert: [@KHM-2023/R3] */
  citation: string;
  label: string;
  detail: string;
  text: string;
}
export type SearchItemsResult = SearchItem[];

/** `tipLens/checkDocument`: diagnostics for a file the editor has not opened (Check Workspace). */
export interface CheckDocumentParams {
  uri: string;
  text: string;
  languageId?: string;
}
export type CheckDocumentResult = Diagnostic[];

/** `tipLens/citeSentence`: the items that best support the sentence at a position (command TIP Lens: Cite This Sentence). */
export interface CiteSentenceParams {
  uri: string;
  position: Position;
}
export interface CiteCandidate {
  /** KHM-2023/R13 */
  anchor: string;
  /** What to insert at `insertAt`: " [@R13]" (short under the draft's default report). */
  insertText: string;
  /** "KHM-2023/R13 · Allow restitution upon conviction …" */
  label: string;
  /** Why: the figure or quote it holds, or the share of the sentence's weighted words it shares (0–1). */
  detail: string;
  score: number;
}
/** null: no sentence there, or no loaded item clearly supports it. One candidate, or two when they are close. */
export type CiteSentenceResult = { sentence: Range; insertAt: Position; candidates: CiteCandidate[] } | null;

/** `tipLens/bibliography`: the loaded reports as a bibliography (command TIP Lens: Write Bibliography…; `tip-lens kb export`). */
export interface BibliographyParams {
  format: 'csl-json' | 'bibtex' | 'ris';
  /** The draft whose short references (`[@R13]`) get entries of their own. */
  uri?: string;
  /** An entry per recommendation and paragraph too (default: with csl-json only). */
  items?: boolean;
}
export interface BibliographyResult {
  text: string;
  entries: number;
  /** `.json`, `.bib`, `.ris` */
  extension: string;
}

/** `tipLens/importReport`, client to server: import a saved page, PDF or text into a folder (the command TIP Lens: Import Report…). */
export interface ImportReportParams {
  /** Absolute path of the page, PDF or text to import. */
  file: string;
  /** Absolute path of the folder to write into (created if missing). */
  out: string;
  edition?: number;
  /** A name, an ISO3 code or NAME=ISO3, as for `tip-lens kb import --country`. */
  country?: string;
  force?: boolean;
}
export interface ImportReportResult {
  /** The reports written (id and the paths of text and manifest); empty when anything went wrong. */
  written: { id: string; text: string; manifest: string }[];
  /** Why nothing was written, each naming the file. */
  problems: string[];
  /** Narratives of a PDF of several that could not be imported (the others were). */
  skipped?: string[];
  notes: string[];
}

/** `tipLens/status` notification, server to client: loaded reports and problems, for the status bar and a one-time notification. */
export interface StatusParams {
  reports: string[];
  /** Messages naming the file and the problem (bad report, bad setting). */
  problems: { file: string; message: string }[];
}

/** Arguments of the client command `tipLens.showSource` (hover links, code lens, coverage view). */
export interface ShowSourceArgs {
  uri: string;
  range: Range;
}

export const Commands = {
  showSource: 'tipLens.showSource',
  insertCitation: 'tipLens.insertCitation',
  showCoverage: 'tipLens.showCoverage',
  checkWorkspace: 'tipLens.checkWorkspace',
  restartServer: 'tipLens.restartServer',
  citeSentence: 'tipLens.citeSentence',
  writeBibliography: 'tipLens.writeBibliography',
  importReport: 'tipLens.importReport',
} as const;
