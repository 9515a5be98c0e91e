import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CompletionItemKind, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import fc from 'fast-check';
import { KnowledgeBase } from '../../server/src/model/kb';
import { isIngested, lazyReport } from '../../server/src/ingest';
import { createTipLensService } from '../../server/src/service/index';
import { firstWords } from '../../server/src/service/search';
import { draft, kbWithLazyCopy, report, service, token } from './_lsp-fixtures';

const edit = (i: CompletionItem) => i.textEdit as TextEdit;
/** What an item names: a recommendation's or paragraph's anchor (its detail; the label shows its words), a report's id. */
const shown = (i: CompletionItem) => (i.kind === CompletionItemKind.Module ? i.label : i.detail);
const labels = (l: CompletionList | null) => (l?.items ?? []).map(shown);
/** What the document reads after accepting `item`. */
const accept = (doc: TextDocument, item: CompletionItem) => {
  const e = edit(item);
  const t = doc.getText();
  return t.slice(0, doc.offsetAt(e.range.start)) + e.newText + t.slice(doc.offsetAt(e.range.end));
};

test('[@scam offers KHM-2023/R1 first, with detail, documentation and a closing bracket', () => {
  const { doc, at } = draft('Cambodia must act on forced labor [@scam^');
  const list = service().completion(doc, at[0], token);
  assert.ok(list);
  assert.equal(list.isIncomplete, true);
  const first = list.items[0];
  assert.equal(first.detail, 'KHM-2023/R1');
  assert.match(first.label, /^R1 · Investigate and prosecute traffickers involved in forced labor/);
  assert.match(JSON.stringify(first.documentation), /cyber scam operations/);
  assert.equal(accept(doc, first), 'Cambodia must act on forced labor [@KHM-2023/R1]');
  // VS Code filters by the text from the edit's start to the cursor: every item carries that, and inside
  // brackets a trailing space (a second word typed next is filtered locally first).
  for (const i of list.items) assert.equal(i.filterText, 'scam ');
  assert.deepEqual(list.items.map((i) => i.sortText), [...list.items.map((i) => i.sortText)].sort());
});

test('@restitution offers R13 first; short form when the draft has a default report', () => {
  const { doc, at } = draft('---\ntip-report: KHM-2023\n---\nCourts should order it [@restitution^]');
  const list = service().completion(doc, at[0], token);
  const first = list!.items[0];
  assert.equal(first.detail, 'KHM-2023/R13');
  assert.equal(accept(doc, first), '---\ntip-report: KHM-2023\n---\nCourts should order it [@R13]');
});

test('a bare @query becomes a whole [@KEY] reference, replacing the @', () => {
  const { doc, at } = draft('Screen everyone in @detention^ centres.');
  const list = service().completion(doc, at[0], token);
  const first = list!.items[0];
  assert.equal(first.detail, 'KHM-2023/R3');
  assert.equal(first.filterText, '@detention');
  assert.equal(accept(doc, first), 'Screen everyone in [@KHM-2023/R3] centres.');
  assert.ok(!edit(first).newText.includes('@@'));
});

test('fuzzy matches survive typos', () => {
  const { doc, at } = draft('[@restituion^]');
  assert.equal(labels(service().completion(doc, at[0], token))[0], 'KHM-2023/R13');
});

test('report ids: @KHM-2 offers KHM-2023 and KHM-2022', () => {
  const { doc, at } = draft('See [@KHM-2^]');
  const list = service().completion(doc, at[0], token);
  assert.deepEqual(labels(list).sort(), ['KHM-2022', 'KHM-2023']);
  assert.equal(accept(doc, list!.items[0]), 'See [@KHM-2023]');
});

test('after KHM-2023/ the report\'s items by key; after KHM-2022/pros its paragraphs', () => {
  let { doc, at } = draft('[@KHM-2023/R1^]');
  assert.deepEqual(labels(service().completion(doc, at[0], token)), ['KHM-2023/R1', 'KHM-2023/R10', 'KHM-2023/R11', 'KHM-2023/R12', 'KHM-2023/R13', 'KHM-2023/R14', 'KHM-2023/R15', 'KHM-2023/R16', 'KHM-2023/R17']);
  ({ doc, at } = draft('[@KHM-2022/pros^'));
  const l = labels(service().completion(doc, at[0], token));
  assert.equal(l.length, 7);
  assert.equal(l[0], 'KHM-2022/prosecution.1');
});

test('@R with a default report lists short keys in order', () => {
  const { doc, at } = draft('---\ntip-report: KHM-2023\n---\n[@R^]');
  const list = service().completion(doc, at[0], token);
  assert.deepEqual(labels(list).slice(0, 3), ['KHM-2023/R1', 'KHM-2023/R2', 'KHM-2023/R3']);
  assert.equal(edit(list!.items[1]).newText, 'R2');
});

test('just typed @ inside brackets: the default report\'s recommendations, then report ids', () => {
  const { doc, at } = draft('---\ntip-report: KHM-2023\n---\nText [@^]');
  const l = labels(service().completion(doc, at[0], token));
  assert.equal(l[0], 'KHM-2023/R1');
  assert.ok(l.includes('KHM-2022'));
});

test('tip-report: in the front matter completes report ids', () => {
  const { doc, at } = draft('---\ntitle: x\ntip-report: KHM-202^\n---\nBody');
  const list = service().completion(doc, at[0], token);
  assert.deepEqual(labels(list), ['KHM-2023', 'KHM-2022']);
  assert.equal(accept(doc, list!.items[1]), '---\ntitle: x\ntip-report: KHM-2022\n---\nBody');
});

test('no completion for e-mail addresses, code, or plain words', () => {
  for (const text of ['mail me at someone@scam^', '`[@scam^`', 'plain word^s', '```\n[@scam^\n```\n']) {
    const { doc, at } = draft(text);
    assert.equal(service().completion(doc, at[0], token), null, text);
  }
});

test('CRLF line ends and surrogate pairs before the cursor keep ranges right', () => {
  const { doc, at } = draft('# Brief 🇰🇭\r\n\r\nScams 😀😀 [@scam^\r\nNext line.\r\n');
  const list = service().completion(doc, at[0], token);
  const first = list!.items[0];
  assert.equal(first.detail, 'KHM-2023/R1');
  assert.equal(accept(doc, first), '# Brief 🇰🇭\r\n\r\nScams 😀😀 [@KHM-2023/R1]\r\nNext line.\r\n');
  assert.deepEqual(edit(first).range.start, { line: 2, character: 13 });
});

test('report id items bring their summary on resolve, and listing them ingests no report', () => {
  // Twenty editions of one country, loaded as the loader does (ingested on first use).
  const base = report('KHM-2023');
  const kb = new KnowledgeBase([report('KHM-2022'), base]);
  for (let e = 2000; e < 2020; e++) kb.add(lazyReport({ ...base.manifest, id: `THA-${e}`, iso3: 'THA', country: 'Thailand', edition: e }, base.text, base.file));
  const s = createTipLensService({ kb });
  const { doc, at } = draft('See [@THA-^]');
  const list = s.completion(doc, at[0], token);
  const ids = labels(list);
  assert.equal(ids[0], 'THA-2019');
  assert.equal(ids.length, 20);
  assert.equal(kb.all().filter((r) => r.id.startsWith('THA-') && isIngested(r)).length, 0);
  const item = list!.items.find((i) => i.label === 'THA-2019')!;
  assert.equal(item.documentation, undefined);
  assert.equal(item.detail, '2019 TIP Report — Thailand');
  const resolved = s.resolveCompletion(JSON.parse(JSON.stringify(item)) as CompletionItem, token);
  assert.match(JSON.stringify(resolved.documentation), /2019 TIP Report — Thailand\*\* \(THA-2019\).*17 prioritized recommendations/);
  // Items that already carry their documentation come back unchanged.
  const rec = service().completion(draft('[@scam^').doc, draft('[@scam^').at[0], token)!.items[0];
  assert.deepEqual(service().resolveCompletion(rec, token), rec);
  assert.deepEqual(s.resolveCompletion({ label: 'x', data: { tipLensReport: 'NOPE-1999' } }, token), { label: 'x', data: { tipLensReport: 'NOPE-1999' } });
});

test('completion right after an edit offers what it offers with the full analysis', () => {
  const s = service();
  const text = '---\ntip-report: KHM-2023\n---\nThe government convicted 38 traffickers [@KHM-2022/prosecution.2]. See [@scam^]';
  const { doc, at } = draft(text);
  const quick = s.completion(doc, at[0], token);
  s.analyze(doc, token);
  const full = s.completion(doc, at[0], token);
  assert.deepEqual(quick, full);
  assert.equal(edit(quick!.items[0]).newText, 'R1');
});

test('completion does not run the checks: a cited report is not read for its facts until diagnostics ask', () => {
  const { kb, cited } = kbWithLazyCopy();
  const s = createTipLensService({ kb });
  const { doc, at } = draft('In 2021 the government convicted 39 traffickers [@QQQ-2021]. See [@KHM-2023/R1^]');
  assert.equal(labels(s.completion(doc, at[0], token))[0], 'KHM-2023/R1');
  assert.equal(isIngested(cited), false);
  s.diagnostics(doc, token);
  assert.equal(isIngested(cited), true);
});

test('first words of a long paragraph are those of its whole text', () => {
  const slow = (text: string, max = 60) => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t.length <= max) return t;
    const cut = t.lastIndexOf(' ', max);
    return t.slice(0, cut > 20 ? cut : max) + '…';
  };
  const piece = fc.constantFrom('a', 'word', ' ', '  ', '\n', '\t', 'anti-trafficking', 'x'.repeat(70), ' '.repeat(300), '\u00a0');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 120 }), (parts, max) => {
      const text = parts.join('');
      assert.equal(firstWords(text, max), slow(text, max));
      assert.equal(firstWords(text), slow(text));
    }),
    { numRuns: 500, seed: 11 },
  );
});

test('one letter typed after [@ keeps a list open (the starting list, every item surviving the filter)', () => {
  for (const [text, first] of [
    ['Cambodia must act on forced labor [@s^]', 'KHM-2023/R1'],
    ['---\ntip-report: KHM-2023\n---\nAct now [@s^', 'KHM-2023/R1'],
    ['As the 2022 text says [@KHM-2022/prosecution.2], and [@x^]', 'KHM-2022/prosecution.1'],
  ] as const) {
    const { doc, at } = draft(text);
    const list = service().completion(doc, at[0], token);
    assert.ok(list && list.items.length > 0, text);
    assert.equal(list.isIncomplete, true, 'the next letter asks again');
    assert.equal(shown(list.items[0]), first, text);
    for (const i of list.items) assert.equal(i.filterText, doc.getText().slice(doc.offsetAt(edit(i).range.start), doc.offsetAt(at[0])) + ' ');
  }
});

test('a bare one-letter @x outside brackets offers nothing (it may be a handle or an address)', () => {
  const { doc, at } = draft('Ask @s^ about it.');
  assert.equal(service().completion(doc, at[0], token)?.items.length ?? 0, 0);
});

test('an item label shows its key and first words; its anchor is the detail, its report the description', () => {
  const { doc, at } = draft('Cambodia must act [@restitution^]');
  const first = service().completion(doc, at[0], token)!.items[0];
  assert.equal(first.label, 'R13 · Allow restitution upon conviction of the trafficker and…');
  assert.equal(first.detail, 'KHM-2023/R13');
  assert.deepEqual(first.labelDetails, { description: 'KHM-2023' });
});

test('a query of several words inside [@ … searches all of them: [@fishing abroad offers R8 (men and boys in commercial fishing abroad)', () => {
  for (const text of ['Protect workers [@fishing abroad^]', 'Protect workers [@fishing abroad^', 'Protect workers [see @fishing abroad^, p. 2]']) {
    const { doc, at } = draft(text);
    const list = service().completion(doc, at[0], token);
    assert.ok(list && list.items.length > 0, text);
    assert.equal(list.items[0].filterText, 'fishing abroad ');
    assert.equal(list.items[0].detail, 'KHM-2023/R8');
    assert.equal(accept(doc, list.items[0]), text.replace('fishing abroad^', 'KHM-2023/R8').replace(/R8$/, 'R8]'));
  }
});

test('several words after a bare @ or outside brackets are prose, not a query', () => {
  for (const text of ['Write to @fishing abroad^ today', 'Done [@KHM-2023/R1] and more words^']) {
    const { doc, at } = draft(text);
    assert.equal(service().completion(doc, at[0], token), null, text);
  }
});

test('just typed [@ after a sentence: the item that supports the sentence comes first (restitution → R13)', () => {
  const { doc, at } = draft('---\ntip-report: KHM-2023\n---\nThe government should allow restitution upon conviction of traffickers and train officials to calculate it [@^]');
  const list = service().completion(doc, at[0], token)!;
  assert.equal(list.items[0].detail, 'KHM-2023/R13');
  assert.equal(list.items.filter((i) => i.detail === 'KHM-2023/R13').length, 1, 'offered once');
  assert.equal(list.items[1].detail, 'KHM-2023/R1', 'then the report order, as before');
});

test('just typed [@ after a sentence about fishing abroad: R8 first, and one letter more keeps it first', () => {
  for (const cursor of ['[@^', '[@s^]']) {
    const { doc, at } = draft(`---\ntip-report: KHM-2023\n---\nMen and boys exploited in commercial fishing abroad need more services ${cursor}`);
    assert.equal(service().completion(doc, at[0], token)!.items[0].detail, 'KHM-2023/R8', cursor);
  }
});

test('a sentence no item supports keeps the plain starting order', () => {
  const { doc, at } = draft('---\ntip-report: KHM-2023\n---\nThe weather in the capital was pleasant all week [@^]');
  assert.deepEqual(labels(service().completion(doc, at[0], token)).slice(0, 3), ['KHM-2023/R1', 'KHM-2023/R2', 'KHM-2023/R3']);
});
