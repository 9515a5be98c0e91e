/**
 * Quotations kept across versions (service/quoteScan.ts): after any sequence of edits (quote marks typed and removed,
 * blank lines that split or join blocks, block quotes, code), the quotations equal findQuotes from scratch; an edit in
 * one paragraph of a long draft reads that paragraph's block again and no other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readDraft } from '../../server/src/service/draft';
import { DraftReader } from '../../server/src/service/draftSplice';
import { findQuotes } from '../../server/src/service/quotes';
import { QuoteScan } from '../../server/src/service/quoteScan';

const PIECES = [
  'The report says "investigate and prosecute traffickers" here.', '“forced labor crimes in cyber scam operations”', '"', '“', '”', ' ', 'x', '38',
  '\n', '\n\n', '\n> ', '> "A quoted block" — 2022 TIP Report', '> For me: "remained widespread and systemic".', '\n```\n', '`', ' [@KHM-2023/R1]', '- item "quoted words here"',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(''));
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 15 }), insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 2 }).map((xs) => xs.join('')) });
function apply(t: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.min(t.length, Math.floor(e.at * (t.length + 1)));
  return t.slice(0, at) + e.insert + t.slice(Math.min(t.length, at + e.remove));
}

test('quotations kept across edits equal findQuotes from scratch', () => {
  fc.assert(
    fc.property(text, fc.array(edit, { minLength: 1, maxLength: 12 }), fc.boolean(), (base, edits, spliced) => {
      const scan = new QuoteScan();
      const reader = new DraftReader();
      let t = base;
      for (const e of [undefined, ...edits]) {
        if (e) t = apply(t, e);
        const draft = spliced ? reader.read(t, 'markdown') : readDraft(t, 'markdown');
        assert.deepEqual(scan.get(draft), findQuotes(readDraft(t, 'markdown')), JSON.stringify(t));
      }
    }),
    { numRuns: 600 },
  );
});

test('an edit in one paragraph of a long draft reads its block again and no other', () => {
  const paras = Array.from({ length: 500 }, (_, i) => `Paragraph ${i} says "quoted words number ${i}" and “more here”.`);
  const scan = new QuoteScan();
  scan.get(readDraft(paras.join('\n\n'), 'markdown'));
  paras[250] = paras[250].replace('says', 'said that');
  const t = paras.join('\n\n');
  const draft = readDraft(t, 'markdown');
  assert.deepEqual(scan.get(draft), findQuotes(draft));
  assert.ok(scan.read <= 2, `read ${scan.read} blocks`);
});
