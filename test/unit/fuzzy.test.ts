// The fast fuzzy index (server/src/service/fuzzy.ts) gives exactly what fuse.js gives:
// same items, same order, same scores, on the real report texts and on random ones.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import Fuse, { type Expression, type FuseResult, type IFuseOptions } from 'fuse.js';
import { FuzzyIndex, supportsOptions } from '../../server/src/service/fuzzy';
import { FUSE_OPTIONS, reportItems, type ReportItem } from '../../server/src/service/search';
import { ingestReport } from '../../server/src/ingest';
import { generateKb } from '../../bench/gen-kb';
import { bundledKb } from './_lsp-fixtures';

const same = <T>(a: FuseResult<T>[], b: FuseResult<T>[], what: string) =>
  assert.deepEqual(
    a.map((r) => [r.refIndex, r.score]),
    b.map((r) => [r.refIndex, r.score]),
    what,
  );

function compare<T>(docs: T[], options: IFuseOptions<T>, queries: (string | Expression)[], limit = -1): void {
  const fuse = new Fuse(docs, options);
  const fast = new FuzzyIndex(docs, options);
  for (const q of queries) same(fast.search(q, limit), fuse.search(q, { limit }), `query ${JSON.stringify(q)}`);
}

/** What completion sends: one word, or every word (text or key) for several. */
const asQuery = (text: string): string | Expression => {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length === 1 ? words[0] : { $and: words.map((w): Expression => ({ $or: [{ text: w } as Expression, { key: w } as Expression] })) };
};

function itemsOf(n: number): ReportItem[][] {
  const bundled = bundledKb().all().map(reportItems);
  const generated = [...generateKb(n, 42)].map((g) => reportItems(ingestReport(g.manifest, g.text, g.id)));
  return [...bundled, ...generated];
}

const QUERIES = [
  'scam', 'sca', 'sc', 'restitution', 'restitutoin', 'scma', 'inv', 'investigate', 'anti traff', 'anti-trafficking', 'prosecution 3',
  'forced labor', 'cyber scam operations', 'R1', 'r13', 'prosecution.2', 'tier', 'zzzz', 'qx', 'traffickers involved in forced labor crimes in cyber scam',
  'Investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations and complicit officials', 'debt-based coercion', 'micro-finance', 'shelters penalties',
  'İstanbul', 'naïve café', '😀 emoji', 'the', 'a', 'e',
];

test('fuzzy index: same results as fuse.js for completion queries on every bundled report and 24 generated ones', () => {
  for (const items of itemsOf(24)) {
    compare(items, FUSE_OPTIONS, QUERIES.map(asQuery), 100);
    compare(items, FUSE_OPTIONS, QUERIES.slice(0, 8));
  }
});

test('fuzzy index: same results as fuse.js for every word prefix of a report (the typing sequence)', () => {
  const items = bundledKb().all().flatMap(reportItems);
  const words = [...new Set(items.flatMap((i) => i.text.toLowerCase().match(/[a-z][a-z-]{2,}/g) ?? []))].slice(0, 150);
  const prefixes = [...new Set(words.flatMap((w) => [w.slice(0, 2), w.slice(0, 3), w.slice(0, 5), w, `${w}x`, w.slice(1)]))];
  compare(items, FUSE_OPTIONS, prefixes, 100);
});

test('fuzzy index: same results as fuse.js with location, distance, findAllMatches, case and norm options', () => {
  const items = bundledKb().all().flatMap(reportItems);
  const variants: IFuseOptions<ReportItem>[] = [
    { ...FUSE_OPTIONS, ignoreLocation: false },
    { ...FUSE_OPTIONS, ignoreLocation: false, location: 40, distance: 30, threshold: 0.6 },
    { ...FUSE_OPTIONS, ignoreLocation: false, distance: 0 },
    { ...FUSE_OPTIONS, findAllMatches: true },
    { ...FUSE_OPTIONS, isCaseSensitive: true },
    { ...FUSE_OPTIONS, minMatchCharLength: 1, threshold: 0.6 },
    { ...FUSE_OPTIONS, minMatchCharLength: 4 },
    { ...FUSE_OPTIONS, ignoreFieldNorm: true, shouldSort: false },
    { ...FUSE_OPTIONS, includeScore: false },
    { ...FUSE_OPTIONS, keys: ['text', { name: 'key', weight: 2 }] as IFuseOptions<ReportItem>['keys'] },
  ];
  for (const o of variants) {
    assert.ok(supportsOptions(o));
    const fuse = new Fuse(items, o);
    const fast = new FuzzyIndex(items, o);
    for (const q of QUERIES.map(asQuery)) assert.deepEqual(
      fast.search(q, 60).map((r) => [r.refIndex, r.score]),
      fuse.search(q, { limit: 60 }).map((r) => [r.refIndex, r.score]),
      `${JSON.stringify(o)} ${JSON.stringify(q)}`,
    );
  }
});

test('fuzzy index: same results as fuse.js on random texts and patterns (property)', () => {
  const char = fc.constantFrom('a', 'b', 'c', 'd', 'e', ' ', '-', 'A', 'é', '\u{1F600}', 'İ', 'ß');
  const str = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join(''));
  fc.assert(
    fc.property(
      fc.array(fc.record({ text: str(80), key: str(6) }), { minLength: 1, maxLength: 8 }),
      fc.array(str(40).filter((s) => s.trim().length > 0), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      (docs, patterns, multi) => {
        const options = { ...FUSE_OPTIONS, keys: [{ name: 'text', weight: 1 }, { name: 'key', weight: 0.3 }] } as IFuseOptions<{ text: string; key: string }>;
        const queries: (string | Expression)[] = multi ? [{ $and: patterns.map((p): Expression => ({ $or: [{ text: p }, { key: p }] })) }] : patterns;
        compare(docs, options, queries);
      },
    ),
    { numRuns: 400, seed: 7 },
  );
});

test('fuzzy index: options it cannot reproduce are refused, not approximated', () => {
  assert.equal(supportsOptions({ ...FUSE_OPTIONS, includeMatches: true }), false);
  assert.equal(supportsOptions({ ...FUSE_OPTIONS, useExtendedSearch: true }), false);
  assert.equal(supportsOptions({ ...FUSE_OPTIONS, ignoreDiacritics: true }), false);
  assert.throws(() => new FuzzyIndex([], { ...FUSE_OPTIONS, includeMatches: true }));
});
