import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeOf, describeDiagnostics, openWorkspaceFile, setSetting, waitFor, waitForDiagnostic } from '../helpers';

suite('settings', () => {
  suiteSetup(activateExtension);
  suiteTeardown(async () => {
    await setSetting('severity', undefined);
    await setSetting('reports', undefined);
    await closeAllEditors();
  });

  test('tipLens.severity changes a diagnostic\'s severity, and "off" silences it', async () => {
    const { document } = await openWorkspaceFile('figures.md');
    const uri = document.uri;
    await waitForDiagnostic(uri, 'figure.mismatch', (d) => d.severity === vscode.DiagnosticSeverity.Error);

    await setSetting('severity', { 'figure.mismatch': 'warning' });
    await waitForDiagnostic(uri, 'figure.mismatch', (d) => d.severity === vscode.DiagnosticSeverity.Warning);

    await setSetting('severity', { 'figure.mismatch': 'off' });
    await waitFor(
      () => `figure.mismatch to disappear (have: ${describeDiagnostics(uri)})`,
      () => (vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'figure.mismatch') ? undefined : true),
    );
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'reference.unknown'), 'other codes stay');

    await setSetting('severity', undefined);
    await waitForDiagnostic(uri, 'figure.mismatch', (d) => d.severity === vscode.DiagnosticSeverity.Error);
  });

  test('a report path that does not exist is named once in a warning', async () => {
    const api = await activateExtension();
    const missing = '/nonexistent/tip-lens-test/XYZ-2020.json';
    await setSetting('reports', [missing]);
    const shown = await waitFor(
      () => `a tipLens/status problem naming ${missing} (shown: ${JSON.stringify(api.shownProblems())})`,
      () => {
        const hits = api.shownProblems().filter((m) => m.includes('XYZ-2020'));
        return hits.length > 0 ? hits : undefined;
      },
    );
    assert.strictEqual(shown.length, 1, 'one warning per distinct message');
    // The server keeps serving with what is valid.
    const { document } = await openWorkspaceFile('figures.md');
    await waitForDiagnostic(document.uri, 'figure.mismatch');
    await setSetting('reports', undefined);
  });
});
