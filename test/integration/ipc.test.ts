/** The built server over Node IPC (`--node-ipc`, as the VS Code client starts it). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionList, Diagnostic, DocumentDiagnosticReport, Hover, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ReportTextResult } from '../../server/src/protocol';
import { PUSH_CAPS, startServer } from './_client';

test('over IPC: initialize, pull diagnostics, hover, completion, report text, shutdown', async () => {
  const { client, init } = await startServer({ transport: 'ipc' });
  try {
    assert.ok(init.capabilities.hoverProvider);
    const uri = 'file:///ipc.md';
    client.open(uri, 'Scams [@KHM-2023/R1] and [@KHM-2023/R42] and [@scam');
    const r = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual((r as { items: Diagnostic[] }).items.map((d) => d.code), ['reference.unknown']);
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
    assert.match((h.contents as MarkupContent).value, /cyber scam operations/);
    const c = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 52 } });
    assert.equal(c.items[0].detail, 'KHM-2023/R1');
    const t = await client.request<ReportTextResult>('tipLens/reportText', { uri: 'tip-lens:/KHM-2023.txt' });
    assert.match(t!.text, /CAMBODIA \(Tier 3\)/);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('over IPC with a push client: diagnostics arrive as notifications', async () => {
  const { client } = await startServer({ transport: 'ipc', capabilities: PUSH_CAPS });
  try {
    client.open('file:///ipc-push.md', 'Unknown [@KHM-2023/R99].');
    const p = await client.waitFor('publishDiagnostics', () => client.notificationsOf<PublishDiagnosticsParams>('textDocument/publishDiagnostics')[0]);
    assert.equal(p.diagnostics[0].code, 'reference.unknown');
  } finally {
    await client.stop();
  }
});
