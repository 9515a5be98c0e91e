import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { Commands } from '../../server/src/protocol';
import { CancelledError } from '../../server/src/service/types';
import { cancelled, draft, findingFor, kbWithLazyCopy, service, token, withFindings } from './_lsp-fixtures';
import { isIngested } from '../../server/src/ingest';
import { createTipLensService } from '../../server/src/service/index';

const md = (h: { contents: unknown } | null): string => (h ? (h.contents as MarkupContent).value : '');

test('hover on [@KHM-2023/R1] shows the recommendation text, its label and a Show Source link', () => {
  const { doc, at } = draft('Go after scam compounds [@KHM-2^023/R1].');
  const h = service().hover(doc, at[0], token);
  assert.ok(h);
  assert.equal((h.contents as MarkupContent).kind, 'markdown');
  const v = md(h);
  assert.match(v, /Investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations/);
  assert.match(v, /2023 TIP Report — Cambodia · Prioritized Recommendation 1/);
  const link = /\(command:tipLens\.showSource\?([^ )]+)/.exec(v);
  assert.ok(link, v);
  const args = JSON.parse(decodeURIComponent(link[1]));
  assert.equal(args.uri, 'tip-lens:/KHM-2023.txt');
  assert.ok(args.range.start.line > 0);
  assert.equal(Commands.showSource, 'tipLens.showSource');
  // Range = the key.
  assert.deepEqual(h.range, { start: { line: 0, character: 26 }, end: { line: 0, character: 37 } });
});

test('hover on the @ of a short reference resolves through the front matter', () => {
  const { doc, at } = draft('---\ntip-report: KHM-2023\n---\nScreen detainees [^@R3].');
  const v = md(service().hover(doc, at[0], token));
  assert.match(v, /Screen all individuals in immigrant detention/);
  assert.match(v, /Prioritized Recommendation 3/);
});

test('hover on a long paragraph reference: where it points first, its first two sentences, a link to the whole paragraph', () => {
  const { doc, at } = draft('Prosecutions [@KHM-2022/prosecution.^2].');
  const v = md(service().hover(doc, at[0], token));
  assert.match(v.split('\n')[0], /^\*\*KHM-2022\/prosecution\.2\*\* · 2022 TIP Report — Cambodia · Prosecution ¶2 · \[Open source\]/);
  assert.match(v, /did not maintain a centralized record/);
  assert.doesNotMatch(v, /prosecuted 109 suspected traffickers/, 'the rest of the paragraph is behind the link');
  assert.match(v, /\[Show whole paragraph \(11 sentences\)\]\(command:tipLens\.showSource\?/);
});

test('hover on the reference of a checked claim shows the report sentence the claim was compared with', () => {
  const s = service();
  const { doc, at } = draft('In 2021 the government convicted 38 traffickers [@KHM-2022/prosecution.^2].');
  s.diagnostics(doc, token);
  const v = md(s.hover(doc, at[0], token));
  assert.match(v, /The sentence this claim was compared with/);
  assert.match(v, /> The government convicted 38 traffickers, including one for sex trafficking and 35 for forced labor\./);
  assert.doesNotMatch(v, /centralized record/);
});

test('hover on a short item (a recommendation) shows all its words after the citation line', () => {
  const { doc, at } = draft('Act [@KHM-2023/R^13].');
  const v = md(service().hover(doc, at[0], token));
  assert.match(v, /^\*\*KHM-2023\/R13\*\* · 2023 TIP Report — Cambodia · Prioritized Recommendation 13 · \[Open source\]/);
  assert.match(v, /> Allow restitution upon conviction/);
  assert.doesNotMatch(v, /Show whole paragraph/);
});

test('hover on a quote that differs names the words that differ', () => {
  const s = service();
  const { doc, at } = draft('The 2023 report urges Cambodia to "investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations, including ^senior officials" [@KHM-2023/R1].');
  s.diagnostics(doc, token);
  const v = md(s.hover(doc, at[0], token));
  assert.match(v, /What differs:\* "including senior officials" — the report has "including complicit officials"/);
});

test('hover on a bare report id summarises the report', () => {
  const { doc, at } = draft('Cambodia is on Tier 3 [@KH^M-2023].');
  const v = md(service().hover(doc, at[0], token));
  assert.match(v, /2023 TIP Report — Cambodia/);
  assert.match(v, /Tier 3/);
  assert.match(v, /17 prioritized recommendations/);
});

test('hover on an unknown reference says why, quietly', () => {
  const { doc, at } = draft('See [@KHM-2023/R^42].');
  const v = md(service().hover(doc, at[0], token));
  assert.match(v, /there is no R42/);
});

test('no hover on ordinary prose', () => {
  const { doc, at } = draft('The report ca^lls on Cambodia [@KHM-2023/R1].');
  assert.equal(service().hover(doc, at[0], token), null);
});

test('hover on a matched figure quotes the source sentence with the figure in bold', () => {
  const { doc, at } = draft('In 2021 the government prosecuted 1^09 suspected traffickers.');
  const svc = service();
  withFindings(svc, doc, [findingFor(doc, '109', 'KHM-2022', '109')]);
  const h = svc.hover(doc, at[0], token);
  const v = md(h);
  assert.match(v, /^\*\*Figure\*\* · Matches the report/);
  assert.match(v, /> In 2021, the government prosecuted \*\*109\*\* suspected traffickers/);
  assert.match(v, /2022 TIP Report — Cambodia · Prosecution ¶2/);
  assert.match(v, /command:tipLens\.showSource/);
  assert.deepEqual(h!.range, { start: { line: 0, character: 34 }, end: { line: 0, character: 37 } });
});

test('hover on a tier claim names the report tier', () => {
  const { doc, at } = draft('Cambodia sits on Ti^er 2 in 2023.');
  const svc = service();
  const f = findingFor(doc, 'Tier 2', 'KHM-2023', 'Tier 3', 'mismatch');
  withFindings(svc, doc, [f]);
  const v = md(svc.hover(doc, at[0], token));
  assert.match(v, /Tier placement\*\* · The report says otherwise/);
  assert.match(v, /places Cambodia on \*\*Tier 3\*\*/);
  assert.match(v, /remained on \*\*Tier 3\*\*/);
});

test('hover on tip-report: in the front matter shows the report and the coverage list', () => {
  const { doc, at } = draft('---\ntip-report: KHM-2^023\n---\nScam compounds [@R1] and detention [@KHM-2023/R3].');
  const v = md(service().hover(doc, at[0], token));
  assert.match(v, /2023 TIP Report — Cambodia/);
  assert.match(v, /Cites 2 of 17 prioritized recommendations/);
  assert.match(v, /✓ \*\*R1\*\*/);
  assert.match(v, /· \*\*R2\*\*/);
});

test('out-of-range positions clamp; report text with Markdown characters is escaped', () => {
  const { doc } = draft('Tail [@KHM-2023/R3]');
  assert.doesNotThrow(() => service().hover(doc, { line: 99, character: 99 }, token));
  const v = md(service().hover(doc, { line: 0, character: 10 }, token));
  assert.match(v, /LGBTQI\\\+ individuals/);
});

test('a cancelled token throws CancelledError', () => {
  const { doc, at } = draft('[@KHM-^2023/R1]');
  assert.throws(() => service().hover(doc, at[0], cancelled), CancelledError);
});

test('hover ranges count UTF-16 code units after emoji, with CRLF line ends', () => {
  const { doc, at } = draft('🇰🇭 brief\r\n😀 [@KHM-2023/^R3]\r\n');
  const h = service().hover(doc, at[0], token);
  assert.deepEqual(h?.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 16 } });
});

test('hover on a reference does not wait for the checks; hover on a figure does, and both equal the full analysis', () => {
  const { kb, cited } = kbWithLazyCopy();
  const s = createTipLensService({ kb });
  const { doc, at } = draft('In 2021 the government convicted 3^8 traffickers [@QQQ-2021]. See [@KHM-20^23/R1].');
  const onRef = s.hover(doc, at[1], token);
  assert.match(md(onRef), /Investigate and prosecute traffickers/);
  assert.equal(isIngested(cited), false, 'the reference hover read no facts');
  const onFigure = s.hover(doc, at[0], token);
  assert.equal(isIngested(cited), true, 'the figure hover ran the checks');
  const fresh = createTipLensService({ kb });
  fresh.analyze(doc, token);
  assert.deepEqual([onRef, onFigure], [fresh.hover(doc, at[1], token), fresh.hover(doc, at[0], token)]);
});

test('hover on a flagged figure shows the source sentence and why the claim was read as being about it', () => {
  const { doc, at } = draft('Despite more than 1^20 prosecutions in 2021, convictions remain low in Cambodia.');
  const v = md(service().hover(doc, at[0], token));
  assert.match(v, /The report says otherwise/);
  assert.match(v, /the government prosecuted \*\*109\*\* suspected traffickers/);
  assert.match(v, /Why this sentence:\* same action \\\(prosecuted\\\); same year \\\(2021\\\)/);
});

test('hover on a reference says when the cited item supports the sentence it ends', () => {
  const { doc, at } = draft('Courts should allow restitution upon conviction of the trafficker and train officials to calculate it [@KHM-2023/R^13].');
  assert.match(md(service().hover(doc, at[0], token)), /✓ \*This sentence is supported by KHM-2023\/R13\.\*/);
});

test('hover on a reference to the wrong item names the item the sentence reads like', () => {
  const { doc, at } = draft('Courts should allow restitution upon conviction of the trafficker and train officials to calculate it [@KHM-2023/R^12].');
  assert.match(md(service().hover(doc, at[0], token)), /reads more like \*\*KHM-2023\/R13\*\* \(2023 TIP Report — Cambodia · Prioritized Recommendation 13\)/);
});

test('hover on a reference of a sentence too short to judge says nothing about support', () => {
  const { doc, at } = draft('See [@KHM-2023/R^5].');
  assert.doesNotMatch(md(service().hover(doc, at[0], token)), /supported by|reads more like/);
});
