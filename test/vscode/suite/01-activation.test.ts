import * as assert from 'assert';
import * as vscode from 'vscode';
import { Commands } from '../../../server/src/protocol';
import { ALL_CODES } from '../../../server/src/service/codes';
import { defaultSettings } from '../../../server/src/service/settings';
import { EXTENSION_ID, activateExtension, closeAllEditors, openWorkspaceFile, tipLensDiagnostics, waitFor } from '../helpers';

suite('activation', () => {
  suiteTeardown(closeAllEditors);

  test('activates on a Markdown draft and starts the language server', async () => {
    await openWorkspaceFile('brief.md');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await waitFor('the extension to activate on opening a Markdown file', () => (ext.isActive ? true : undefined));
    const api = await activateExtension();
    assert.ok(api.reports, 'activate() returns the TIP Lens API');
  });

  test('registers every command', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of Object.values(Commands)) assert.ok(all.includes(id), `command ${id} is registered`);
  });

  test('contributes a setting for every field of TipLensSettings, with the same defaults', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const pkg = ext.packageJSON as { contributes: { configuration: { properties: Record<string, { default: unknown; properties?: Record<string, unknown> }> } } };
    const props = pkg.contributes.configuration.properties;
    const defaults = defaultSettings();
    assert.deepStrictEqual(props['tipLens.enable'].default, defaults.enable);
    assert.deepStrictEqual(props['tipLens.defaultReport'].default, defaults.defaultReport);
    assert.deepStrictEqual(props['tipLens.reports'].default, defaults.reports);
    assert.deepStrictEqual(props['tipLens.severity'].default, defaults.severity);
    assert.deepStrictEqual(Object.keys(props['tipLens.severity'].properties ?? {}).sort(), [...ALL_CODES].sort());
    assert.deepStrictEqual(props['tipLens.trace.server'].default, defaults.trace.server);
    // And VS Code resolves them: what the server gets through workspace/configuration (both are resource-scoped: null, any resource).
    const cfg = vscode.workspace.getConfiguration('tipLens', null);
    assert.deepStrictEqual(cfg.get('severity'), defaults.severity);
    assert.strictEqual(cfg.get('enable'), true);
  });

  test('status bar shows the draft\'s default report and its problem count', async () => {
    const api = await activateExtension();
    const editor = await openWorkspaceFile('brief.md');
    await waitFor(`status text naming KHM-2023 (is "${api.statusText()}")`, () => (api.statusText().includes('KHM-2023') ? true : undefined));
    const problems = tipLensDiagnostics(editor.document.uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).length;
    const expected = problems === 0 ? '$(check)' : String(problems);
    assert.ok(api.statusText().includes(expected), `status "${api.statusText()}" shows ${expected}`);
  });
});
