/**
 * The offered contexts of a draft's lines (notAsserted.ts offeredContexts: quiz options, true-or-false items) kept
 * for the next version of the document: a line's context reads only the lines from OFFERED_READS_ABOVE above it to
 * OFFERED_READS_BELOW below, so after an edit only the lines within that reach of the changed ones are worked out
 * again; the others keep their context, renumbered by the lines the edit added or removed.
 * test/unit/offeredLines.test.ts holds the result equal to offeredContexts from scratch.
 */
import { commonPrefix, commonSuffix } from '../blockChecks';
import { lineOf } from '../../ingest/lines';
import { OFFERED_READS_ABOVE, OFFERED_READS_BELOW, offeredContextsOf } from './notAsserted';

export class OfferedLines {
  #prose: string | undefined;
  #lineStarts: readonly number[] = [];
  #contexts = new Map<number, string>();
  /** Lines worked out by the last call (tests). */
  worked = 0;

  /** offeredContexts(prose, lineStarts), from the last version's where the lines are unchanged. */
  get(prose: string, lineStarts: readonly number[]): (line: number) => string {
    const old = this.#prose;
    if (old !== prose) {
      this.#contexts = old === undefined ? this.#all(prose, lineStarts) : this.#splice(old, prose, lineStarts);
      this.#prose = prose;
      this.#lineStarts = lineStarts;
    } else this.worked = 0;
    const contexts = this.#contexts;
    return (line) => contexts.get(line) ?? '';
  }

  #all(prose: string, lineStarts: readonly number[]): Map<number, string> {
    this.worked = lineStarts.length;
    return offeredContextsOf(prose, lineStarts, 0, lineStarts.length, new Map());
  }

  #splice(old: string, prose: string, lineStarts: readonly number[]): Map<number, string> {
    const prefix = commonPrefix(old, prose);
    const suffix = commonSuffix(old, prose, Math.min(old.length, prose.length) - prefix);
    // Lines [first, last] of this version hold the change; the old version's `lastOld` is the same line as `last`.
    const first = lineOf(lineStarts, prefix);
    const last = lineOf(lineStarts, prose.length - suffix);
    const lastOld = lineOf(this.#lineStarts, old.length - suffix);
    const from = Math.max(0, first - OFFERED_READS_BELOW - 1);
    const to = Math.min(lineStarts.length, last + OFFERED_READS_ABOVE + 1);
    const shift = last - lastOld;
    const out = new Map<number, string>();
    for (const [line, key] of this.#contexts) if (line < from) out.set(line, key);
    offeredContextsOf(prose, lineStarts, from, to, out);
    for (const [line, key] of this.#contexts) if (line + shift >= to) out.set(line + shift, key);
    this.worked = to - from;
    return out;
  }
}
