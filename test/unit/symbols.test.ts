import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver-types';
import { KnowledgeBase } from '../../server/src/model/kb';
import { isIngested, lazyReport } from '../../server/src/ingest';
import { candidateReports, searchItems, splitQuery } from '../../server/src/service/search';
import { provideWorkspaceSymbols } from '../../server/src/service/symbols';
import { bundledKb, cancelled, report, service, token } from './_lsp-fixtures';
import { CancelledError } from '../../server/src/service/types';

test('workspace symbol "restitution" finds KHM-2023/R13 first, located in the source text', () => {
  const syms = service().workspaceSymbols('restitution', token);
  assert.ok(syms.length > 0);
  assert.match(syms[0].name, /^KHM-2023\/R13: Allow restitution upon conviction/);
  assert.equal(syms[0].kind, SymbolKind.Key);
  assert.equal(syms[0].containerName, '2023 TIP Report — Cambodia');
  assert.equal(syms[0].location.uri, 'tip-lens:/KHM-2023.txt');
});

test('an empty symbol query lists recommendations in report order', () => {
  const syms = service().workspaceSymbols('', token);
  assert.equal(syms.length, 17);
  assert.match(syms[0].name, /^KHM-2023\/R1:/);
  assert.match(syms[16].name, /^KHM-2023\/R17:/);
});

test('search ranks fuzzy hits: scam -> R1, multi-word queries need every word', () => {
  const kb = bundledKb();
  assert.equal(searchItems(kb, 'scam', {}, token)[0].item.anchor, 'KHM-2023/R1');
  assert.equal(searchItems(kb, 'male victims', {}, token)[0].item.anchor, 'KHM-2023/R8');
  assert.equal(searchItems(kb, 'unannounced inspections', {}, token)[0].item.anchor, 'KHM-2023/R7');
  const ids = searchItems(kb, 'KHM-2022 penalties', {}, token).map((h) => h.item.report.id);
  assert.ok(ids.length > 0 && ids.every((id) => id === 'KHM-2022'));
  assert.deepEqual(splitQuery(kb, 'KHM-2022 penalties').text, 'penalties');
  assert.equal(searchItems(kb, 'zzzzqqqq', {}, token).length, 0);
  assert.throws(() => searchItems(kb, 'scam', {}, cancelled), CancelledError);
});

test('the recommendations list is not indexed twice as paragraphs', () => {
  const anchors = searchItems(bundledKb(), '', { limit: 500 }, token).map((h) => h.item.anchor);
  assert.ok(!anchors.some((a) => a.includes('/recommendations.')));
  assert.ok(anchors.includes('KHM-2023/summary.1'));
  assert.ok(anchors.includes('KHM-2022/prosecution.7'));
});

test('search stays bounded on a knowledge base of thousands of reports', () => {
  // 3,000 copies of the 2023 report under other ids, loaded as the loader does (ingested on first use):
  // a query visits only a bounded number of them, so only those are ever ingested.
  const base = report('KHM-2023');
  const many = new KnowledgeBase([base]);
  for (let i = 0; i < 3000; i++) {
    const iso3 = `Q${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26) % 26)}`;
    const edition = 2000 + Math.floor(i / 676);
    many.add(lazyReport({ ...base.manifest, id: `${iso3}-${edition}`, iso3, edition }, base.text, base.file));
  }
  const ingested = () => many.all().filter(isIngested).length;
  const hits = searchItems(many, 'restitution', { preferReport: 'KHM-2023', limit: 20 }, token);
  assert.equal(hits[0].item.anchor, 'KHM-2023/R13');
  assert.ok(ingested() <= 10, `${ingested()} reports ingested for one preferred search`);
  const named = searchItems(many, 'QAA-2000 restitution', { limit: 5 }, token);
  assert.equal(named[0].item.anchor, 'QAA-2000/R13');
  assert.ok(provideWorkspaceSymbols(many, 'restitution', 'KHM-2023', token, 50).length <= 50);
  assert.ok(ingested() <= 30, `${ingested()} of 3,001 reports ingested after three searches`);
});

test('reports the draft already cites rank before the rest', () => {
  const kb = bundledKb();
  const plain = searchItems(kb, 'traffickers', { limit: 3 }, token).map((h) => h.item.report.id);
  const preferred = searchItems(kb, 'traffickers', { preferReport: 'KHM-2022', limit: 3 }, token).map((h) => h.item.report.id);
  assert.equal(preferred[0], 'KHM-2022');
  assert.ok(plain.length > 0);
  const also = searchItems(kb, 'traffickers', { alsoPrefer: ['KHM-2022'], limit: 3 }, token).map((h) => h.item.report.id);
  assert.equal(also[0], 'KHM-2022');
});

test('search order (preferred editions, then newest editions first) follows reports added after the first search', () => {
  const base = report('KHM-2023');
  const kb = new KnowledgeBase([report('KHM-2022'), base]);
  for (const e of [2019, 2021, 2020]) kb.add(lazyReport({ ...base.manifest, id: `KHM-${e}`, edition: e }, base.text, base.file));
  const ids = (rs: { id: string }[]) => rs.map((r) => r.id);
  let c = candidateReports(kb, ['KHM-2021'], 8);
  assert.deepEqual(ids(c.preferred), ['KHM-2021', 'KHM-2023', 'KHM-2022']);
  assert.deepEqual(ids(c.others), ['KHM-2020', 'KHM-2019']);
  kb.add(lazyReport({ ...base.manifest, id: 'FRA-2030', iso3: 'FRA', country: 'France', edition: 2030 }, base.text, base.file));
  kb.add(lazyReport({ ...base.manifest, id: 'KHM-2024', edition: 2024 }, base.text, base.file));
  c = candidateReports(kb, ['KHM-2021', undefined, 'KHM-2021'], 8);
  assert.deepEqual(ids(c.preferred), ['KHM-2021', 'KHM-2024', 'KHM-2023']);
  assert.deepEqual(ids(c.others), ['FRA-2030', 'KHM-2022', 'KHM-2020', 'KHM-2019']);
  assert.deepEqual(ids(candidateReports(kb, [], 8).others), ['FRA-2030', 'KHM-2024', 'KHM-2023', 'KHM-2022', 'KHM-2021', 'KHM-2020', 'KHM-2019']);
});
