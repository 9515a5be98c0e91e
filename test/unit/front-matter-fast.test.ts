/** The front matter read without the YAML library (draft.ts simpleFrontMatter) says what the library says, or leaves it to the library. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { readDraft, simpleFrontMatter } from '../../server/src/service/draft';

const piece = fc.constantFrom('tip-report', 'title', 'author', 'date', 'tags', 'true', 'Null', 'a_b', 'KHM-2023', 'khm-2022', 'Cambodia (2023)', 'x: y', '"q"', "'q'", '#', ' # c', '2023', 'yes', 'null', '~', '- item', '[a]', '{a: 1}', '|', '>', '&a', '*a', '!t', '%', '@', '`', '.inf', '-', ':', ' ', '  ', '\t', '\r', 'é', 'a/b', 'v1.2');
const line = fc.oneof(
  fc.tuple(piece, piece).map(([k, v]) => `${k}: ${v}`),
  fc.tuple(piece, piece, piece).map(([k, a, b]) => `${k}:${a}${b}`),
  fc.array(piece, { maxLength: 4 }).map((p) => p.join('')),
  fc.constant(''),
  fc.constant('# a comment'),
);
const body = fc.array(line, { maxLength: 6 }).map((ls) => ls.join('\n'));

test('front matter fast path: whenever it answers, the YAML library parses the same text without error and gives the same tip-report', () => {
  fc.assert(
    fc.property(body, (b) => {
      const fast = simpleFrontMatter(b);
      if (fast === undefined) return;
      const slow = parse(b) as unknown;
      const v = slow && typeof slow === 'object' && !Array.isArray(slow) ? (slow as Record<string, unknown>)['tip-report'] : undefined;
      assert.equal(fast['tip-report'], typeof v === 'string' ? v : undefined, b);
      if (fast['tip-report'] === undefined) assert.equal(v, undefined, b);
    }),
    { numRuns: 3000 },
  );
});

test('front matter fast path: the draft reading is the same as through the library', () => {
  for (const fm of ['tip-report: KHM-2023\ntitle: Brief', 'tip-report: khm-2022   ', 'title: x\n# note\n\nauthor: A. Writer', 'tip-report: KHM-2023\ntip-report: KHM-2022', 'tip-report: 2023', 'tip-report:', 'true: 1\nTrue: 2', '']) {
    const text = `---\n${fm}\n---\nCambodia convicted 38 traffickers [@R1].\n`;
    const d = readDraft(text, 'markdown');
    const viaLibrary = (() => {
      try {
        const data = parse(fm) as unknown;
        const v = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)['tip-report'] : undefined;
        return typeof v === 'string' ? { tipReport: v.trim().toUpperCase() } : v !== undefined ? { problem: true } : {};
      } catch {
        return { problem: true };
      }
    })();
    assert.equal(d.frontMatter?.tipReport, viaLibrary.tipReport, fm);
    assert.equal(d.frontMatter?.problem !== undefined, viaLibrary.problem === true, fm);
  }
});
