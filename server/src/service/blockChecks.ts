/**
 * Incremental re-checks: what the per-sentence checks (figures, tiers …) found in one block of a draft,
 * remembered for the next version, so that after an edit only the blocks whose text or context changed
 * are checked again; the others' findings, problems and --explain notes are reused, moved to where the
 * block now starts.
 *
 * A block is reused when it lies, with MARGIN code units of prose either side, wholly inside the prose
 * the two versions share at their start or at their end (sentence splitting, country mentions and their
 * nationality cues, a citation right after the block all look a little past its edges; a code fence or
 * comment opened elsewhere changes the prose, not only the text, so it is caught too), the last version
 * had a block at the matching place with the same length, and its context is the same: the document's
 * country, default report (front matter, the draft's references) and whether every country it names is loaded, the edition stated by the sentences
 * before it (a changed edition statement changes every later block's), and the inline quotations over
 * it. A check added to the registry that reads anything else of the draft must add it to the context
 * (the property test in test/reliability/incremental.test.ts compares against checks from scratch).
 *
 * Finding what the versions share costs a comparison of the two prose strings, natively, a few
 * kilobytes at a time; each block then costs a map lookup and a short string.
 */
import type { Span } from '../model/kb';
import type { ExplainNote, Problem } from './checks/types';
import type { Finding } from './types';
import { lowerBound } from '../reading/sorted';

/** Code units of prose either side of a block that must be unchanged for it to be reused. */
export const MARGIN = 80;

/** What the per-sentence checks produced for one block, as first produced (before any finish step touched it). */
export interface BlockOutputs {
  /** Where the block started when these were made: spans are moved by the difference. */
  start: number;
  /** Its length. */
  length: number;
  /** The block's context (blockContext) when these were made. */
  context: string;
  findings: Finding[];
  problems: Problem[];
  notes: ExplainNote[];
  /** The last edition a sentence of the block states ("the 2023 report"), which later blocks read. */
  lastEdition: number | undefined;
}

export class BlockChecks {
  #prose: string | undefined;
  #previous = new Map<number, BlockOutputs>();
  #current = new Map<number, BlockOutputs>();
  /** Length of the prose the last and this version share at the start, and at the end. */
  #prefix = 0;
  #suffix = 0;
  #delta = 0;
  /** Blocks reused and checked in the last run (tests, benchmark). */
  reused = 0;
  checked = 0;

  /** A new version of the document whose prose is `prose`: what it shares with the last one is found here. */
  nextVersion(prose: string): void {
    const old = this.#prose;
    this.#previous = this.#current;
    this.#current = new Map();
    this.reused = this.checked = 0;
    this.#prose = prose;
    if (old === undefined) {
      this.#prefix = this.#suffix = 0;
      return;
    }
    this.#prefix = commonPrefix(old, prose);
    this.#suffix = commonSuffix(old, prose, Math.min(old.length, prose.length) - this.#prefix);
    this.#delta = prose.length - old.length;
  }

  /** The last version's results for `block` when they hold for it now, and how far to move them. */
  get(block: Span, context: string, proseLength: number): BlockOutputs | undefined {
    let shift: number;
    if (block.end + MARGIN <= this.#prefix) shift = 0;
    else if (block.start - MARGIN >= proseLength - this.#suffix) shift = this.#delta;
    else return undefined;
    const hit = this.#previous.get(block.start - shift);
    return hit && hit.length === block.end - block.start && hit.context === context ? hit : undefined;
  }

  /** Remembers `outputs` for the block that starts at `at` in this version. */
  set(at: number, outputs: BlockOutputs): void {
    this.#current.set(at, outputs);
  }
}

/** Where `a` and `b` first differ (their common prefix's length), compared natively a chunk at a time. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 4096; i < n; ) {
    const m = Math.min(step, n - i);
    if (a.slice(i, i + m) === b.slice(i, i + m)) i += m;
    else if (m <= 16) break;
    else step = m >> 1;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** How many code units `a` and `b` share at their ends, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  for (let step = 4096; i < max; ) {
    const m = Math.min(step, max - i);
    if (a.slice(a.length - i - m, a.length - i) === b.slice(b.length - i - m, b.length - i)) i += m;
    else if (m <= 16) break;
    else step = m >> 1;
  }
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The context of a block besides its prose (see the file's comment): `context` and the inline quotations over it. */
export function blockContext(block: Span, context: string, inlineQuotes: readonly Span[]): string {
  let quotes = '';
  // Inline quotations are sorted and do not overlap: the first that ends after the block start, then on.
  const lo = lowerBound(inlineQuotes, (q) => q.end > block.start);
  for (let i = lo; i < inlineQuotes.length && inlineQuotes[i].start < block.end; i++) {
    quotes += `${Math.max(inlineQuotes[i].start, block.start) - block.start}-${Math.min(inlineQuotes[i].end, block.end) - block.start},`;
  }
  // Near the start of the draft the margin before the block is shorter than MARGIN: where it is counts.
  return `${context}\u0000${Math.min(block.start, MARGIN)}\u0000${quotes}`;
}

const moved = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });

/** Copies of `findings`, `problems` and `notes` with their draft spans moved by `delta` (report spans stay). */
export function copyOutputs(o: Pick<BlockOutputs, 'findings' | 'problems' | 'notes'>, delta: number): Pick<BlockOutputs, 'findings' | 'problems' | 'notes'> {
  return {
    findings: o.findings.map((f) => ({ ...f, span: moved(f.span, delta) })),
    problems: o.problems.map((p) => ({ ...p, span: moved(p.span, delta), data: { ...p.data, ...(p.data.insertAt !== undefined ? { insertAt: p.data.insertAt + delta } : {}) } })),
    notes: o.notes.map((n) => ({ ...n, span: moved(n.span, delta) })),
  };
}
