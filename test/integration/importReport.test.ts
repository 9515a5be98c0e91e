/** tipLens/importReport over stdio on the built server: the importer loads on the first import; a page, a PDF; bad params and bad input get problems; the imported folder then loads as reports. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionList, Diagnostic, DocumentDiagnosticReport, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { ImportReportResult } from '../../server/src/protocol';
import { loadReportFile } from '../../server/src/node/loadReports';
import { renderHtml, renderPdf } from '../../scripts/fixtures/import-fixtures';
import { startServer } from './_client';

test('tipLens/importReport: a saved page and a PDF imported by the server; the folder then loads', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-import-lsp-'));
  const zzl = loadReportFile('test/fixtures/narratives/ZZL-2024.json').reports[0];
  const page = path.join(tmp, 'lumeria.html');
  fs.writeFileSync(page, renderHtml(zzl, '2015'));
  const pdf = path.join(tmp, 'lumeria.pdf');
  fs.writeFileSync(pdf, await renderPdf([zzl], { era: '2023pdf', edition: 2024 }));
  const out = path.join(tmp, 'tip-reports');
  const { client } = await startServer();
  try {
    const bad = await client.request<ImportReportResult>('tipLens/importReport', { file: 'relative.html', out });
    assert.deepEqual(bad.problems, ['tipLens/importReport: file and out must be absolute paths']);
    const noCountry = await client.request<ImportReportResult>('tipLens/importReport', { file: page, out });
    assert.match(noCountry.problems[0], /lumeria\.html: the narrative headed "LUMERIA: Tier 2 Watch List" names a country not in the TIP country table; pass --country "LUMERIA=ISO3"/);
    assert.ok(!fs.existsSync(out));
    const r = await client.request<ImportReportResult>('tipLens/importReport', { file: page, out, country: 'Lumeria=ZZL' });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.written.map((w) => w.id), ['ZZL-2024']);
    const again = await client.request<ImportReportResult>('tipLens/importReport', { file: pdf, out, country: 'Lumeria=ZZL' });
    assert.match(again.problems[0], /already holds ZZL-2024; pass --force/);
    const forced = await client.request<ImportReportResult>('tipLens/importReport', { file: pdf, out, country: 'Lumeria=ZZL', force: true });
    assert.deepEqual(forced.problems, []);
    assert.equal(fs.readFileSync(path.join(out, 'ZZL-2024.txt'), 'utf8'), zzl.text, 'the PDF gives the plain text back');
  } finally {
    assert.equal(await client.stop(), 0);
  }
  // A server whose tipLens.reports names the folder checks drafts against the imported report.
  const { client: c2 } = await startServer({ settings: { reports: [out] } });
  try {
    c2.open('file:///draft.md', '---\ntip-report: ZZL-2024\n---\n\nLumeria is on Tier 3 [@ZZL-2024/R4].\n');
    const d = await c2.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: 'file:///draft.md' } });
    assert.deepEqual((d as { items: Diagnostic[] }).items.map((x) => x.code), ['tier.mismatch']);
    const h = await c2.request<Hover>('textDocument/hover', { textDocument: { uri: 'file:///draft.md' }, position: { line: 4, character: 26 } });
    assert.match((h.contents as MarkupContent).value, /Amend the penal code/);
    c2.open('file:///draft2.md', '---\ntip-report: ZZL-2024\n---\n\nShelters are needed [@ZZL-2024/R');
    const c = await c2.request<CompletionList>('textDocument/completion', { textDocument: { uri: 'file:///draft2.md' }, position: { line: 4, character: 32 } });
    assert.ok(c.items.some((i) => i.detail === 'ZZL-2024/R5'), JSON.stringify(c.items.slice(0, 3).map((i) => i.detail)));
  } finally {
    assert.equal(await c2.stop(), 0);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
