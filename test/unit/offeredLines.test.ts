/**
 * Offered contexts kept across versions (service/checks/offeredLines.ts): after any sequence of edits to a draft
 * of quiz stems, lettered options, true-or-false sections, headings and list items, every line's context equals
 * offeredContexts from scratch; an edit of one line works out only the lines within reach of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OfferedLines } from '../../server/src/service/checks/offeredLines';
import { offeredContexts } from '../../server/src/service/checks/notAsserted';

const LINES = [
  'Q1. Which tier is Cambodia on?', 'Q2. The penalty carries:', '(a) Tier 2', '(b) Tier 3', '(c) Tier 2 Watch List', 'a) 38', 'b) 83', 'A. five years', 'B. ten years',
  '## Quiz: true or false?', '## Notes', 'Write T or F next to each statement', '- Cambodia is on Tier 2.', '- 38 traffickers were convicted.', '1. item', '2. item',
  'Plain prose with 38 figures.', '', '', '> quoted', '# Heading',
];
const lineStartsOf = (t: string): number[] => {
  const out = [0];
  for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
};
const edit = fc.record({
  line: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.integer({ min: 0, max: 3 }),
  insert: fc.array(fc.constantFrom(...LINES), { maxLength: 3 }),
  char: fc.option(fc.constantFrom('x', '?', ':', ' ', '(', ')', 'c', '\n'), { nil: undefined }),
});

test('offered contexts kept across edits equal offeredContexts from scratch', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 80 }), fc.array(edit, { minLength: 1, maxLength: 10 }), (base, edits) => {
      const memo = new OfferedLines();
      let lines = base;
      for (const e of [undefined, ...edits]) {
        if (e) {
          const at = Math.floor(e.line * (lines.length + 1));
          lines = [...lines.slice(0, at), ...e.insert, ...lines.slice(at + e.remove)];
          if (e.char !== undefined && lines.length) {
            const k = Math.min(lines.length - 1, at);
            lines[k] = lines[k].slice(0, 3) + e.char + lines[k].slice(3);
          }
        }
        const t = lines.join('\n');
        const starts = lineStartsOf(t);
        const got = memo.get(t, starts);
        const want = offeredContexts(t, starts);
        for (let l = 0; l < starts.length; l++) assert.equal(got(l), want(l), `line ${l} of ${JSON.stringify(t)}`);
      }
    }),
    { numRuns: 500 },
  );
});

test('an edit of one line of a long quiz works out the lines within reach only', () => {
  const lines = Array.from({ length: 3000 }, (_, i) => LINES[i % LINES.length]);
  const memo = new OfferedLines();
  let t = lines.join('\n');
  memo.get(t, lineStartsOf(t));
  lines[1500] = lines[1500] + ' edited';
  t = lines.join('\n');
  const starts = lineStartsOf(t);
  const got = memo.get(t, starts);
  assert.ok(memo.worked < 40, `worked ${memo.worked}`);
  const want = offeredContexts(t, starts);
  for (let l = 0; l < starts.length; l++) assert.equal(got(l), want(l));
});
