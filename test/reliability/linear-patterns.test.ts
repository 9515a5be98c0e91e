/**
 * Linear time on any draft (issue 13, item 4): for each pathological pattern found by probing (one
 * "sentence" of backticks, repeated numbers, quotes, tiers, footnotes …), checking 4x the text takes at
 * most about 4x the time. Measured as a ratio in one process (the faster of three runs at each size),
 * never as a wall-clock limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTipLensService } from '../../server/src/service/index';
import { defaultSettings } from '../../server/src/service/settings';
import { NEVER_CANCELLED } from '../../server/src/service/types';
import { kb } from '../helpers/engine';
import { PATHOLOGICAL, repeatTo } from './helpers/pathological';

function best(text: string): number {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const service = createTipLensService({ kb, settings: defaultSettings() });
    const doc = TextDocument.create(`file:///pattern-${i}.md`, 'markdown', 1, text);
    const t = performance.now();
    service.diagnostics(doc, NEVER_CANCELLED);
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const SMALL = 100 * 1024;
for (const [name, unit] of Object.entries(PATHOLOGICAL)) {
  test(`linear time: ${name}`, (t) => {
    best(repeatTo(unit, 16 * 1024)); // warm up the JIT
    const small = best(repeatTo(unit, SMALL));
    const large = best(repeatTo(unit, 4 * SMALL));
    // A floor of 2 ms keeps timer noise on near-instant checks from reading as growth.
    const ratio = large / Math.max(small, 2);
    t.diagnostic(`100 KB: ${small.toFixed(1)} ms; 400 KB: ${large.toFixed(1)} ms; ratio ${ratio.toFixed(2)}`);
    assert.ok(ratio <= 6, `400 KB took ${ratio.toFixed(1)}x the time of 100 KB (${small.toFixed(1)} → ${large.toFixed(1)} ms): not linear`);
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
