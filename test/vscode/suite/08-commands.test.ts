import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeSummary, type CheckWorkspaceSummary } from '../../../client/src/checkWorkspace';
import { activateExtension, closeAllEditors, codeOf, describeDiagnostics, openDraft, positionOf, tipLensDiagnostics, waitFor, waitForDiagnostic, workspaceUri } from '../helpers';

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

  test('Insert Citation right after a word puts a space before the citation', async () => {
    const editor = await openDraft('Courts ruled last month.');
    const at = positionOf(editor.document, '.');
    editor.selection = new vscode.Selection(at, at);
    const inserted = vscode.commands.executeCommand<string | undefined>('tipLens.insertCitation', { query: 'restitution upon conviction' });
    await waitFor('the quick pick to accept a result', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return editor.document.getText().includes('[@') ? true : undefined;
    });
    assert.strictEqual(await inserted, '[@KHM-2023/R13]');
    assert.strictEqual(editor.document.getText(), 'Courts ruled last month [@KHM-2023/R13].');
  });

  test('Check Workspace reports the total of problems first, open and unopened files', async () => {
    const summary = await vscode.commands.executeCommand<CheckWorkspaceSummary>('tipLens.checkWorkspace');
    const text = describeSummary(summary);
    assert.match(text, /^TIP Lens checked \d+ files: (no problems|\d+ problems? in \d+ files? \(\d+ unopened, \d+ open\))/);
    assert.strictEqual(typeof summary.openProblems, 'number');
  });

  test('Cite This Sentence inserts the item that supports the sentence at the cursor', async () => {
    const editor = await openDraft('Courts should allow restitution upon conviction of the trafficker and train officials to calculate it.');
    const at = positionOf(editor.document, 'restitution');
    editor.selection = new vscode.Selection(at, at);
    // The command answers undefined (and inserts nothing) until the server has the document: ask until it inserts.
    const inserted = await waitFor('Cite This Sentence to insert a citation', async () => vscode.commands.executeCommand<string | undefined>('tipLens.citeSentence', { pick: 'first' }));
    assert.strictEqual(inserted, ' [@KHM-2023/R13]');
    assert.strictEqual(editor.document.getText(), 'Courts should allow restitution upon conviction of the trafficker and train officials to calculate it [@KHM-2023/R13].');
  });

  test('a wrong-item citation gets reference.mismatch, and its quick fix replaces only the key', async () => {
    const editor = await openDraft('Courts should allow restitution upon conviction of the trafficker and train officials to calculate it [see @KHM-2023/R12, p. 2].');
    const d = await waitForDiagnostic(editor.document.uri, 'reference.mismatch');
    assert.match(d.message, /KHM-2023\/R13/);
    let titles: string[] = [];
    const fix = await waitFor(() => `the quick fix (actions seen: ${JSON.stringify(titles)})`, async () => {
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      titles = actions.map((a) => a.title);
      return actions.find((a) => a.title === 'Cite KHM-2023/R13 instead of KHM-2023/R12' && a.edit);
    });
    assert.ok(fix.edit);
    await vscode.workspace.applyEdit(fix.edit);
    assert.strictEqual(editor.document.getText(), 'Courts should allow restitution upon conviction of the trafficker and train officials to calculate it [see @KHM-2023/R13, p. 2].');
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
