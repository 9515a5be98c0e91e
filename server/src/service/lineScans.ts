/**
 * Incremental line-local scans: the results of a scan over a draft's prose that never reads across a line
 * break (each result lies within one line and depends on that line's text alone, so scanning [0, n) gives
 * what scanning [0, a) then [a, n) gives whenever a is a line start), remembered for the next version of the
 * document. After an edit only the lines it touched are scanned again: the results before the first changed
 * line are kept, those after the last are moved by the change in length.
 *
 * The caller vouches for the scan being line-local and passes what else it reads as `key` (its elements compared
 * by identity); test/unit/lineScans.test.ts holds the spliced results equal to a scan from scratch.
 */
import { commonPrefix, commonSuffix } from './blockChecks';

export class LineScan<T> {
  #prose: string | undefined;
  #key: readonly unknown[] = [];
  #items: T[] = [];
  /** Code units scanned by the last call (tests). */
  scanned = 0;

  /** `startOf(item)`: where an item starts (items come in that order). */
  constructor(private readonly startOf: (item: T) => number) {}

  /**
   * What `scan(prose, 0, prose.length)` gives, from the last version's results where the text is unchanged.
   * `scan(prose, from, to)` must give the results that start in [from, to), both line starts (or 0, prose.length);
   * `move(item, delta)` an item moved by `delta`.
   */
  get(prose: string, key: readonly unknown[], scan: (prose: string, from: number, to: number) => T[], move: (item: T, delta: number) => T): T[] {
    const old = this.#prose;
    let items: T[];
    if (old === undefined || key.length !== this.#key.length || key.some((k, i) => k !== this.#key[i])) {
      items = scan(prose, 0, prose.length);
      this.scanned = prose.length;
    } else if (old === prose) {
      items = this.#items;
      this.scanned = 0;
    } else items = this.#splice(old, prose, scan, move);
    this.#prose = prose;
    this.#key = key;
    this.#items = items;
    return items;
  }

  #splice(old: string, prose: string, scan: (prose: string, from: number, to: number) => T[], move: (item: T, delta: number) => T): T[] {
    const prefix = commonPrefix(old, prose);
    const suffix = commonSuffix(old, prose, Math.min(old.length, prose.length) - prefix);
    // The first line the edit touched starts at `from`; the first line after it that both versions share whole, at `to`.
    const from = prefix === 0 ? 0 : prose.lastIndexOf('\n', prefix - 1) + 1;
    const nl = prose.indexOf('\n', prose.length - suffix);
    const to = nl < 0 ? prose.length : nl + 1;
    const delta = prose.length - old.length;
    const oldTo = to - delta;
    const items = this.#items;
    const out: T[] = [];
    let i = 0;
    const startOf = this.startOf;
    for (; i < items.length && startOf(items[i]) < from; i++) out.push(items[i]);
    for (const item of scan(prose, from, to)) out.push(item);
    while (i < items.length && startOf(items[i]) < oldTo) i++;
    if (delta === 0) for (; i < items.length; i++) out.push(items[i]);
    else for (; i < items.length; i++) out.push(move(items[i], delta));
    this.scanned = to - from;
    return out;
  }
}
