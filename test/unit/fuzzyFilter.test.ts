/**
 * The search's prefilter (service/fuzzyFilter.ts) leaves out only items fuse.js could not match: its
 * edit distance agrees with a plain dynamic programme, and a report searched through it gives fuse.js's
 * results over all the report's items, hit for hit, score for score.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Fuse, { type Expression } from 'fuse.js';
import { fuzzyWord, maxEdits, withinEdits } from '../../server/src/service/fuzzyFilter';
import { FUSE_OPTIONS, fuseSearch, reportItems, type ReportItem } from '../../server/src/service/search';
import { loadKnowledgeBase } from '../../server/src/node/loadReports';

/** The fewest edits turning `p` into some substring of `t` (semi-global edit distance). */
function fewestEdits(p: string, t: string): number {
  let prev = Array.from({ length: p.length + 1 }, (_, i) => i);
  let best = prev[p.length];
  for (let j = 1; j <= t.length; j++) {
    const cur = [0];
    for (let i = 1; i <= p.length; i++) cur[i] = Math.min(prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + (p[i - 1] === t[j - 1] ? 0 : 1));
    best = Math.min(best, cur[p.length]);
    prev = cur;
  }
  return best;
}

test('withinEdits is true exactly when some substring is within the allowed edits', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é', 'x'), minLength: 1, maxLength: 32 });
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é', ' ', 'y'), maxLength: 80 });
  fc.assert(
    fc.property(word, text, fc.constantFrom(0.34, 0.5, 0.1), (w, t, threshold) => {
      const p = fuzzyWord(w, threshold)!;
      assert.equal(withinEdits(p, t), fewestEdits(w, t) <= maxEdits(w.length, threshold), `${w} in ${t}`);
    }),
    { numRuns: 3000 },
  );
});

test('maxEdits is what fuse.js scores as within the threshold (edits / length)', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 8, 9, 12].map((n) => maxEdits(n, 0.34)), [0, 0, 1, 1, 1, 2, 2, 3, 4]);
  assert.equal(fuzzyWord('x'.repeat(33), 0.34), undefined);
});

test('a report searched through the prefilter gives fuse.js results over all its items', () => {
  const kb = loadKnowledgeBase([]);
  const words = new Set<string>();
  for (const r of kb.all()) for (const it of reportItems(r)) for (const w of it.text.toLowerCase().match(/[a-z]{3,}/g) ?? []) words.add(w);
  const list = [...words];
  const queries: string[][] = [['scam'], ['restitusion'], ['prosecution.2'], ['r1'], ['zzzq'], ['b'], ['debt', 'b'], ['bb'], ['r'], ['l', 'labor'], ['fishing', 'abroad'], ['ab'], ['procedures', 'insp'], ['x'.repeat(40)]];
  // Prefixes, one-letter typos and pairs of the reports' own words.
  for (let i = 0; i < 300; i++) {
    const w = list[(i * 7919) % list.length];
    const v = list[(i * 104729 + 13) % list.length];
    queries.push([w.slice(0, 3 + (i % 6))]);
    queries.push([w.slice(0, 2) + 'q' + w.slice(3)]);
    queries.push([w, v.slice(0, 4)]);
  }
  for (const r of kb.all()) {
    const items = reportItems(r);
    const plain = new Fuse<ReportItem>(items, FUSE_OPTIONS);
    for (const q of queries) {
      const pattern: string | Expression = q.length === 1 ? q[0] : { $and: q.map((w): Expression => ({ $or: [{ text: w } as Expression, { key: w } as Expression] })) };
      const want = plain.search(pattern, { limit: 100 }).map((h) => `${h.item.anchor} ${h.score}`);
      const got = fuseSearch(r, q, 100).map((h) => `${h.item.anchor} ${h.score}`);
      assert.deepEqual(got, want, `${r.id}: ${q.join(' ')}`);
    }
  }
});
