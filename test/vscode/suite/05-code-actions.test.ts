import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeOf, openDraft, waitFor, waitForDiagnostic } from '../helpers';

/**
 * Quick fixes the server offers on the diagnostic's range. (The code actions that
 * vscode.executeCodeActionProvider returns do not carry their diagnostics back, so the
 * range and kind select them; suppression-comment actions go last.)
 */
async function quickFixesFor(uri: vscode.Uri, d: vscode.Diagnostic, code: string): Promise<vscode.CodeAction[]> {
  return waitFor(`a quick fix for ${code}`, async () => {
    const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fixes = actions.filter((a): a is vscode.CodeAction => !(typeof a.command === 'string') && (a as vscode.CodeAction).edit !== undefined);
    const rank = (a: vscode.CodeAction) => (a.isPreferred ? 0 : /disable|suppress|ignore/i.test(a.title) ? 2 : 1);
    fixes.sort((a, b) => rank(a) - rank(b));
    return fixes.length > 0 ? fixes : undefined;
  });
}

async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  assert.ok(action.edit || action.command, `"${action.title}" has an edit or a command`);
}

suite('code actions', () => {
  suiteSetup(activateExtension);
  suiteTeardown(closeAllEditors);

  test('the figure.mismatch quick fix puts the report\'s figure in', async () => {
    const editor = await openDraft('In 2021, the government convicted 83 traffickers [@KHM-2022/prosecution.2].\n');
    const uri = editor.document.uri;
    const d = await waitForDiagnostic(uri, 'figure.mismatch');
    const [fix] = await quickFixesFor(uri, d, 'figure.mismatch');
    await apply(fix);
    assert.match(editor.document.getText(), /convicted 38 traffickers \[@KHM-2022\/prosecution\.2\]/, editor.document.getText());
    assert.doesNotMatch(editor.document.getText(), /\b83\b/);
    // And the diagnostic goes away.
    await waitFor('figure.mismatch to disappear after the fix', () => (vscode.languages.getDiagnostics(uri).some((x) => codeOf(x) === 'figure.mismatch') ? undefined : true));
  });

  test('the citation.missing quick fix inserts a citation of the matching paragraph', async () => {
    const editor = await openDraft('In 2021, the Cambodian government prosecuted 109 suspected traffickers.\n');
    const uri = editor.document.uri;
    const d = await waitForDiagnostic(uri, 'citation.missing');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Hint, 'citation.missing is a hint by default');
    const [fix] = await quickFixesFor(uri, d, 'citation.missing');
    await apply(fix);
    assert.match(editor.document.getText(), /109 suspected traffickers.*\[@KHM-2022\/prosecution\.\d+\]/, editor.document.getText());
  });
});
