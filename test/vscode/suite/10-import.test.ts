import * as assert from 'assert';
import { execFile } from 'child_process';
import { promisify } from 'util';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ImportReportOutcome } from '../../../client/src/importReport';
import { activateExtension, closeAllEditors, codeOf, describeDiagnostics, openDraft, waitFor, waitForDiagnostic, workspaceUri } from '../helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

suite('import report', () => {
  const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-e2e-import-'));
  const folder = workspaceUri('tip-reports').fsPath;
  const dotVscode = workspaceUri('.vscode').fsPath;
  const hadDotVscode = fs.existsSync(dotVscode);

  suiteSetup(async () => {
    // The fixtures are rendered by the repository's script, as in the unit tests.
    // Not spawnSync: the extension host keeps serving while the script runs.
    await promisify(execFile)('node', ['--import', 'tsx', 'scripts/fixtures/import-fixtures.ts', fixtures], { cwd: ROOT });
    await activateExtension();
  });
  suiteTeardown(async () => {
    const ws = vscode.workspace.workspaceFolders![0];
    await vscode.workspace.getConfiguration('tipLens', ws.uri).update('reports', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    fs.rmSync(folder, { recursive: true, force: true });
    if (!hadDotVscode) fs.rmSync(dotVscode, { recursive: true, force: true });
    fs.rmSync(fixtures, { recursive: true, force: true });
    await closeAllEditors();
  });

  test('Import Report… imports a saved page into tip-reports/, adds it to tipLens.reports, and drafts are checked against it', async () => {
    const api = await activateExtension();
    const outcome = await vscode.commands.executeCommand<ImportReportOutcome>('tipLens.importReport', {
      file: path.join(fixtures, 'ZZL-2024-2023web.html'),
      folder,
      country: 'Lumeria=ZZL',
      addToSettings: true,
    });
    assert.deepStrictEqual(outcome.problems, []);
    assert.deepStrictEqual(outcome.written, ['ZZL-2024']);
    assert.deepStrictEqual(outcome.settingAdded, ['tip-reports']);
    assert.deepStrictEqual(fs.readdirSync(folder).sort(), ['ZZL-2024.json', 'ZZL-2024.txt']);
    const ws = vscode.workspace.workspaceFolders![0];
    assert.deepStrictEqual(vscode.workspace.getConfiguration('tipLens', ws.uri).inspect('reports')?.workspaceFolderValue, ['tip-reports']);
    await waitFor(() => `ZZL-2024 among the loaded reports (have ${api.reports().join(', ')})`, () => (api.reports().includes('ZZL-2024') ? true : undefined));

    const editor = await openDraft('---\ntip-report: ZZL-2024\n---\n\nLumeria is on Tier 3 [@ZZL-2024/R4].\n');
    const uri = editor.document.uri;
    await waitForDiagnostic(uri, 'tier.mismatch');
    assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'reference.unknown'), describeDiagnostics(uri));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 25));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Amend the penal code/);
  });

  test('a PDF into the same folder: a problem until replacing is allowed; then the server reloads it', async () => {
    const api = await activateExtension();
    const file = path.join(fixtures, 'ZZL-2024-2023pdf.pdf');
    const refused = await vscode.commands.executeCommand<ImportReportOutcome>('tipLens.importReport', { file, folder, country: 'Lumeria=ZZL' });
    assert.match(refused.problems[0], /already holds ZZL-2024; pass --force/);
    const done = await vscode.commands.executeCommand<ImportReportOutcome>('tipLens.importReport', { file, folder, country: 'Lumeria=ZZL', force: true });
    assert.deepStrictEqual(done.written, ['ZZL-2024']);
    assert.strictEqual(done.settingAdded, undefined, 'the setting already lists the folder');
    await waitFor(() => `ZZL-2024 loaded again (have ${api.reports().join(', ')})`, () => (api.reports().includes('ZZL-2024') ? true : undefined));
  });
});
