import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { provideReportText } from '../../server/src/service/reportText';
import { draft, findingFor, report, service, token, withFindings, bundledKb } from './_lsp-fixtures';

test('definition of [@KHM-2023/R13] is the recommendation in tip-lens:/KHM-2023.txt', () => {
  const { doc, at } = draft('Restitution [@KHM-2023/R1^3].');
  const loc = service().definition(doc, at[0], token);
  assert.ok(loc);
  assert.equal(loc.uri, 'tip-lens:/KHM-2023.txt');
  const r = report('KHM-2023');
  const lines = r.text.split('\n');
  assert.match(lines[loc.range.start.line].slice(loc.range.start.character), /^Allow restitution upon conviction/);
});

test('definition of a matched figure is its source sentence; nothing on plain prose', () => {
  const { doc, at } = draft('It prosecuted 1^09 suspected traffickers, pl^ainly.');
  const svc = service();
  withFindings(svc, doc, [findingFor(doc, '109', 'KHM-2022', '109')]);
  const loc = svc.definition(doc, at[0], token);
  assert.equal(loc?.uri, 'tip-lens:/KHM-2022.txt');
  const text = report('KHM-2022').text.split('\n')[loc!.range.start.line];
  assert.match(text.slice(loc!.range.start.character), /^In 2021, the government prosecuted 109/);
  assert.equal(svc.definition(doc, at[1], token), null);
});

test('definition on tip-report: opens the report; an unresolved reference has none', () => {
  const { doc, at } = draft('---\ntip-report: KHM-20^22\n---\n[@KHM-2023/R9^9]');
  const svc = service();
  assert.deepEqual(svc.definition(doc, at[0], token), { uri: 'tip-lens:/KHM-2022.txt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  assert.equal(svc.definition(doc, at[1], token), null);
});

test('references: every reference to the same item across the open drafts, short and long forms', () => {
  const a = draft('---\ntip-report: KHM-2023\n---\nFirst [@R^3], then [@KHM-2023/R4], again [@KHM-2023/R3].', 'markdown', 'file:///a.md');
  const b = draft('Elsewhere [@KHM-2023/R3; @KHM-2023/R1].', 'markdown', 'file:///b.md');
  const svc = service();
  const refs = svc.references(a.doc, a.at[0], [a.doc, b.doc], false, token)!;
  assert.deepEqual(refs.map((l) => `${l.uri}:${l.range.start.line}:${l.range.start.character}`), ['file:///a.md:3:8', 'file:///a.md:3:42', 'file:///b.md:0:12']);
  const withDecl = svc.references(a.doc, a.at[0], [a.doc, b.doc], true, token)!;
  assert.equal(withDecl[0].uri, 'tip-lens:/KHM-2023.txt');
  assert.equal(withDecl.length, 4);
});

test('document links: one per resolved reference, to the source line', () => {
  const { doc } = draft('[@KHM-2023/R1; @KHM-2023/R99] and [@KHM-2022/prosecution.2]');
  const links = service().documentLinks(doc, token);
  assert.equal(links.length, 2);
  assert.match(links[0].target!, /^tip-lens:\/KHM-2023\.txt#L\d+,1$/);
  assert.deepEqual(links[0].range, { start: { line: 0, character: 2 }, end: { line: 0, character: 13 } });
  assert.match(links[1].tooltip!, /Prosecution ¶2/);
});

test('tipLens/reportText serves the original text for tip-lens: URIs, with or without a fragment', () => {
  const kb = bundledKb();
  const r = provideReportText(kb, 'tip-lens:/KHM-2022.txt');
  assert.equal(r?.reportId, 'KHM-2022');
  assert.equal(r?.text, report('KHM-2022').text);
  assert.equal(r?.languageId, 'plaintext');
  assert.equal(provideReportText(kb, 'tip-lens:/khm-2023.txt#L5,1')?.reportId, 'KHM-2023');
  assert.equal(provideReportText(kb, 'tip-lens:///KHM-2023.txt')?.reportId, 'KHM-2023');
  assert.equal(provideReportText(kb, 'tip-lens:/FRA-2023.txt'), null);
  assert.equal(provideReportText(kb, 'file:///etc/passwd'), null);
  assert.equal(provideReportText(kb, 42), null);
});

test('tipLens/reportText serves the same text under an item URI, whose name says where (related information shows it)', () => {
  const kb = bundledKb();
  const named = 'tip-lens:/KHM-2022/' + encodeURIComponent('2022 TIP Report — Cambodia · Prosecution ¶2');
  assert.equal(provideReportText(kb, named)?.text, report('KHM-2022').text);
  assert.equal(provideReportText(kb, 'tip-lens:/KHM-2022/2022 TIP Report — Cambodia · Prosecution ¶2')?.reportId, 'KHM-2022');
  assert.equal(provideReportText(kb, 'tip-lens:/KHM-2022/a/b'), null);
});

test('tipLens/reportText lists where each recommendation and paragraph starts, labelled as citations number them', () => {
  const kb = bundledKb();
  const r23 = provideReportText(kb, 'tip-lens:/KHM-2023.txt')!;
  assert.equal(r23.title, '2023 TIP Report — Cambodia');
  assert.deepEqual(r23.items.map((i) => i.label), ['Summary ¶1', ...Array.from({ length: 17 }, (_, i) => `R${i + 1}`)]);
  const r13 = r23.items.find((i) => i.key === 'R13')!;
  assert.equal(r13.title, '2023 TIP Report — Cambodia · Prioritized Recommendation 13');
  assert.match(r23.text.split('\n')[r13.range.start.line], /^Allow restitution upon conviction/);
  const r22 = provideReportText(kb, 'tip-lens:/KHM-2022.txt')!;
  assert.deepEqual(r22.items.map((i) => i.label), ['Prosecution ¶1', '¶2', '¶3', '¶4', '¶5', '¶6', '¶7']);
  assert.deepEqual(r22.items.map((i) => i.key).slice(0, 2), ['prosecution.1', 'prosecution.2']);
});
