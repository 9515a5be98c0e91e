/**
 * reference.mismatch and Cite this sentence over stdio, on the built server (dist/server.js): the
 * diagnostic with its data, the quick fix that replaces only the key, the citation.missing code action
 * and the tipLens/citeSentence request.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import type { CiteSentenceResult } from '../../server/src/protocol';
import { CiteSentenceRequest } from '../../server/src/requests';
import { positionOf, startServer, type TestClient } from './_client';

const DRAFT = `---
tip-report: KHM-2023
---
# Brief

The report asks Cambodia to allow restitution once a trafficker is convicted and to train officials on calculating it [see @R12, p. 2].

In 2021 the government convicted 38 traffickers [@KHM-2022/prosecution.7].

The report asks Cambodia to allow restitution upon conviction of the trafficker [@KHM-2023/R13].

In 2021 the Cambodian government convicted 38 traffickers and trained 12,814 law enforcement officers.

Lending institutions and micro-finance lenders need closer inspection and oversight to cut debt-based coercion.
`;
const URI = 'file:///work/drafts/citations.md';
const td = { uri: URI };
const at = (needle: string, delta = 0) => positionOf(DRAFT, needle, delta);
const items = (r: DocumentDiagnosticReport) => (r as { items: Diagnostic[] }).items;

describe('reference.mismatch and Cite this sentence over stdio', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await startServer());
    client.open(URI, DRAFT);
  });
  after(async () => {
    await client?.stop();
  });

  test('the diagnostic: on the key alone, warning, both items named, data with the suggested anchor and both similarities', async () => {
    const found = items(await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: td })).filter((d) => d.code === 'reference.mismatch');
    assert.deepEqual(
      found.map((d) => d.message),
      [
        'KHM-2023/R12 is about inspection and oversight of lending institutions; this sentence matches KHM-2023/R13 (restitution upon conviction of the trafficker).',
        'KHM-2022/prosecution.7 is about the government provided training to police; this sentence’s figure is in KHM-2022/prosecution.2 (the government convicted 38 traffickers).',
      ],
    );
    assert.deepEqual(found[0].range, { start: at('R12, p. 2'), end: at('R12, p. 2', 3) });
    assert.equal(found[0].severity, 2);
    assert.equal(found[0].source, 'tip-lens');
    const data = found[0].data as { anchor: string; suggestedAnchor: string; similarity: { cited: number; suggested: number }; reportId: string };
    assert.equal(data.anchor, 'KHM-2023/R12');
    assert.equal(data.reportId, 'KHM-2023');
    assert.equal(data.suggestedAnchor, 'KHM-2023/R13');
    assert.ok(data.similarity.suggested > 0.5 && data.similarity.cited < 0.2, JSON.stringify(data.similarity));
  });

  test('the quick fix replaces only the key (prefix and locator kept); source.fixAll applies it', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: td, range: { start: at('R12, p. 2'), end: at('R12, p. 2') }, context: { diagnostics: [] } });
    const fix = actions.find((a) => a.title === 'Cite R13 instead of R12');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.edit!.changes![URI], [{ range: { start: at('R12, p. 2'), end: at('R12, p. 2', 3) }, newText: 'R13' }]);
    const all = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: td, range: { start: at('---'), end: at('---') }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(all[0].edit!.changes![URI].map((e) => e.newText).sort(), ['KHM-2022/prosecution.2', 'R13']);
  });

  test('Cite this sentence on a citation.missing sentence: the two close items, each inserted before the full stop', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: td, range: { start: at('38 traffickers and'), end: at('38 traffickers and') }, context: { diagnostics: [] } });
    const cites = actions.filter((a) => a.title.startsWith('Insert citation'));
    assert.deepEqual(cites.map((a) => a.title), ['Insert citation [@KHM-2022/prosecution.7]', 'Insert citation [@KHM-2022/prosecution.2] (as close a match)']);
    assert.deepEqual(cites[0].edit!.changes![URI], [{ range: { start: at('officers.', 8), end: at('officers.', 8) }, newText: ' [@KHM-2022/prosecution.7]' }]);
  });

  test('tipLens/citeSentence: the best-supported anchor at the cursor, short under the front matter; bad params are InvalidParams', async () => {
    const r = await client.request<CiteSentenceResult>(CiteSentenceRequest.method, { uri: URI, position: at('micro-finance') });
    assert.ok(r);
    assert.deepEqual(r.candidates.map((c) => c.insertText), [' [@R12]']);
    assert.deepEqual(r.insertAt, at('coercion.', 8));
    assert.equal(await client.request<CiteSentenceResult>(CiteSentenceRequest.method, { uri: URI, position: at('# Brief') }), null);
    await assert.rejects(client.request(CiteSentenceRequest.method, { position: at('# Brief') }), (e: { code?: number }) => e.code === -32602);
  });
});
