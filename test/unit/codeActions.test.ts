import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, provideCodeActions, provideFixAll } from '../../server/src/service/codeActions';
import { Code } from '../../server/src/service/codes';
import type { DiagnosticData } from '../../server/src/service/types';
import { draft, findingFor, service, token, withFindings } from './_lsp-fixtures';

function diag(doc: TextDocument, needle: string, data: Partial<DiagnosticData>): Diagnostic {
  const s = doc.getText().indexOf(needle);
  return {
    range: { start: doc.positionAt(s), end: doc.positionAt(s + needle.length) },
    message: 'x',
    source: 'tip-lens',
    code: data.code,
    data: { code: Code.FigureMismatch, anchor: 'KHM-2022/prosecution.2', reportId: 'KHM-2022', ...data },
  };
}

function apply(doc: TextDocument, edits: TextEdit[]): string {
  let t = doc.getText();
  for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) t = t.slice(0, doc.offsetAt(e.range.start)) + e.newText + t.slice(doc.offsetAt(e.range.end));
  return t;
}

const whole = (doc: TextDocument) => ({ start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) });

test('a diagnostic with a replacement gets a quick fix that replaces its range', () => {
  const { doc } = draft('Courts convicted 83 traffickers in 2021.');
  const svc = service();
  const d = diag(doc, '83', { replacement: '38', safeFix: true, fixTitle: 'Change to 38 (KHM-2022/prosecution.4)' });
  const actions = provideCodeActions(doc, svc.analyze(doc, token), [d], { range: d.range }, token);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Change to 38 (KHM-2022/prosecution.4)');
  assert.equal(actions[0].kind, 'quickfix');
  assert.equal(actions[0].isPreferred, true);
  assert.deepEqual(actions[0].diagnostics, [d]);
  assert.equal(apply(doc, actions[0].edit!.changes![doc.uri]), 'Courts convicted 38 traffickers in 2021.');
});

test('citation.missing inserts its citation at data.insertAt', () => {
  const { doc } = draft('The government prosecuted 109 suspected traffickers.');
  const d = diag(doc, '109', { code: Code.CitationMissing, insertText: ' [@KHM-2022/prosecution.2]', insertAt: doc.getText().length - 1 });
  const actions = provideCodeActions(doc, service().analyze(doc, token), [d], { range: d.range }, token);
  assert.equal(actions.length, 1);
  assert.match(actions[0].title, /Insert citation \[@KHM-2022\/prosecution\.2\]/);
  assert.equal(apply(doc, actions[0].edit!.changes![doc.uri]), 'The government prosecuted 109 suspected traffickers [@KHM-2022/prosecution.2].');
});

test('diagnostics outside the range, or without a right answer, get no fix', () => {
  const { doc } = draft('One 83 and two 84.');
  const d1 = diag(doc, '83', { replacement: '38' });
  const d2 = diag(doc, '84', {});
  const actions = provideCodeActions(doc, service().analyze(doc, token), [d1, d2], { range: d2.range }, token);
  assert.deepEqual(actions, []);
});

test('Insert citation on a matching figure without one (short form under a default report)', () => {
  const { doc } = draft('---\ntip-report: KHM-2022\n---\nIn 2021 the government prosecuted 109 suspected traffickers.\n');
  const svc = service();
  const a = withFindings(svc, doc, [findingFor(doc, '109', 'KHM-2022', '109')]);
  const s = doc.getText().indexOf('109');
  const actions = provideCodeActions(doc, a, [], { range: { start: doc.positionAt(s), end: doc.positionAt(s) } }, token);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Insert citation [@prosecution.2]');
  assert.equal(apply(doc, actions[0].edit!.changes![doc.uri]), '---\ntip-report: KHM-2022\n---\nIn 2021 the government prosecuted 109 suspected traffickers [@prosecution.2].\n');
});

test('a figure that already has a citation, or does not match, gets no Insert citation', () => {
  const { doc } = draft('It prosecuted 109 suspected traffickers [@KHM-2022/prosecution.2] and 65 cases.');
  const a = withFindings(service(), doc, [findingFor(doc, '109', 'KHM-2022', '109', 'match', true), findingFor(doc, '65', 'KHM-2022', '64', 'mismatch')]);
  assert.deepEqual(provideCodeActions(doc, a, [], { range: whole(doc) }, token), []);
});

test('source.fixAll.tipLens applies every safe fix, in one edit, skipping unsafe and overlapping ones', () => {
  const { doc } = draft('Convicted 83, prosecuted 110, "quote" here.');
  const fixes = [
    diag(doc, '83', { replacement: '38', safeFix: true }),
    diag(doc, '110', { replacement: '109', safeFix: true }),
    diag(doc, '110', { replacement: '111', safeFix: true }),
    diag(doc, '"quote"', { replacement: '"Quote"', safeFix: false }),
  ];
  const a = provideFixAll(doc, fixes, token);
  assert.ok(a);
  assert.equal(a.kind, FIX_ALL_KIND);
  assert.equal(apply(doc, a.edit!.changes![doc.uri]), 'Convicted 38, prosecuted 109, "quote" here.');
  const viaOnly = provideCodeActions(doc, service().analyze(doc, token), fixes, { range: whole(doc), only: ['source.fixAll'] }, token);
  assert.deepEqual(viaOnly.map((x) => x.kind), [FIX_ALL_KIND]);
  assert.equal(provideFixAll(doc, [], token), null);
});

test('the service offers no actions for a clean draft and honours tipLens.enable', () => {
  const { doc } = draft('Nothing to fix here [@KHM-2023/R1].');
  assert.deepEqual(service().codeActions(doc, whole(doc), undefined, token), []);
  assert.deepEqual(service({ enable: false }).codeActions(doc, whole(doc), undefined, token), []);
});
