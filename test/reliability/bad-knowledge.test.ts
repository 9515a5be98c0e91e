/** Bad knowledge: every bad report or setting gives a message naming the file and the problem; what is valid is still served. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadKnowledgeBase } from '../../server/src/node/loadReports';
import { validateSettings } from '../../server/src/service/settings';
import { badKnowledge, cli } from './helpers/fixtures';
import { startServer } from './helpers/lsp';

const WRONG = 'In 2021, the Cambodian government convicted 83 traffickers.';

test('loadKnowledgeBase: each bad report is one problem naming its file; bundled and valid extra reports still load', () => {
  const { good, bad } = badKnowledge();
  const kb = loadKnowledgeBase([good, ...Object.values(bad)], '/');
  assert.deepEqual(kb.all().map((r) => r.id).sort(), ['KHM-2022', 'KHM-2023', 'TST-2023']);
  const expect: Record<string, RegExp> = {
    missing: /not found/i,
    empty: /JSON/i,
    binary: /binary|NUL/i,
    truncated: /not valid JSON/i,
    wrongTyped: /"edition" must be a year/,
    duplicate: /duplicate report id KHM-2023/,
    missingText: /not found.*NTX-2023/,
    invalidUtf8: /UTF-8/,
  };
  for (const [kind, file] of Object.entries(bad)) {
    const mine = kb.problems.filter((p) => p.file === file || (kind === 'missingText' && p.message.includes(path.basename(file))) || (kind === 'duplicate' && /duplicate/.test(p.message)));
    assert.ok(mine.length >= 1, `${kind}: no problem names ${file}; problems: ${JSON.stringify(kb.problems)}`);
    assert.match(mine.map((p) => p.message).join(' | '), expect[kind], `${kind}: ${JSON.stringify(mine)}`);
    for (const p of mine) assert.ok(!/\n\s+at /.test(p.message), 'no stack in a problem');
  }
});

test('validateSettings: wrong-typed values are named and fall back to defaults, valid ones kept', () => {
  const r = validateSettings({ enable: 'yes', reports: 'a.json', severity: { 'figure.mismatch': 'loud', 'tier.mismatch': 'hint', 'no.such': 'error' }, defaultReport: 5, trace: 7 });
  assert.equal(r.settings.enable, true);
  assert.deepEqual(r.settings.reports, []);
  assert.equal(r.settings.severity['figure.mismatch'], 'error');
  assert.equal(r.settings.severity['tier.mismatch'], 'hint');
  for (const key of ['enable', 'reports', 'severity.figure.mismatch', 'no.such', 'defaultReport', 'trace.server']) assert.ok(r.problems.some((p) => p.includes(key)), `no problem names ${key}: ${JSON.stringify(r.problems)}`);
  for (const raw of [null, 5, 'x', [], { severity: [] }]) assert.doesNotThrow(() => validateSettings(raw));
});

test('CLI --report with bad paths: stderr names each file, checking still works with the valid reports', () => {
  const { good, bad } = badKnowledge();
  const r = cli(['check', '-', '--format', 'json', '--report', good, ...Object.values(bad).flatMap((p) => ['--report', p])], { input: WRONG });
  assert.equal(r.status, 1, r.stderr);
  for (const [kind, file] of Object.entries(bad)) if (kind !== 'duplicate' && kind !== 'missingText') assert.ok(r.stderr.includes(file), `stderr does not name ${kind} ${file}:\n${r.stderr}`);
  assert.match(r.stderr, /duplicate report id KHM-2023/);
  assert.ok(!r.stderr.includes('    at '), `stack trace on stderr:\n${r.stderr}`);
  const diags = JSON.parse(r.stdout) as { code: string }[];
  assert.ok(diags.some((d) => d.code === 'figure.mismatch'));
});

test('server with tipLens.reports pointing at bad files (initializationOptions and workspace/configuration) keeps serving and names the files', async () => {
  const { good, bad } = badKnowledge();
  const reports = [good, ...Object.values(bad)];
  for (const how of ['init', 'configuration'] as const) {
    const s = await startServer(how === 'init' ? { pull: true, initializationOptions: { tipLens: { reports, severity: 'loud' } } } : { pull: true, configuration: { reports, enable: 'yes' } });
    await s.notify('textDocument/didOpen', { textDocument: { uri: 'file:///bad-kb.md', languageId: 'markdown', version: 1, text: WRONG + ' [@TST-2023/R1]' } });
    const res = await s.request<{ items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: 'file:///bad-kb.md' } });
    const codes = res.items.map((d) => d.code);
    assert.ok(codes.includes('figure.mismatch'), `${how}: ${JSON.stringify(codes)}`);
    assert.ok(!codes.includes('reference.unknown'), `${how}: the valid extra report TST-2023 is served: ${JSON.stringify(codes)}`);
    const said = JSON.stringify(s.messages.filter((m) => /showMessage|logMessage|tipLens\/status/.test(m.method)));
    for (const file of [bad.empty, bad.binary, bad.truncated, bad.wrongTyped]) assert.ok(said.includes(JSON.stringify(file).slice(1, -1)), `${how}: no message names ${file}`);
    assert.ok(said.includes(how === 'init' ? 'severity' : 'enable'), `${how}: wrong-typed setting not reported`);
    assert.ok(s.alive());
    await s.close();
  }
});
