/**
 * The built language server (dist/server.js) as a real process over stdio,
 * driven by vscode-languageserver-protocol's client side: every feature, pull
 * and push diagnostics, settings, cancellation, a misbehaving client, shutdown.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, copyFileSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentLink,
  Hover,
  InitializeResult,
  Location,
  MarkupContent,
  PublishDiagnosticsParams,
  SymbolInformation,
  WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import type { CoverageResult, ReportTextResult, SearchItemsResult, StatusParams } from '../../server/src/protocol';
import { PULL_CAPS, PUSH_CAPS, ROOT, positionOf, startServer, type TestClient } from './_client';

const BRIEF = `---
tip-report: KHM-2023
---
# Cambodia brief

The report calls on Cambodia to go after scam compounds [@KHM-2023/R1] and to screen detainees [@R3].

In 2021, the government prosecuted 109 suspected traffickers [@KHM-2022/prosecution.2].

According to the 2022 report, Cambodian courts convicted 83 traffickers in 2021 [@KHM-2022/prosecution.2].

The government convicted 38 traffickers in 2021.

The report also recommends a victims' fund [@KHM-2023/R42].
`;
const URI = 'file:///work/drafts/brief.md';
const OTHER = 'file:///work/drafts/other.md';
const td = { uri: URI };
const at = (needle: string, delta = 0) => positionOf(BRIEF, needle, delta);
const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();

async function expectError(p: Promise<unknown>, code: number): Promise<ResponseError<unknown>> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ResponseError, `expected a ResponseError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected error ${code}, got a result`);
}

describe('language server over stdio (pull diagnostics client)', () => {
  let client: TestClient;
  let init: InitializeResult;
  let initMs: number;

  before(async () => {
    ({ client, init, initMs } = await startServer({ settings: { severity: { 'quote.not-found': 'information' } } }));
    client.open(URI, BRIEF);
    client.open(OTHER, 'Detention screening [@KHM-2023/R3] matters.\n');
  });
  after(async () => {
    await client?.stop();
  });

  test('initialize: capabilities for every feature, pull diagnostics, incremental sync', () => {
    const c = init.capabilities;
    assert.deepEqual(c.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(c.hoverProvider, true);
    assert.deepEqual(c.completionProvider?.triggerCharacters, ['@', '/']);
    assert.deepEqual((c.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.tipLens']);
    assert.equal(c.definitionProvider, true);
    assert.equal(c.referencesProvider, true);
    assert.ok(c.documentLinkProvider);
    assert.equal(c.workspaceSymbolProvider, true);
    assert.ok(c.codeLensProvider);
    assert.deepEqual(c.diagnosticProvider, { identifier: 'tip-lens', interFileDependencies: false, workspaceDiagnostics: true });
    assert.equal(init.serverInfo?.name, 'tip-lens');
    assert.ok(initMs < 10_000, `initialize took ${initMs} ms`);
  });

  test('reads settings with workspace/configuration and reports loaded reports in tipLens/status', async () => {
    await client.waitFor('workspace/configuration', () => client.serverRequests.find((r) => r.method === 'workspace/configuration'));
    const status = await client.waitFor('tipLens/status', () => client.notificationsOf<StatusParams>('tipLens/status').at(-1));
    assert.deepEqual([...status.reports].sort(), ['KHM-2022', 'KHM-2023']);
    assert.deepEqual(status.problems, []);
  });

  test('textDocument/diagnostic: codes, ranges, data; unchanged for the same result id', async () => {
    const r = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: td });
    assert.equal(r.kind, 'full');
    const items = (r as { items: Diagnostic[] }).items;
    assert.deepEqual(codes(items), ['citation.missing', 'figure.mismatch', 'reference.unknown']);
    const unknown = items.find((d) => d.code === 'reference.unknown')!;
    assert.deepEqual(unknown.range.start, at('KHM-2023/R42'));
    assert.equal(unknown.source, 'tip-lens');
    const mismatch = items.find((d) => d.code === 'figure.mismatch')!;
    assert.deepEqual(mismatch.range, { start: at('83 traffickers'), end: at('83 traffickers', 2) });
    assert.equal((mismatch.data as { replacement?: string }).replacement, '38');
    const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: td, previousResultId: r.resultId });
    assert.deepEqual(again, { kind: 'unchanged', resultId: r.resultId });
  });

  test('workspace/diagnostic covers the open documents', async () => {
    const r = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(r.items.map((i) => i.uri).sort(), [URI, OTHER]);
    const other = r.items.find((i) => i.uri === OTHER)!;
    assert.equal(other.kind, 'full');
    const again = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: r.items.map((i) => ({ uri: i.uri, value: i.resultId! })) });
    assert.ok(again.items.every((i) => i.kind === 'unchanged'));
  });

  test('a document closed and opened again at the same URI and version gets a full report, never the old one as unchanged', async () => {
    const uri = 'untitled:Untitled-1';
    client.open(uri, 'Screen people in immigration detention [@KHM-2023/R3], as the report has no R18 [@KHM-2023/R18].\n');
    const first = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(codes((first as { items: Diagnostic[] }).items), ['reference.unknown']);
    client.close(uri);
    client.open(uri, 'In 2021, the government convicted 83 traffickers [@KHM-2022/prosecution.2].\n');
    const second = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(second.kind, 'full');
    assert.notEqual(second.resultId, first.resultId);
    assert.deepEqual(codes((second as { items: Diagnostic[] }).items), ['figure.mismatch']);
    const ws = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [{ uri, value: first.resultId! }] });
    assert.equal(ws.items.find((i) => i.uri === uri)?.kind, 'full');
    client.close(uri);
  });

  test('hover on a reference: recommendation text, label, Show Source link; null on prose', async () => {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: td, position: at('KHM-2023/R1', 3) });
    const v = hoverText(h);
    assert.match(v, /cyber scam operations/);
    assert.match(v, /2023 TIP Report — Cambodia · Prioritized Recommendation 1/);
    assert.match(v, /\(command:tipLens\.showSource\?/);
    assert.deepEqual(h!.range!.start, at('KHM-2023/R1'));
    assert.equal(await client.request('textDocument/hover', { textDocument: td, position: at('calls on', 2) }), null);
  });

  test('hover on a figure: the source sentence with the figure in bold', async () => {
    const v = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: td, position: at('109', 1) }));
    assert.match(v, /prosecuted \*\*109\*\* suspected traffickers/);
    assert.match(v, /2022 TIP Report — Cambodia · Prosecution ¶2/);
  });

  test('completion: @scam offers KHM-2023/R1 first, over the real connection', async () => {
    const version = client.change(URI, { start: at('The report also'), end: at('The report also') }, '[@scam ');
    assert.equal(version, 2);
    const cursor = at('The report also', 6);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: td, position: cursor, context: { triggerKind: 1 } });
    assert.equal(list.items[0].detail, 'KHM-2023/R1');
    assert.equal(list.items[0].filterText, 'scam ');
    assert.equal(list.isIncomplete, true);
    // Undo the edit.
    client.change(URI, { start: at('The report also'), end: at('The report also', 7) }, '');
  });

  test('incremental changes reach the diagnostics', async () => {
    // Fix 83 -> 38 by hand: the mismatch goes away.
    client.change(URI, { start: at('83 traffickers'), end: at('83 traffickers', 2) }, '38');
    const r = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: td });
    assert.deepEqual(codes((r as { items: Diagnostic[] }).items), ['citation.missing', 'reference.unknown']);
    client.change(URI, { start: at('83 traffickers'), end: at('83 traffickers', 2) }, '83');
    const back = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: td });
    assert.deepEqual(codes((back as { items: Diagnostic[] }).items), ['citation.missing', 'figure.mismatch', 'reference.unknown']);
  });

  test('code actions: the figure quick fix, Insert citation, and source.fixAll.tipLens', async () => {
    const fix = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: td, range: { start: at('83'), end: at('83') }, context: { diagnostics: [] } });
    const replace = fix.find((a) => a.kind === 'quickfix' && a.edit?.changes?.[URI]?.[0].newText === '38');
    assert.ok(replace, JSON.stringify(fix));
    assert.deepEqual(replace.edit!.changes![URI][0].range, { start: at('83 traffickers'), end: at('83 traffickers', 2) });
    const cite = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: td, range: { start: at('38 traffickers'), end: at('38 traffickers') }, context: { diagnostics: [] } });
    assert.deepEqual(
      cite.map((a) => a.title),
      ['Insert citation [@KHM-2022/prosecution.2]'],
    );
    const all = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: td,
      range: { start: at('---'), end: at('---') },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(all.length, 1);
    assert.equal(all[0].kind, 'source.fixAll.tipLens');
    assert.deepEqual(all[0].edit!.changes![URI].map((e) => e.newText), ['38']);
  });

  test('definition, references across open documents, document links', async () => {
    const def = await client.request<Location | null>('textDocument/definition', { textDocument: td, position: at('[@R3]', 3) });
    assert.equal(def?.uri, 'tip-lens:/KHM-2023.txt');
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: td, position: at('[@R3]', 3), context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((l) => l.uri).sort(), [URI, OTHER].sort());
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: td });
    assert.equal(links.length, 4);
    assert.ok(links.every((l) => /^tip-lens:\/KHM-202[23]\.txt#L\d+,\d+$/.test(l.target!)));
  });

  test('workspace/symbol "restitution" finds KHM-2023/R13', async () => {
    const syms = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'restitution' });
    assert.match(syms[0].name, /^KHM-2023\/R13:/);
    assert.equal(syms[0].location.uri, 'tip-lens:/KHM-2023.txt');
  });

  test('code lens: "Cites 2 of 17 prioritized recommendations"', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: td });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command?.title, 'Cites 2 of 17 prioritized recommendations (KHM-2023)');
    assert.equal(lenses[0].command?.command, 'tipLens.showCoverage');
  });

  test('custom requests: tipLens/reportText, tipLens/coverage, tipLens/searchItems, tipLens/checkDocument', async () => {
    const text = await client.request<ReportTextResult>('tipLens/reportText', { uri: 'tip-lens:/KHM-2022.txt' });
    assert.equal(text?.text, readFileSync(path.join(ROOT, 'server/reports/KHM-2022.txt'), 'utf8'));
    assert.equal(await client.request('tipLens/reportText', { uri: 'tip-lens:/XYZ-1999.txt' }), null);
    const cov = await client.request<CoverageResult>('tipLens/coverage', { uri: URI });
    assert.equal(cov?.cited, 2);
    assert.deepEqual(cov?.items.filter((i) => i.cited).map((i) => i.key), ['R1', 'R3']);
    const search = await client.request<SearchItemsResult>('tipLens/searchItems', { query: 'restitution', uri: URI, limit: 3 });
    assert.equal(search[0].anchor, 'KHM-2023/R13');
    assert.equal(search[0].citation, '[@KHM-2023/R13]');
    assert.ok(search.length <= 3);
    const diags = await client.request<Diagnostic[]>('tipLens/checkDocument', { uri: 'file:///unopened.md', text: 'Cambodia is on Tier 2 in the 2023 report [@KHM-2023].' });
    assert.deepEqual(codes(diags), ['tier.mismatch']);
  });

  test('cancellation: a request cancelled while the server is busy answers RequestCancelled', async () => {
    // Keep the server busy with a large check, then send a hover and cancel it before the server reads them.
    const big = BRIEF.repeat(400);
    let cancelledSeen = false;
    for (let attempt = 0; attempt < 5 && !cancelledSeen; attempt++) {
      const busy = client.request('tipLens/checkDocument', { uri: 'file:///big.md', text: big });
      const source = new (await import('vscode-languageserver-protocol')).CancellationTokenSource();
      const hover = client.conn.sendRequest('textDocument/hover', { textDocument: td, position: at('KHM-2023/R1', 3) }, source.token);
      source.cancel();
      await busy;
      try {
        await hover;
      } catch (e) {
        assert.ok(e instanceof ResponseError);
        assert.equal(e.code, LSPErrorCodes.RequestCancelled);
        cancelledSeen = true;
      }
    }
    assert.ok(cancelledSeen, 'a cancelled hover was answered with RequestCancelled');
    // And the server still answers.
    assert.match(hoverText(await client.request<Hover>('textDocument/hover', { textDocument: td, position: at('KHM-2023/R1', 3) })), /cyber scam/);
  });

  test('a misbehaving client gets results or errors, never a dead server', async () => {
    // Unknown URI.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///never-opened.md' }, position: { line: 0, character: 0 } }), null);
    // Out-of-range positions clamp.
    await client.request('textDocument/hover', { textDocument: td, position: { line: 9999, character: 9999 } });
    await client.request('textDocument/completion', { textDocument: td, position: { line: 0, character: 9999 } });
    await client.request('textDocument/codeAction', { textDocument: td, range: { start: { line: 500, character: 0 }, end: { line: 900, character: 3 } }, context: { diagnostics: [] } });
    // Bad params.
    await expectError(client.request('textDocument/hover', {}), ErrorCodes.InvalidParams);
    await expectError(client.request('textDocument/hover', { textDocument: td, position: { line: -1, character: 'x' } }), ErrorCodes.InvalidParams);
    await expectError(client.request('textDocument/definition', null), ErrorCodes.InvalidParams);
    await expectError(client.request('textDocument/codeAction', { textDocument: td }), ErrorCodes.InvalidParams);
    await expectError(client.request('tipLens/reportText', { uri: 42 }), ErrorCodes.InvalidParams);
    await expectError(client.request('tipLens/checkDocument', { uri: 'file:///x.md' }), ErrorCodes.InvalidParams);
    await expectError(client.request('tipLens/noSuchMethod', {}), ErrorCodes.MethodNotFound);
    // Notifications with garbage.
    void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.md', version: 3 }, contentChanges: [{ text: 'x' }] });
    void client.conn.sendNotification('workspace/didChangeConfiguration', null);
    // Still alive and correct.
    assert.match(hoverText(await client.request<Hover>('textDocument/hover', { textDocument: td, position: at('KHM-2023/R1', 3) })), /cyber scam/);
    assert.equal(client.exitCode, undefined);
  });

  test('shutdown and exit: exit code 0', async () => {
    const code = await client.stop();
    assert.equal(code, 0);
  });
});

describe('language server over stdio (push diagnostics client)', () => {
  test('pushes debounced diagnostics on open and on change, clears them on close', async () => {
    const { client, init } = await startServer({ capabilities: PUSH_CAPS });
    try {
      assert.equal(init.capabilities.diagnosticProvider, undefined);
      const uri = 'file:///push.md';
      client.open(uri, 'A victims fund [@KHM-2023/R42].\n');
      const first = await client.waitFor('diagnostics on open', () => client.notificationsOf<PublishDiagnosticsParams>('textDocument/publishDiagnostics').find((p) => p.uri === uri));
      assert.deepEqual(codes(first.diagnostics), ['reference.unknown']);
      assert.equal(first.version, 1);
      // Several quick edits: one publication for the last version.
      for (let i = 0; i < 5; i++) client.change(uri, { start: { line: 0, character: 27 }, end: { line: 0, character: 29 } }, i % 2 ? '42' : '1');
      const last = await client.waitFor('diagnostics for version 6', () =>
        client.notificationsOf<PublishDiagnosticsParams>('textDocument/publishDiagnostics').find((p) => p.uri === uri && p.version === 6),
      );
      assert.deepEqual(codes(last.diagnostics), []);
      const versions = client.notificationsOf<PublishDiagnosticsParams>('textDocument/publishDiagnostics').filter((p) => p.uri === uri).map((p) => p.version);
      assert.ok(versions.length <= 3, `debounced: ${versions.join(',')}`);
      client.close(uri);
      await client.waitFor('cleared on close', () =>
        client.notificationsOf<PublishDiagnosticsParams>('textDocument/publishDiagnostics').find((p) => p.uri === uri && p.version === undefined && p.diagnostics.length === 0),
      );
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('language server settings', () => {
  test('wrong-typed settings: a warning, tipLens/status problems, defaults used', async () => {
    const { client } = await startServer({ capabilities: PUSH_CAPS, settings: { enable: 'yes', severity: { 'figure.mismatch': 'loud' } } });
    try {
      const warn = await client.waitFor('showMessage warning', () =>
        client.notificationsOf<{ type: number; message: string }>('window/showMessage').find((m) => /tipLens\.enable/.test(m.message)),
      );
      assert.equal(warn.type, 2);
      const status = await client.waitFor('status with problems', () => client.notificationsOf<StatusParams>('tipLens/status').find((s) => s.problems.length >= 2));
      assert.ok(status.problems.some((p) => /figure\.mismatch/.test(p.message)));
      client.open('file:///s.md', 'x [@KHM-2023/R42]');
      const d = await client.waitFor('diagnostics', () => client.notificationsOf<PublishDiagnosticsParams>('textDocument/publishDiagnostics').find((p) => p.uri === 'file:///s.md'));
      assert.equal(d.diagnostics.length, 1, 'enable fell back to true');
    } finally {
      await client.stop();
    }
  });

  test('tipLens.enable false (pushed by didChangeConfiguration) silences the diagnostics; true brings them back', async () => {
    const { client } = await startServer({ capabilities: { textDocument: { publishDiagnostics: {} } } });
    try {
      const uri = 'file:///toggle.md';
      const published = () => client.notificationsOf<PublishDiagnosticsParams>('textDocument/publishDiagnostics').filter((p) => p.uri === uri);
      client.open(uri, 'x [@KHM-2023/R42]');
      await client.waitFor('first diagnostics', () => published().find((p) => p.diagnostics.length === 1));
      const before = published().length;
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { tipLens: { enable: false } } });
      await client.waitFor('empty diagnostics', () => published().slice(before).find((p) => p.diagnostics.length === 0));
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 6 } }), null);
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { tipLens: { enable: true } } });
      await client.waitFor('diagnostics again', () => published().slice(before + 1).find((p) => p.diagnostics.length === 1));
    } finally {
      await client.stop();
    }
  });

  test('tipLens.reports relative to the workspace folder; didChangeConfiguration reloads and refreshes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tip-lens-ws-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/narratives/ZZL-2024.json'), path.join(dir, 'ZZL-2024.json'));
    copyFileSync(path.join(ROOT, 'test/fixtures/narratives/ZZL-2024.txt'), path.join(dir, 'ZZL-2024.txt'));
    writeFileSync(path.join(dir, 'broken.json'), '{ "id": ');
    const { client } = await startServer({ workspaceFolder: dir, initializationOptions: { reports: ['ZZL-2024.json'] } });
    try {
      const status = await client.waitFor('ZZL-2024 loaded', () => client.notificationsOf<StatusParams>('tipLens/status').find((s) => s.reports.includes('ZZL-2024')));
      assert.deepEqual(status.problems, []);
      // The client's settings change: another (broken) report file.
      client.settings = { reports: ['ZZL-2024.json', 'broken.json'] };
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const next = await client.waitFor('problem naming broken.json', () => client.notificationsOf<StatusParams>('tipLens/status').find((s) => s.problems.some((p) => p.file.endsWith('broken.json'))));
      assert.ok(next.reports.includes('ZZL-2024'), 'what is valid still loads');
      await client.waitFor('workspace/diagnostic/refresh', () => client.serverRequests.find((r) => r.method === 'workspace/diagnostic/refresh'));
    } finally {
      await client.stop();
    }
  });
});
