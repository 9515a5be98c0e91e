/**
 * Linear time on any draft (issue 13, item 4): for each pathological pattern found by probing (one
 * "sentence" of backticks, repeated numbers, quotes, tiers, footnotes …), checking 4x the text takes
 * well under the 16x of quadratic growth. Measured as a ratio in one process (helpers/growth.ts), never as
 * a wall-clock limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTipLensService } from '../../server/src/service/index';
import { defaultSettings } from '../../server/src/service/settings';
import { NEVER_CANCELLED } from '../../server/src/service/types';
import { kb } from '../helpers/engine';
import { PATHOLOGICAL, repeatTo } from './helpers/pathological';
import { fastest, measureGrowth } from './helpers/growth';

function check(text: string): void {
  const service = createTipLensService({ kb, settings: defaultSettings() });
  const doc = TextDocument.create(`file:///pattern-${text.length}.md`, 'markdown', 1, text);
  service.diagnostics(doc, NEVER_CANCELLED);
}

for (const [name, unit] of Object.entries(PATHOLOGICAL)) {
  test(`linear time: ${name}`, (t) => {
    // From 100 KB, doubled until the small size takes 10 ms (up to 400 KB), then 4x that: quadratic would be 16x.
    const g = measureGrowth((chars) => fastest(3, () => check(repeatTo(unit, chars))), { size: 100 * 1024, factor: 4, limit: 6, minMs: 10, maxSize: 400 * 1024 });
    const kb = (n: number) => `${Math.round(n / 1024)} KB`;
    t.diagnostic(`${kb(g.size)}: ${g.small.toFixed(1)} ms; ${kb(4 * g.size)}: ${g.large.toFixed(1)} ms; ratio ${g.ratio.toFixed(2)} (attempt ${g.attempts})`);
    assert.ok(g.ratio <= 6, `${kb(4 * g.size)} took ${g.ratio.toFixed(1)}x the time of ${kb(g.size)} (${g.small.toFixed(1)} → ${g.large.toFixed(1)} ms) in every attempt: not linear`);
  });
}

test('a sentence longer than the window limit is checked in windows: a wrong figure deep inside it is still found', () => {
  const filler = 'Observers across the region described many events in many provinces and ';
  const text = filler.repeat(200) + 'in 2021 the Cambodian government convicted 83 traffickers ' + filler.repeat(200);
  const service = createTipLensService({ kb, settings: defaultSettings() });
  const doc = TextDocument.create('file:///long-sentence.md', 'markdown', 1, text);
  const found = service.diagnostics(doc, NEVER_CANCELLED).filter((d) => d.code === 'figure.mismatch');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(doc.getText(found[0].range), '83');
});
