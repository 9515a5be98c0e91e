import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import * as vscode from 'vscode';
import type { ImportReportOutcome } from '../../../client/src/importReport';
import { EXTENSION_ID, activateExtension, hoverTextsAt, openWorkspaceFile, positionOf, waitForDiagnostic } from '../helpers';

// Runs against the packaged .vsix installed into code-server (no extension under development).
suite('installed .vsix', () => {
  test('is installed from the package, not from the source tree', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.ok(!ext.extensionUri.fsPath.startsWith(process.env.TIP_LENS_SOURCE_ROOT ?? '\0'), `runs from ${ext.extensionUri.fsPath}`);
    assert.strictEqual(ext.packageJSON.version, process.env.TIP_LENS_EXPECTED_VERSION ?? ext.packageJSON.version);
  });

  test('activates and its bundled server finds the bundled reports', async () => {
    await openWorkspaceFile('figures.md');
    await activateExtension();
    const { document } = await openWorkspaceFile('brief.md');
    const texts = await hoverTextsAt(document.uri, positionOf(document, '[@KHM-2023/R1]', 5), (t) => t.some((s) => /cyber scam operations/i.test(s)));
    assert.ok(texts.length > 0);
    const figures = await openWorkspaceFile('figures.md');
    await waitForDiagnostic(figures.document.uri, 'figure.mismatch');
  });

  test('Import Report… reads a PDF with the packaged pdf.js (dist/lib/pdfjs.js)', async () => {
    await activateExtension();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-vsix-import-'));
    try {
      await promisify(execFile)('node', ['--import', 'tsx', 'scripts/fixtures/import-fixtures.ts', dir], { cwd: process.env.TIP_LENS_SOURCE_ROOT });
      const outcome = await vscode.commands.executeCommand<ImportReportOutcome>('tipLens.importReport', { file: path.join(dir, 'multi-20.pdf'), folder: path.join(dir, 'out'), addToSettings: false });
      assert.deepStrictEqual(outcome.problems, []);
      assert.strictEqual(outcome.written.length, 20);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
