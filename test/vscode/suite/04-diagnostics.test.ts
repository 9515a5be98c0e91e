import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeOf, describeDiagnostics, openDraft, openWorkspaceFile, positionOf, waitForDiagnostic } from '../helpers';

suite('diagnostics', () => {
  suiteSetup(activateExtension);
  suiteTeardown(closeAllEditors);

  test('a wrong conviction count gets figure.mismatch on the number', async () => {
    const { document } = await openWorkspaceFile('figures.md');
    const d = await waitForDiagnostic(document.uri, 'figure.mismatch');
    assert.strictEqual(d.source, 'tip-lens');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, 'figure.mismatch is an error by default');
    assert.ok(d.range.contains(positionOf(document, 'convicted 83', 'convicted '.length)), `range ${JSON.stringify(d.range)} covers "83"`);
    assert.match(d.message, /38/, 'the message gives the report\'s figure');
  });

  test('the related location reads in the report\'s terms and opens the report at the sentence', async () => {
    const { document } = await openWorkspaceFile('figures.md');
    const d = await waitForDiagnostic(document.uri, 'figure.mismatch');
    const related = d.relatedInformation?.[0];
    assert.ok(related, 'a related location');
    assert.strictEqual(related.location.uri.path.split('/').pop(), '2022 TIP Report — Cambodia · Prosecution ¶2', 'Problems and the hover show this name');
    assert.match(related.message, /^The government convicted 38 traffickers/);
    const source = await vscode.workspace.openTextDocument(related.location.uri);
    assert.match(source.getText(related.location.range), /38 traffickers/);
  });

  test('a reference to a recommendation that does not exist gets reference.unknown', async () => {
    const { document } = await openWorkspaceFile('figures.md');
    const d = await waitForDiagnostic(document.uri, 'reference.unknown');
    assert.ok(d.range.contains(positionOf(document, 'R18')), `range ${JSON.stringify(d.range)} covers R18`);
  });

  test('plain-text drafts are checked too', async () => {
    const { document } = await openWorkspaceFile('notes.txt');
    assert.strictEqual(document.languageId, 'plaintext');
    await waitForDiagnostic(document.uri, 'reference.unknown');
  });

  test('a plain-text draft names its report on its first line: tip-report: KHM-2023, and [@R3] resolves through it', async () => {
    const { document } = await openDraft('tip-report: KHM-2023\nScreen people in immigration detention [@R3], as the report has no R18 [@R18].\n', 'plaintext');
    const d = await waitForDiagnostic(document.uri, 'reference.unknown');
    assert.ok(d.range.contains(positionOf(document, 'R18]')), `only [@R18] is unknown: ${describeDiagnostics(document.uri)}`);
    assert.strictEqual(vscode.languages.getDiagnostics(document.uri).filter((x) => codeOf(x) === 'reference.unknown').length, 1, describeDiagnostics(document.uri));
    const coverage = await vscode.commands.executeCommand<{ reportId: string; cited: number }>('tipLens.showCoverage');
    assert.strictEqual(coverage?.reportId, 'KHM-2023');
  });

  test('a correct brief gets no error', async () => {
    const { document } = await openWorkspaceFile('brief.md');
    // A draft opened after it getting its diagnostic shows the server has been through brief.md too.
    const wrong = await openDraft('In 2021, the government convicted 83 traffickers [@KHM-2022/prosecution.2].');
    await waitForDiagnostic(wrong.document.uri, 'figure.mismatch');
    const errors = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'tip-lens' && d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors.map(codeOf), [], `brief.md: ${describeDiagnostics(document.uri)}`);
  });

  test('diagnostics follow edits', async () => {
    const editor = await openDraft('In 2021, the government convicted 38 traffickers [@KHM-2022/prosecution.2].');
    const uri = editor.document.uri;
    await editor.edit((b) => b.insert(editor.document.lineAt(0).range.end, '\n\nSee also [@KHM-2023/R99].'));
    const d = await waitForDiagnostic(uri, 'reference.unknown');
    assert.strictEqual(d.range.start.line, 2);
    assert.ok(!vscode.languages.getDiagnostics(uri).some((x) => codeOf(x) === 'figure.mismatch'), `38 is right: ${describeDiagnostics(uri)}`);
  });
});
