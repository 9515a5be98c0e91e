/**
 * Incremental re-checks: what the per-sentence checks (figures, tiers …) found in one block of a draft,
 * remembered under everything those checks read, so that after an edit only the blocks whose text or
 * context changed are checked again; the others' findings, problems and --explain notes are reused,
 * moved to where the block now starts.
 *
 * The key of a block holds all a per-sentence check may look at: the block's prose with MARGIN code
 * units either side (sentence splitting, country mentions and their nationality cues, a citation right
 * after the block, all look a little past its edges), where the block starts in that slice, the
 * document's country and default report (front matter, the draft's references), the edition stated by
 * the sentences before it (a changed edition statement changes every later key), and the inline
 * quotations that overlap it. A check added to the registry that reads anything else of the draft must
 * add it here (the property test in test/reliability/incremental.test.ts compares against full checks).
 *
 * Two generations, like SentenceReadings and QuoteMatches: the blocks of this version and of the last,
 * nothing older; owned by the service per document (DraftMemo).
 */
import type { Span } from '../model/kb';
import type { ExplainNote, Problem } from './checks/types';
import type { Finding } from './types';

/** Code units of prose either side of a block that are part of its key. */
export const MARGIN = 80;

/** What the per-sentence checks produced for one block, as first produced (before any finish step touched it). */
export interface BlockOutputs {
  /** Where the block started when these were made: spans are moved by the difference. */
  start: number;
  findings: Finding[];
  problems: Problem[];
  notes: ExplainNote[];
  /** The last edition a sentence of the block states ("the 2023 report"), which later blocks read. */
  lastEdition: number | undefined;
}

export class BlockChecks {
  #previous = new Map<string, BlockOutputs>();
  #current = new Map<string, BlockOutputs>();
  /** Blocks reused and checked in the last run (tests, benchmark). */
  reused = 0;
  checked = 0;

  nextVersion(): void {
    if (this.#current.size) this.#previous = this.#current;
    this.#current = new Map();
    this.reused = this.checked = 0;
  }

  get(key: string): BlockOutputs | undefined {
    let hit = this.#current.get(key);
    if (!hit) {
      hit = this.#previous.get(key);
      if (hit) this.#current.set(key, hit);
    }
    return hit;
  }

  set(key: string, outputs: BlockOutputs): void {
    this.#current.set(key, outputs);
  }
}

/** The key of the block [block.start, block.end) of `prose` (see the file's comment). */
export function blockKey(prose: string, block: Span, context: string, inlineQuotes: readonly Span[]): string {
  const from = Math.max(0, block.start - MARGIN);
  const to = Math.min(prose.length, block.end + MARGIN);
  let quotes = '';
  // Inline quotations are sorted and do not overlap: the first that ends after the block start, then on.
  let lo = 0;
  let hi = inlineQuotes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inlineQuotes[mid].end <= block.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < inlineQuotes.length && inlineQuotes[i].start < block.end; i++) {
    quotes += `${Math.max(inlineQuotes[i].start, block.start) - block.start}-${Math.min(inlineQuotes[i].end, block.end) - block.start},`;
  }
  return `${context}\u0000${block.start - from}\u0000${block.end - block.start}\u0000${quotes}\u0000${prose.slice(from, to)}`;
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
