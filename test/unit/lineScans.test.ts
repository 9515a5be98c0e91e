/**
 * Incremental line-local scans (service/lineScans.ts): after any sequence of edits, the spliced results
 * equal a scan from scratch, for the draft's country mentions (names, adjectives, ISO3 codes) and for a
 * scan that finds every line's words; an edit inside one line rescans that line only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineScan } from '../../server/src/service/lineScans';
import { countryMentions, type CountryMention } from '../../server/src/service/countries';
import { findReferences, readDraft } from '../../server/src/service/draft';
import { loadKnowledgeBase } from '../../server/src/node/loadReports';
import type { DraftReference } from '../../server/src/service/types';

const codes = new Map([['KHM', 'Cambodia'], ['THA', 'Thailand']]);
const mentions = (p: string, from: number, to: number) => countryMentions(p, from, to, codes);
const movedMention = (m: CountryMention, d: number): CountryMention => ({ ...m, start: m.start + d, end: m.end + d });

interface Word {
  word: string;
  start: number;
  end: number;
}
const words = (p: string, from: number, to: number): Word[] => [...p.slice(from, to).matchAll(/[^\s]+/g)].map((m) => ({ word: m[0], start: from + m.index, end: from + m.index + m[0].length }));
const movedWord = (w: Word, d: number): Word => ({ ...w, start: w.start + d, end: w.end + d });

const PIECES = ['Cambodia', 'Cambodian', 'Thai', 'KHM', 'THA', 'South Africa', 'South', ' Africa', 'U.S.', 'UK', 'uk', "Cambodia's", 'Phnom Penh', '\n', '\n\n', ' ', '.', 'x', 'é', 'Ünited', '😀', '@KHM-2023', 'ARE', 'Korea', 'North Korea', '-', "'"];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(''));
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 12 }), insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((xs) => xs.join('')) });

function apply(t: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.min(t.length, Math.floor(e.at * (t.length + 1)));
  return t.slice(0, at) + e.insert + t.slice(Math.min(t.length, at + e.remove));
}

test('country mentions spliced after edits equal a scan from scratch', () => {
  fc.assert(
    fc.property(text, fc.array(edit, { minLength: 1, maxLength: 12 }), (base, edits) => {
      const memo = new LineScan<CountryMention>((m) => m.start);
      let t = base;
      assert.deepEqual(memo.get(t, [codes], mentions, movedMention), mentions(t, 0, t.length));
      for (const e of edits) {
        t = apply(t, e);
        assert.deepEqual(memo.get(t, [codes], mentions, movedMention), mentions(t, 0, t.length), JSON.stringify(t));
      }
    }),
    { numRuns: 400 },
  );
});

test('words spliced after edits equal a scan from scratch', () => {
  fc.assert(
    fc.property(text, fc.array(edit, { minLength: 1, maxLength: 12 }), (base, edits) => {
      const memo = new LineScan<Word>((w) => w.start);
      let t = base;
      memo.get(t, [1], words, movedWord);
      for (const e of edits) {
        t = apply(t, e);
        assert.deepEqual(memo.get(t, [1], words, movedWord), words(t, 0, t.length));
      }
    }),
    { numRuns: 400 },
  );
});

test('a changed key scans again from scratch; an edit in one line rescans that line', () => {
  const memo = new LineScan<CountryMention>((m) => m.start);
  const lines = Array.from({ length: 1000 }, (_, i) => `Line ${i} about Cambodia and Thailand.`);
  const t = lines.join('\n');
  memo.get(t, [codes], mentions, movedMention);
  assert.equal(memo.scanned, t.length);
  lines[500] = 'Line 500 about KHM and Laos, edited.';
  const t2 = lines.join('\n');
  assert.deepEqual(memo.get(t2, [codes], mentions, movedMention), mentions(t2, 0, t2.length));
  assert.ok(memo.scanned <= lines[500].length + 1, `scanned ${memo.scanned}`);
  const other = new Map([['LAO', 'Laos']]);
  assert.deepEqual(memo.get(t2, [other], (p, f, e) => countryMentions(p, f, e, other), movedMention), countryMentions(t2, 0, t2.length, other));
  assert.equal(memo.scanned, t2.length);
});

test('references spliced after edits equal findReferences from scratch (keys of one bracket, unknown keys, defaults)', () => {
  const kb = loadKnowledgeBase();
  const REFS = ['[@KHM-2023/R1]', '[@KHM-2023/R3; @KHM-2022/prosecution.2]', '[@R3]', '[@KHM-2023/R99]', '[see @smith2020, p. 2]', '[@', ']', '@', ' [@KHM-2022] ', 'x', ' ', '\n', '\n\n', 'Cambodia 38', ';', '[@R1; @R2]'];
  const piecesText = fc.array(fc.constantFrom(...REFS), { maxLength: 30 }).map((xs) => xs.join(''));
  const refEdit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 12 }), insert: fc.array(fc.constantFrom(...REFS), { maxLength: 2 }).map((xs) => xs.join('')) });
  const moved = (r: DraftReference, d: number): DraftReference => ({ ...r, bracket: { start: r.bracket.start + d, end: r.bracket.end + d }, span: { start: r.span.start + d, end: r.span.end + d } });
  fc.assert(
    fc.property(piecesText, fc.array(refEdit, { minLength: 1, maxLength: 10 }), fc.constantFrom(undefined, 'KHM-2023', 'KHM-2022'), (base, edits, dflt) => {
      const memo = new LineScan<DraftReference>((r) => r.bracket.start);
      let t = base;
      for (const e of [undefined, ...edits]) {
        if (e) t = apply(t, e);
        const draft = readDraft(t, 'markdown');
        const got = memo.get(draft.prose, [kb, dflt], (_, f, to) => findReferences(draft, kb, dflt, undefined, f, to), moved);
        assert.deepEqual(got, findReferences(draft, kb, dflt));
      }
    }),
    { numRuns: 300 },
  );
});
