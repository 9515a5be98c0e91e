/**
 * Incremental reading (service/draftSplice.ts): after any sequence of edits to a Markdown draft (typing
 * inside a line, in code, comments, links, HTML, front matter, tables, lists, block quotes), the reading
 * the DraftReader gives equals readDraft's from scratch, field for field; an edit of a figure in a
 * paragraph is spliced, one that opens a code span is read again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readDraft } from '../../server/src/service/draft';
import { DraftReader } from '../../server/src/service/draftSplice';
import { generateDraft } from '../../bench/gen-draft';

const LINES = [
  'Cambodia convicted 38 traffickers in 2021 [@KHM-2022/prosecution.2].',
  'The report says "investigate and prosecute traffickers" (R1). Another sentence! And a question?',
  '    indented code 38', '```', '~~~', '`code 38` and more', '<!-- tip-lens-disable figure.mismatch -->', '<!-- tip-lens-enable -->',
  '<!-- tip-lens-disable-next-line -->', '<!-- open comment', 'closing -->', '<div class="x"', 'attr="y">', '<b>bold</b> 38',
  '[link](http://example.com "title', 'more title") after', '[ref]: http://example.com', '[ref', 'def]: x', 'See www.example.org now.',
  '# Heading 2023', '## Quiz', '- item 38 convictions', '* item', '1. first 83', '2) second', '> quoted block 2021', '> > nested',
  '| a | b |', '| --- | --- |', '| 38 | 2021 |', '---', '***', '', '', '  ', 'Mr. Smith said 12 p.m. was late. Then 40 came.',
  '[a](u', '"t', 'x"y) tail', 'x"y)', 'x")', 'tip-report: KHM-2023', 'x', 'A line with a www', 'http', 'A line: with a colon', '"quoted line start', 'end quote" here',
];
const FRONT = ['', '---\ntip-report: KHM-2023\n---\n', '---\n'];
const draft = fc.tuple(fc.constantFrom(...FRONT), fc.array(fc.constantFrom(...LINES), { maxLength: 30 })).map(([f, ls]) => f + ls.join('\n'));
const PIECES = ['x', 'ab', ' ', '8', '38', '.', ',', ':', '"', '(', ')', '[', ']', '`', '~', '<', '>', '-', '#', '|', '*', '\n', 'w', 'www.', 'http:', '\r', '    ', '! ', '? Then'];
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 30 })),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.constant('')),
});

function apply(t: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.min(t.length, Math.floor(e.at * (t.length + 1)));
  return t.slice(0, at) + e.insert + t.slice(Math.min(t.length, at + e.remove));
}

test('a spliced reading equals readDraft from scratch after random edits', () => {
  let spliced = 0;
  fc.assert(
    fc.property(draft, fc.array(edit, { minLength: 1, maxLength: 15 }), (base, edits) => {
      const reader = new DraftReader();
      let t = base;
      reader.read(t, 'markdown');
      for (const e of edits) {
        t = apply(t, e);
        assert.deepEqual(reader.read(t, 'markdown'), readDraft(t, 'markdown'), JSON.stringify(t));
        if (reader.spliced) spliced++;
      }
    }),
    { numRuns: 1500 },
  );
  assert.ok(spliced > 500, `only ${spliced} readings spliced`);
});

test('edits inside the lines of a generated brief: spliced where safe, always equal to readDraft', () => {
  const base = generateDraft(30_000, 3);
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), (edits) => {
      const reader = new DraftReader();
      let t = base;
      reader.read(t, 'markdown');
      for (const e of edits) {
        t = apply(t, e);
        assert.deepEqual(reader.read(t, 'markdown'), readDraft(t, 'markdown'));
      }
    }),
    { numRuns: 300 },
  );
});

test('a figure edited in a paragraph is spliced; a backtick typed, a plain-text draft, another language are read again', () => {
  const base = generateDraft(50_000, 7);
  const at = base.indexOf('convicted 38 traffickers') + 'convicted 3'.length;
  const reader = new DraftReader();
  reader.read(base, 'markdown');
  const t1 = base.slice(0, at) + '9' + base.slice(at + 1);
  assert.deepEqual(reader.read(t1, 'markdown'), readDraft(t1, 'markdown'));
  assert.equal(reader.spliced, true);
  const t2 = t1.slice(0, at) + '12' + t1.slice(at + 1);
  assert.deepEqual(reader.read(t2, 'markdown'), readDraft(t2, 'markdown'));
  assert.equal(reader.spliced, true);
  const t3 = t2.slice(0, at) + '`' + t2.slice(at);
  assert.deepEqual(reader.read(t3, 'markdown'), readDraft(t3, 'markdown'));
  assert.equal(reader.spliced, false);
  assert.deepEqual(reader.read(t3, 'plaintext'), readDraft(t3, 'plaintext'));
  assert.equal(reader.spliced, false);
  const t4 = t3.slice(0, at) + 'x' + t3.slice(at);
  assert.deepEqual(reader.read(t4, 'plaintext'), readDraft(t4, 'plaintext'));
  assert.equal(reader.spliced, false);
});

test('an edit that completes a link title across lines is read again', () => {
  // ('x"y)' → 'x")': the link target of the line two above now runs to this line's ')', and masks it.
  for (const [a, b] of [
    ['Para one.\n\n[a](u\n"t\nx"y) tail\n', 'Para one.\n\n[a](u\n"t\nx") tail\n'],
    ['Para one.\n\n[a](u\nx"y) tail\n', 'Para one.\n\n[a](u\nx"yz) tail\n'],
  ]) {
    const reader = new DraftReader();
    reader.read(a, 'markdown');
    assert.deepEqual(reader.read(b, 'markdown'), readDraft(b, 'markdown'));
  }
});
