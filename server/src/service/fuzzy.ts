/**
 * fuse.js's fuzzy search, fast: the same index (built by `Fuse.createIndex`), the
 * same Bitap matcher, field-length norm, score and order as `new Fuse(docs,
 * options).search(query, { limit })` for fuse.js 7.1, with the Bitap inner loop on
 * typed arrays and char-code tables instead of fuse's per-character string keys
 * and per-item array allocations (which made fuse spend ~80 ns a character a pass:
 * most of a completion request). Results are identical, score for score; the
 * differential tests in test/unit/fuzzy.test.ts compare the two on the reports.
 *
 * Supported options: the match and fuzzy options (threshold, location, distance,
 * ignoreLocation, minMatchCharLength, findAllMatches, isCaseSensitive), keys with
 * weights, includeScore, shouldSort, fieldNormWeight, ignoreFieldNorm. Not supported
 * (use Fuse itself): includeMatches, ignoreDiacritics, useExtendedSearch, a custom
 * sortFn or getFn, `$path` queries.
 */
import Fuse, { type Expression, type FuseIndexObjectRecord, type FuseIndexOptions, type FuseResult, type IFuseOptions, type RecordEntryObject } from 'fuse.js';

/** fuse.js's Config defaults for the options this port reads. */
const DEFAULTS = Fuse.config;

interface MatchOptions {
  location: number;
  distance: number;
  threshold: number;
  findAllMatches: boolean;
  minMatchCharLength: number;
  ignoreLocation: boolean;
  isCaseSensitive: boolean;
}

/** Whether `FuzzyIndex` reproduces `Fuse` for these options. */
export function supportsOptions<T>(o: IFuseOptions<T>): boolean {
  return !o.includeMatches && !o.ignoreDiacritics && !o.useExtendedSearch && o.sortFn === undefined && o.getFn === undefined && (o.keys ?? []).every((k) => typeof k === 'string' || (typeof k === 'object' && !Array.isArray(k) && typeof k.name === 'string' && !k.getFn));
}

const MAX_BITS = 32;

/** fuse's computeScore$1: errors and distance from the expected location. */
function bitapScore(patternLen: number, errors: number, currentLocation: number, expectedLocation: number, distance: number, ignoreLocation: boolean): number {
  const accuracy = errors / patternLen;
  if (ignoreLocation) return accuracy;
  const proximity = Math.abs(expectedLocation - currentLocation);
  if (!distance) return proximity ? 1.0 : accuracy;
  return accuracy + proximity / distance;
}

/** Pattern alphabet: per UTF-16 code unit, the bits of the pattern positions holding it (fuse's createPatternAlphabet). */
class Alphabet {
  readonly low = new Int32Array(256);
  readonly high = new Map<number, number>();
  constructor(pattern: string) {
    const len = pattern.length;
    for (let i = 0; i < len; i++) {
      const c = pattern.charCodeAt(i);
      const bit = 1 << (len - i - 1);
      if (c < 256) this.low[c] |= bit;
      else this.high.set(c, (this.high.get(c) ?? 0) | bit);
    }
  }
}

// Scratch buffers shared by every search (the engine is single-threaded and a search never re-enters).
let bitA = new Int32Array(1024);
let bitB = new Int32Array(1024);
let charBits = new Int32Array(1024);
let mask = new Uint8Array(1024);
function ensure(size: number): void {
  if (bitA.length >= size) return;
  let n = bitA.length;
  while (n < size) n *= 2;
  bitA = new Int32Array(n);
  bitB = new Int32Array(n);
  charBits = new Int32Array(n);
  mask = new Uint8Array(n);
}

/**
 * Results of bitapChunk without an object per text: it returns the score (never below
 * 0.001) when the chunk matches and NO_MATCH otherwise, and leaves the score in
 * `chunkScore` either way (fuse averages the scores of every chunk of a long pattern).
 * NO_MATCH is not an integer on purpose: when the commonest result is a small integer,
 * V8 compiles the callers for small integers and deoptimises on every real score.
 */
const NO_MATCH = -0.5;
let chunkScore = 1;

/** fuse's `search` (Bitap with errors) for one chunk of at most 32 characters, on a text already lowercased as the searcher requires. */
function bitapChunk(text: string, pattern: string, alphabet: Alphabet, location: number, o: MatchOptions): number {
  const patternLen = pattern.length;
  const textLen = text.length;
  const expectedLocation = Math.max(0, Math.min(location, textLen));
  let currentThreshold = o.threshold;
  let bestLocation = expectedLocation;
  const computeMatches = o.minMatchCharLength > 1;
  const { low, high } = alphabet;
  // fuse's matchMask grows to the highest index written (finish - 1 at most); entries never written are falsy.
  ensure(textLen + patternLen + 2);
  mask.fill(0, 0, textLen + patternLen + 2);

  // Exact matches first.
  let index: number;
  while ((index = text.indexOf(pattern, bestLocation)) > -1) {
    const score = bitapScore(patternLen, 0, index, expectedLocation, o.distance, o.ignoreLocation);
    currentThreshold = Math.min(score, currentThreshold);
    bestLocation = index + patternLen;
    if (computeMatches) for (let i = 0; i < patternLen; i++) mask[index + i] = 1;
  }

  bestLocation = -1;
  let finalScore = 1;
  let binMax = patternLen + textLen;
  const hit = 1 << (patternLen - 1);
  let bitArr = bitA;
  let lastBitArr = bitB;
  const m = mask;
  const distance = o.distance;
  const ignoreLocation = o.ignoreLocation;
  // Each position's pattern bits, once for all passes; 0 past the end (fuse's charAt gives '' there).
  const cm = charBits;
  for (let p = 0; p < textLen; p++) {
    const c = text.charCodeAt(p);
    cm[p] = c < 256 ? low[c] : (high.get(c) ?? 0);
  }
  cm.fill(0, textLen, textLen + patternLen + 2);
  for (let i = 0; i < patternLen; i++) {
    let binMin = 0;
    let binMid = binMax;
    while (binMin < binMid) {
      const score = bitapScore(patternLen, i, expectedLocation + binMid, expectedLocation, distance, ignoreLocation);
      if (score <= currentThreshold) binMin = binMid;
      else binMax = binMid;
      binMid = Math.floor((binMax - binMin) / 2 + binMin);
    }
    binMax = binMid;
    let start = Math.max(1, expectedLocation - binMid + 1);
    const finish = o.findAllMatches ? textLen : Math.min(expectedLocation + binMid, textLen) + patternLen;
    // fuse allocates Array(finish + 2): unwritten entries read as 0 in the bitwise operations.
    bitArr.fill(0, 0, finish + 2);
    bitArr[finish + 1] = (1 << i) - 1;
    // fuse's matchMask is only read when computeMatches; writing it always keeps the loop branch-free.
    // `prev` is bitArr[j + 1] and `lastNext` lastBitArr[j + 1], carried from the step before.
    let prev = bitArr[finish + 1];
    let lastNext = lastBitArr[finish + 1];
    for (let j = finish; j >= start; j--) {
      const charMatch = cm[j - 1];
      m[j - 1] = charMatch === 0 ? 0 : 1;
      let bits = ((prev << 1) | 1) & charMatch;
      if (i !== 0) {
        const lj = lastBitArr[j];
        bits |= (((lastNext | lj) << 1) | 1) | lastNext;
        lastNext = lj;
      }
      bitArr[j] = bits;
      prev = bits;
      if ((bits & hit) !== 0) {
        const currentLocation = j - 1;
        finalScore = bitapScore(patternLen, i, currentLocation, expectedLocation, distance, ignoreLocation);
        if (finalScore <= currentThreshold) {
          currentThreshold = finalScore;
          bestLocation = currentLocation;
          if (bestLocation <= expectedLocation) break;
          start = Math.max(1, 2 * expectedLocation - bestLocation);
        }
      }
    }
    const score = bitapScore(patternLen, i + 1, expectedLocation, expectedLocation, distance, ignoreLocation);
    if (score > currentThreshold) break;
    const t = lastBitArr;
    lastBitArr = bitArr;
    bitArr = t;
  }
  let isMatch = bestLocation >= 0;
  if (computeMatches && isMatch) {
    // fuse's convertMaskToIndices: is there a run of at least minMatchCharLength set entries?
    let run = 0;
    let found = false;
    for (let p = 0; p < textLen; p++) {
      if (m[p]) {
        if (++run >= o.minMatchCharLength) {
          found = true;
          break;
        }
      } else run = 0;
    }
    if (!found) isMatch = false;
  }
  // fuse's Math.max(0.001, finalScore), written so the optimiser keeps one number representation (Math.max on a
  // small integer then a fraction made V8 deoptimise this function on every call).
  const score = finalScore > 0.001 ? finalScore : 0.001;
  chunkScore = score;
  return isMatch ? score : NO_MATCH;
}

/** fuse's BitapSearch: one pattern (split into 32-character chunks), matched against texts. */
export class BitapPattern {
  readonly pattern: string;
  private readonly chunks: { pattern: string; alphabet: Alphabet; startIndex: number }[] = [];

  constructor(
    pattern: string,
    private readonly o: MatchOptions,
  ) {
    this.pattern = o.isCaseSensitive ? pattern : pattern.toLowerCase();
    const len = this.pattern.length;
    if (!len) return;
    const add = (p: string, startIndex: number) => this.chunks.push({ pattern: p, alphabet: new Alphabet(p), startIndex });
    if (len > MAX_BITS) {
      let i = 0;
      const remainder = len % MAX_BITS;
      const end = len - remainder;
      while (i < end) {
        add(this.pattern.substr(i, MAX_BITS), i);
        i += MAX_BITS;
      }
      if (remainder) add(this.pattern.substr(len - MAX_BITS), len - MAX_BITS);
    } else add(this.pattern, 0);
  }

  /** `text` must already be lowercased unless the search is case-sensitive (the index keeps it so). */
  /** The match score (0 = exact), or NO_MATCH (negative) when the text does not match. */
  searchIn(text: string): number {
    if (this.pattern === text) return 0;
    const chunks = this.chunks;
    if (chunks.length === 1) return bitapChunk(text, chunks[0].pattern, chunks[0].alphabet, this.o.location, this.o);
    let totalScore = 0;
    let hasMatches = false;
    for (const c of chunks) {
      if (bitapChunk(text, c.pattern, c.alphabet, this.o.location + c.startIndex, this.o) >= 0) hasMatches = true;
      totalScore += chunkScore;
    }
    return hasMatches ? totalScore / chunks.length : NO_MATCH;
  }
}

interface Entry {
  /** Searched text (lowercased unless case-sensitive). */
  v: string;
  n: number;
}
interface Key {
  id: string;
  /** As fuse's index keys carry it (not normalised): used for string queries. */
  weight: number;
  /** Normalised to sum 1, as fuse's key store carries it: used for logical queries. */
  normalised: number;
}
interface Match {
  score: number;
  weight: number | null;
  norm: number;
}
const NONE: Match[] = [];
type Node = { keyId: string; searcher: BitapPattern } | { operator: string; children: Node[] };

/** A fuse.js index and search over `docs`, with Fuse's results (see the file comment). */
export class FuzzyIndex<T> {
  private readonly keys: Key[];
  private readonly keyIndex = new Map<string, number>();
  /** Per record: its doc index and, per key, the entries (one for a string, several for an array). */
  private readonly records: { i: number; entries: (Entry[] | undefined)[] }[];
  private readonly o: MatchOptions;
  private readonly options: IFuseOptions<T>;

  constructor(
    private readonly docs: readonly T[],
    options: IFuseOptions<T>,
  ) {
    if (!supportsOptions(options)) throw new Error('FuzzyIndex: unsupported fuse.js options');
    this.options = options;
    const keyDefs = (options.keys ?? []).map((k) => (typeof k === 'string' ? { name: k } : (k as { name: string; weight?: number })));
    const total = keyDefs.reduce((s, k) => s + (k.weight ?? 1), 0);
    this.keys = keyDefs.map((k) => ({ id: k.name, weight: k.weight ?? 1, normalised: (k.weight ?? 1) / total }));
    this.keys.forEach((k, i) => this.keyIndex.set(k.id, i));
    const caseSensitive = options.isCaseSensitive ?? DEFAULTS.isCaseSensitive;
    this.o = {
      location: options.location ?? DEFAULTS.location,
      distance: options.distance ?? DEFAULTS.distance,
      threshold: options.threshold ?? DEFAULTS.threshold,
      findAllMatches: options.findAllMatches ?? DEFAULTS.findAllMatches,
      minMatchCharLength: options.minMatchCharLength ?? DEFAULTS.minMatchCharLength,
      ignoreLocation: options.ignoreLocation ?? DEFAULTS.ignoreLocation,
      isCaseSensitive: caseSensitive,
    };
    const o = this.o;
    this.optionsKey = [o.location, o.distance, o.threshold, o.findAllMatches, o.minMatchCharLength, o.ignoreLocation, o.isCaseSensitive].join(',');
    // fuse's createIndex reads fieldNormWeight too, though its types list only getFn.
    const indexOptions: FuseIndexOptions<T> & { fieldNormWeight: number } = { getFn: DEFAULTS.getFn, fieldNormWeight: options.fieldNormWeight ?? DEFAULTS.fieldNormWeight };
    const index = Fuse.createIndex(options.keys ?? [], docs, indexOptions);
    const records = index.toJSON().records as readonly FuseIndexObjectRecord[];
    const entry = (e: RecordEntryObject): Entry => ({ v: caseSensitive ? e.v : e.v.toLowerCase(), n: e.n });
    this.records = records.map((r) => ({
      i: r.i,
      entries: this.keys.map((_, k) => {
        const value = r.$[k];
        if (value === undefined || value === null) return undefined;
        return Array.isArray(value) ? value.map(entry) : [entry(value as RecordEntryObject)];
      }),
    }));
  }

  search(query: string | Expression, limit = -1): FuseResult<T>[] {
    const results: { idx: number; matches: Match[]; score: number }[] = [];
    if (typeof query === 'string') {
      const searcher = this.pattern(query);
      const keys = this.keys;
      for (const r of this.records) {
        let matches: Match[] | undefined;
        for (let k = 0; k < keys.length; k++) matches = this.findMatches(r.entries[k], searcher, keys[k].weight, matches);
        if (matches) results.push({ idx: r.i, matches, score: 0 });
      }
    } else {
      const tree = this.parse(query);
      for (const r of this.records) {
        const matches = this.evaluate(tree, r.entries);
        if (matches && matches.length) results.push({ idx: r.i, matches, score: 0 });
      }
    }
    const ignoreFieldNorm = this.options.ignoreFieldNorm ?? DEFAULTS.ignoreFieldNorm;
    for (const r of results) {
      let total = 1;
      for (const m of r.matches) total *= Math.pow(m.score === 0 && m.weight ? Number.EPSILON : m.score, (m.weight || 1) * (ignoreFieldNorm ? 1 : m.norm));
      r.score = total;
    }
    if (this.options.shouldSort ?? DEFAULTS.shouldSort) results.sort((a, b) => (a.score === b.score ? (a.idx < b.idx ? -1 : 1) : a.score < b.score ? -1 : 1));
    const kept = limit > -1 ? results.slice(0, limit) : results;
    const includeScore = this.options.includeScore ?? DEFAULTS.includeScore;
    return kept.map((r) => (includeScore ? { item: this.docs[r.idx], refIndex: r.idx, score: r.score } : { item: this.docs[r.idx], refIndex: r.idx }));
  }

  /** Appends the entries' matches to `out` (created on the first match: most records match nothing). */
  private findMatches(entries: Entry[] | undefined, searcher: BitapPattern, weight: number | null, out: Match[] | undefined): Match[] | undefined {
    if (!entries) return out;
    for (let i = 0; i < entries.length; i++) {
      const score = searcher.searchIn(entries[i].v);
      if (score >= 0) (out ??= []).push({ score, weight, norm: entries[i].n });
    }
    return out;
  }

  /** Compiled patterns, shared by the indexes with the same match options (a query searches several reports). */
  private static readonly compiled = new Map<string, BitapPattern>();
  private readonly optionsKey: string;

  private pattern(p: string): BitapPattern {
    const key = `${this.optionsKey}\u0000${p}`;
    let b = FuzzyIndex.compiled.get(key);
    if (!b) {
      b = new BitapPattern(p, this.o);
      FuzzyIndex.compiled.set(key, b);
      if (FuzzyIndex.compiled.size > 64) FuzzyIndex.compiled.delete(FuzzyIndex.compiled.keys().next().value as string);
    }
    return b;
  }

  /** fuse's parse(): `$and` / `$or` nodes, `{ key: pattern }` leaves (several keys in one object mean `$and`). */
  private parse(query: Expression): Node {
    const isExpression = (q: object) => !!((q as { $and?: unknown }).$and || (q as { $or?: unknown }).$or);
    const next = (q: Expression): Node => {
      const keys = Object.keys(q);
      if ((q as { $path?: unknown }).$path) throw new Error('FuzzyIndex: $path queries are not supported');
      if (keys.length > 1 && !isExpression(q)) return next({ $and: keys.map((k) => ({ [k]: (q as Record<string, string>)[k] })) });
      if (!isExpression(q)) {
        const key = keys[0];
        const pattern = (q as Record<string, unknown>)[key];
        if (typeof pattern !== 'string') throw new Error(`Invalid value for key ${key}`);
        return { keyId: key, searcher: this.pattern(pattern) };
      }
      const node = { operator: keys[0], children: [] as Node[] };
      for (const k of keys) {
        const value = (q as Record<string, unknown>)[k];
        if (Array.isArray(value)) for (const item of value as Expression[]) node.children.push(next(item));
      }
      return node;
    };
    return next(isExpression(query) ? query : { $and: Object.keys(query).map((k) => ({ [k]: (query as Record<string, string>)[k] })) });
  }

  /** fuse's evaluate(): the matches of a record, or none. `$and` needs every child; `$or` collects them all. */
  private evaluate(node: Node, entries: (Entry[] | undefined)[]): Match[] {
    if ('keyId' in node) {
      const k = this.keyIndex.get(node.keyId);
      return this.findMatches(k === undefined ? undefined : entries[k], node.searcher, k === undefined ? null : this.keys[k].normalised, undefined) ?? NONE;
    }
    let out: Match[] | undefined;
    for (const child of node.children) {
      const m = this.evaluate(child, entries);
      if (m.length) (out ??= []).push(...m);
      else if (node.operator === '$and') return NONE;
    }
    return out ?? NONE;
  }
}
