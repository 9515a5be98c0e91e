import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CheckWorkspaceSummary } from '../../../client/src/checkWorkspace';
import { activateExtension, closeAllEditors, codeOf, describeDiagnostics, openDraft, tipLensDiagnostics, waitFor, workspaceUri } from '../helpers';

suite('commands', () => {
  suiteSetup(activateExtension);
  suiteTeardown(closeAllEditors);

  test('Check Workspace puts problems of unopened files into the Problems panel, and hands them over on open', async () => {
    const uri = workspaceUri('unopened/never-opened.md');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'never-opened.md is not open yet');
    const summary = await vscode.commands.executeCommand<CheckWorkspaceSummary>('tipLens.checkWorkspace');
    assert.ok(summary.files >= 4, `checked ${summary.files} files`);
    const found = tipLensDiagnostics(uri);
    assert.deepStrictEqual(found.map(codeOf), ['reference.unknown'], describeDiagnostics(uri));
    // Open it: the server's own diagnostics take over and Check Workspace's entry goes, so no duplicate.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(
      () => `exactly one reference.unknown on the opened file (have: ${describeDiagnostics(uri)})`,
      () => (tipLensDiagnostics(uri).filter((d) => codeOf(d) === 'reference.unknown').length === 1 ? true : undefined),
    );
    assert.strictEqual(vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'reference.unknown').length, 1);
  });

  test('Insert Citation searches as you type and inserts the picked citation at the cursor', async () => {
    const editor = await openDraft('Cambodia must prosecute those running scam compounds ');
    const end = editor.document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    const inserted = vscode.commands.executeCommand<string | undefined>('tipLens.insertCitation', { query: 'cyber scam operations complicit officials' });
    // Accept the first result as soon as the server's results are in the quick pick.
    await waitFor('the quick pick to accept a result', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return editor.document.getText().includes('[@') ? true : undefined;
    });
    const citation = await inserted;
    assert.strictEqual(citation, '[@KHM-2023/R1]');
    assert.strictEqual(editor.document.getText(), `Cambodia must prosecute those running scam compounds ${citation}`);
  });

  test('Restart Server brings the server back', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('tipLens.restartServer');
    await api.ready();
    const editor = await openDraft('See [@KHM-2023/R40].');
    await waitFor(() => `reference.unknown after restart (have: ${describeDiagnostics(editor.document.uri)})`, () =>
      tipLensDiagnostics(editor.document.uri).some((d) => codeOf(d) === 'reference.unknown') ? true : undefined,
    );
  });
});
