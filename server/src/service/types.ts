/** Types shared by the engine's features. Pure: no I/O, no LSP connection. */
import type { Range } from 'vscode-languageserver-types';
import type { Code } from './codes';
import type { Fact, Report, Span } from '../model/kb';

/** Structurally the same as LSP's and VS Code's CancellationToken. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: CancellationToken = Object.freeze({ isCancellationRequested: false });

/** Thrown by the engine when a token is cancelled mid-call; front ends map it to RequestCancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new CancelledError();
}

/** `data` on every TIP Lens diagnostic. */
export interface DiagnosticData {
  code: Code;
  /** `KHM-2022/prosecution.3`, `KHM-2023/R1`, or just the report id. */
  anchor: string;
  reportId: string;
  /** tip-lens:/KHM-2022.txt */
  sourceUri?: string;
  /** The source sentence's range in the report text (LSP positions and UTF-16 offsets). */
  sourceRange?: Range;
  sourceOffsets?: Span;
  /** The original source sentence. */
  sourceText?: string;
  /** Text that replaces the diagnostic's range when the quick fix is applied. */
  replacement?: string;
  /** For citation.missing: the citation to insert and where (offset in the draft). */
  insertText?: string;
  insertAt?: number;
  /** Title of the quick fix. */
  fixTitle?: string;
  /** True when the fix has one right answer (used by --fix and source.fixAll). */
  safeFix?: boolean;
  /** Why the claim was read as being about this source sentence (same action, year, cited report, shared words …). */
  evidence?: string[];
  /** For reference.mismatch: the item the sentence matches, and how much the sentence shares with the cited and the suggested item (0–1: share of the sentence's weighted terms). */
  suggestedAnchor?: string;
  similarity?: { cited: number; suggested: number };
  /** Other replacements as good as `replacement` (a quick fix each; never applied by --fix). */
  alternatives?: { replacement: string; anchor: string }[];
}

/** A reference written in Pandoc citation syntax inside a draft. */
export interface DraftReference {
  /** Span of the whole bracket `[@KHM-2023/R3; @R5]` in the draft. */
  bracket: Span;
  /** Span of this key, without the `@`. */
  span: Span;
  /** As written, e.g. `KHM-2023/R3` or `R3`. */
  raw: string;
  /** Resolved report id (upper case), when the key names one or a default applies. */
  reportId?: string;
  /** `R3`, `prosecution.2`, or undefined for a bare report id. */
  item?: string;
  target?: ReferenceTarget;
  /** Why it does not resolve, when it does not. */
  problem?: string;
  /** True when the problem is that the loaded text lacks that section (lower severity). */
  partialSource?: boolean;
}

export interface ReferenceTarget {
  report: Report;
  kind: 'report' | 'recommendation' | 'paragraph';
  /** `KHM-2023/R3` */
  anchor: string;
  /** Span in the report text. */
  span: Span;
}

/** Something the draft says that matched (or contradicted) a report: used by hover, diagnostics and code actions. */
export interface Finding {
  kind: 'figure' | 'quote' | 'tier';
  /** Span in the draft. */
  span: Span;
  status: 'match' | 'mismatch' | 'wrong-year' | 'not-found';
  report: Report;
  fact?: Fact;
  /** `KHM-2022/prosecution.3` */
  anchor: string;
  /** The source sentence (or quoted passage) span in the report text. */
  source: Span;
  /** The part of the source that matched (bold in hover). */
  highlight?: Span;
  /** True when a citation stands near it in the draft. */
  cited: boolean;
  /** Why the claim was read as being about this source sentence (hover: "Why this sentence"). */
  evidence?: string[];
}
