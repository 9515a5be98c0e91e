/** Large drafts: 10 MB checks without throwing, and check time grows roughly linearly with size. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTipLensService } from '../../server/src/service/index';
import { defaultSettings } from '../../server/src/service/settings';
import { NEVER_CANCELLED } from '../../server/src/service/types';
import { kb } from '../helpers/engine';
import { lineStarts, rangeProblem } from './helpers/ranges';
import { measureGrowth } from './helpers/growth';

/** A realistic block of a long draft: claims (one wrong), citations, CRLF, emoji, Khmer, code, comments. */
const BLOCK =
  '# Prosecution 😀\n\nIn 2021, the Cambodian government convicted 83 traffickers [@KHM-2022/prosecution.2]. ក្រុម e\u0301\r\n\r\n' +
  'The ministry met partners in Phnom Penh and discussed the plan for the year; nothing here is a figure.\n\n' +
  'Another ordinary sentence about policy, with “quotes” and a [link](http://x.example) and 👩‍👩‍👧.\n\n```\ncode 123\n```\n<!-- comment 45 -->\n\n';

export function bigDraft(bytes: number): string {
  return BLOCK.repeat(Math.ceil(bytes / BLOCK.length)).slice(0, bytes);
}

function timeCheck(text: string): { ms: number; count: number; doc: TextDocument; diagnostics: ReturnType<ReturnType<typeof createTipLensService>['diagnostics']> } {
  const service = createTipLensService({ kb, settings: defaultSettings() });
  const doc = TextDocument.create(`file:///big-${text.length}.md`, 'markdown', 1, text);
  const t = performance.now();
  const diagnostics = service.diagnostics(doc, NEVER_CANCELLED);
  return { ms: performance.now() - t, count: diagnostics.length, doc, diagnostics };
}

test('check time grows roughly linearly: 4 MB takes less than 12x the time of 1 MB', (t) => {
  // The faster of two runs each, measured again when over the limit (helpers/growth.ts): a ratio, not a time limit.
  const sizes = new Map<number, number>();
  const time = (bytes: number) => {
    const runs = [timeCheck(bigDraft(bytes)), timeCheck(bigDraft(bytes))];
    sizes.set(bytes, runs[0].count);
    return Math.min(runs[0].ms, runs[1].ms);
  };
  const g = measureGrowth(time, { size: 1024 * 1024, factor: 4, limit: 12, attempts: 2 });
  const ratio = g.ratio;
  const one = { ms: g.small, count: sizes.get(1024 * 1024) ?? 0 };
  const four = { ms: g.large, count: sizes.get(4 * 1024 * 1024) ?? 0 };
  t.diagnostic(`1 MB: ${one.ms.toFixed(0)} ms (${one.count} diagnostics); 4 MB: ${four.ms.toFixed(0)} ms (${four.count} diagnostics); ratio ${ratio.toFixed(2)}`);
  assert.ok(four.count >= 3 * one.count, 'the big draft has proportionally many findings (the engine did real work)');
  assert.ok(ratio < 12, `4 MB took ${ratio.toFixed(1)}x the time of 1 MB (superlinear)`);
});

test('a 10 MB draft checks without throwing and its ranges are inside the document', (t) => {
  const text = bigDraft(10 * 1024 * 1024 + 17) + '\ud83d'; // ends with a lone high surrogate
  const { ms, count, doc, diagnostics } = timeCheck(text);
  t.diagnostic(`10 MB: ${ms.toFixed(0)} ms, ${count} diagnostics`);
  assert.ok(count > 0);
  const starts = lineStarts(text);
  for (const d of diagnostics) assert.equal(rangeProblem(text, starts, d.range, String(d.code)), undefined);
  const service = createTipLensService({ kb, settings: defaultSettings() });
  const last = doc.positionAt(text.length);
  for (const p of [{ line: 0, character: 0 }, last, { line: last.line + 5, character: 3 }, doc.positionAt(text.length / 2)]) {
    service.hover(doc, p, NEVER_CANCELLED);
    service.completion(doc, p, NEVER_CANCELLED);
  }
});
