import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { draft, service, token } from './_lsp-fixtures';

test('coverage of a draft with a default report: cited items, citations, source ranges', () => {
  const { doc } = draft('---\ntip-report: KHM-2023\n---\nScams [@R1]. Detention [@R3; @KHM-2023/R5]. Again [@R1]. Unknown [@R99].');
  const c = service().coverage(doc, token);
  assert.ok(c);
  assert.equal(c.reportId, 'KHM-2023');
  assert.equal(c.total, 17);
  assert.equal(c.cited, 3);
  const r1 = c.items[0];
  assert.equal(r1.anchor, 'KHM-2023/R1');
  assert.equal(r1.cited, true);
  assert.equal(r1.citations.length, 2);
  assert.equal(r1.sourceUri, 'tip-lens:/KHM-2023.txt');
  assert.ok(r1.sourceRange.start.line > 0);
  assert.equal(c.items[1].cited, false);
});

test('code lens at the top: "Cites 3 of 17 prioritized recommendations"', () => {
  const { doc } = draft('Intro.\n\nScams [@KHM-2023/R1], detention [@KHM-2023/R3], funding [@KHM-2023/R5].');
  const lenses = service().codeLenses(doc, token);
  assert.equal(lenses.length, 1);
  assert.deepEqual(lenses[0].range.start, { line: 0, character: 0 });
  assert.equal(lenses[0].command?.title, 'Cites 3 of 17 prioritized recommendations (KHM-2023)');
  assert.equal(lenses[0].command?.command, 'tipLens.showCoverage');
});

test('no lens or coverage when the draft names no report with recommendations', () => {
  for (const text of ['Plain prose.', 'Only prosecution [@KHM-2022/prosecution.2].']) {
    const { doc } = draft(text);
    assert.deepEqual(service().codeLenses(doc, token), []);
    assert.equal(service().coverage(doc, token), null);
  }
});

test('a front-matter report with no citations yet still shows 0 of 17', () => {
  const { doc } = draft('---\ntip-report: KHM-2023\n---\nDraft in progress.');
  assert.equal(service().codeLenses(doc, token)[0].command?.title, 'Cites 0 of 17 prioritized recommendations (KHM-2023)');
});
