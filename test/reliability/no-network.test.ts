/** Nothing leaves the machine: the CLI and the server run a full session with net, tls, http(s), dns and fetch trapped. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, tmp } from './helpers/fixtures';
import { startServer } from './helpers/lsp';

const PRELOAD = path.join(__dirname, 'no-network.cjs');
const DRAFT = '---\ntip-report: KHM-2023\n---\nIn 2021, the Cambodian government convicted 83 traffickers [@KHM-2022/prosecution.2].\n\nSee [the report](https://www.state.gov/reports/) and [@R1]. The report says “the government did not fully meet the minimum standards”.\n';
const touches = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');

test('control: the trap records a connection attempt even when the error is swallowed', () => {
  const log = path.join(tmp('net'), 'touch.log');
  const r = cli(['--version'], { nodeArgs: ['--require', PRELOAD], env: { TIP_LENS_NET_LOG: log, TIP_LENS_NET_CONTROL: '1' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(touches(log), /net\.connect/);
  assert.match(touches(log), /https\.get/);
  assert.match(touches(log), /fetch/);
});

test('CLI: check (text, json, sarif, --fix), kb show and kb export (CSL JSON, BibTeX, RIS) touch no network entry point', () => {
  const dir = tmp('net-cli');
  const log = path.join(dir, 'touch.log');
  const f = path.join(dir, 'draft.md');
  fs.writeFileSync(f, DRAFT);
  const env = { TIP_LENS_NET_LOG: log };
  for (const args of [['check', f], ['check', f, '--format', 'json'], ['check', f, '--format', 'sarif'], ['check', f, '--fix'], ['kb', 'show', '--format', 'json'], ['kb', 'export', '--draft', f], ['kb', 'export', '--format', 'bibtex', '--items'], ['kb', 'export', '--format', 'ris']]) {
    const r = cli(args, { nodeArgs: ['--require', PRELOAD], env });
    assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.stderr}`);
  }
  assert.equal(touches(log), '', 'the CLI touched the network');
});

test('server: a full LSP session touches no network entry point', async () => {
  const log = path.join(tmp('net-srv'), 'touch.log');
  const s = await startServer({ nodeArgs: ['--require', PRELOAD], env: { TIP_LENS_NET_LOG: log }, pull: true });
  const uri = 'file:///net/draft.md';
  await s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  await s.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'Note: ' }] });
  const diag = await s.request<{ items: { code: string; range: unknown }[] }>('textDocument/diagnostic', { textDocument: { uri } });
  assert.ok(diag.items.some((d) => d.code === 'figure.mismatch'));
  const p = { textDocument: { uri }, position: { line: 3, character: 50 } };
  await s.request('textDocument/hover', p);
  await s.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 62 } });
  await s.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 90 } }, context: { diagnostics: [] } });
  await s.request('textDocument/definition', p);
  await s.request('textDocument/references', { ...p, context: { includeDeclaration: true } });
  await s.request('textDocument/documentLink', { textDocument: { uri } });
  await s.request('textDocument/codeLens', { textDocument: { uri } });
  await s.request('workspace/symbol', { query: 'prosecute' });
  await s.request('tipLens/reportText', { uri: 'tip-lens:/KHM-2023.txt' });
  await s.request('tipLens/searchItems', { query: 'labor' });
  await s.request('tipLens/bibliography', { format: 'bibtex', uri });
  await s.request('tipLens/checkDocument', { uri: 'file:///net/other.md', text: DRAFT });
  await s.notify('workspace/didChangeConfiguration', { settings: { tipLens: { reports: ['https://example.com/evil.json'] } } });
  await s.request('textDocument/diagnostic', { textDocument: { uri } });
  await s.notify('textDocument/didClose', { textDocument: { uri } });
  assert.ok(s.alive());
  await s.close();
  assert.equal(touches(log), '', 'the server touched the network');
});
