/**
 * The draft's quotations (quotes.ts findQuotes) kept for the next version of the document: a block's quotations read
 * only the prose from the start of its first line to its end, so after an edit the blocks before the change (the same
 * spans, ending before it) keep theirs, the blocks after it (the same spans moved, their first line and the line break
 * before it in the prose the versions share at their end) keep theirs moved, and only the blocks between are read again.
 * test/unit/quoteScan.test.ts holds the result equal to findQuotes from scratch.
 */
import type { Span } from '../model/kb';
import type { DraftText } from './draft';
import { commonPrefix, commonSuffix } from './blockChecks';
import { findQuotesIn, type DraftQuote } from './quotes';
import { lowerBound } from '../reading/sorted';

const moved = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });

export class QuoteScan {
  #draft: DraftText | undefined;
  #quotes: DraftQuote[] = [];
  /** Blocks read by the last call (tests). */
  read = 0;

  get(draft: DraftText): DraftQuote[] {
    const old = this.#draft;
    if (old?.prose !== draft.prose || old.blocks !== draft.blocks) {
      this.#quotes = old === undefined ? this.#all(draft) : this.#splice(old, draft);
      this.#draft = draft;
    } else this.read = 0;
    return this.#quotes;
  }

  #all(draft: DraftText): DraftQuote[] {
    this.read = draft.blocks.length;
    return findQuotesIn(draft, 0, draft.blocks.length, []);
  }

  #splice(old: DraftText, draft: DraftText): DraftQuote[] {
    const prose = draft.prose;
    const prefix = commonPrefix(old.prose, prose);
    const suffix = commonSuffix(old.prose, prose, Math.min(old.prose.length, prose.length) - prefix);
    const delta = prose.length - old.prose.length;
    const ob = old.blocks;
    const nb = draft.blocks;
    // Leading blocks: those ending before the change whose span is the same in both (the blocks before them are too).
    let i = lowerBound(nb, (b) => b.end >= prefix);
    while (i > 0 && !(i - 1 < ob.length && ob[i - 1].start === nb[i - 1].start && ob[i - 1].end === nb[i - 1].end)) i--;
    // Trailing blocks: from the first whose first line lies in the shared end and that has the same span, moved, in both.
    const tail = prose.length - suffix;
    let j = Math.max(i, lowerBound(nb, (b) => b.start >= tail));
    let jo = ob.length;
    for (; j < nb.length; j++) {
      // (The line break before its first line shared too: the old version's block starts a line there as well.)
      if (prose.lastIndexOf('\n', nb[j].start - 1) < tail) continue;
      const k = lowerBound(ob, (b) => b.start >= nb[j].start - delta);
      if (k >= i && k < ob.length && ob[k].start === nb[j].start - delta && ob[k].end === nb[j].end - delta) {
        jo = k;
        break;
      }
    }
    const keepBefore = i < ob.length ? ob[i].start : Infinity;
    const keepFrom = jo < ob.length ? ob[jo].start : Infinity;
    const out: DraftQuote[] = [];
    let q = 0;
    const quotes = this.#quotes;
    for (; q < quotes.length && quotes[q].span.start < keepBefore; q++) out.push(quotes[q]);
    findQuotesIn(draft, i, j, out);
    while (q < quotes.length && quotes[q].span.start < keepFrom) q++;
    for (; q < quotes.length; q++) out.push(delta === 0 ? quotes[q] : { ...quotes[q], span: moved(quotes[q].span, delta), inner: moved(quotes[q].inner, delta) });
    this.read = j - i;
    return out;
  }
}
