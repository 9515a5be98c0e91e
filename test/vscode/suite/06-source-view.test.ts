import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CoverageResult, ShowSourceArgs } from '../../../server/src/protocol';
import { activateExtension, browser, closeAllEditors, hasBrowser, hoverTextsAt, openDraft, openWorkspaceFile, positionOf, waitFor } from '../helpers';

async function definitionOf(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.Location> {
  return waitFor(`a definition at ${pos.line}:${pos.character}`, async () => {
    const locs = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, pos)) ?? [];
    const first = locs[0];
    if (!first) return undefined;
    return 'targetUri' in first ? new vscode.Location(first.targetUri, first.targetSelectionRange ?? first.targetRange) : first;
  });
}

suite('source view', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('Go to Definition on [@KHM-2023/R1] points into the tip-lens: report text', async () => {
    const { document } = await openWorkspaceFile('brief.md');
    const loc = await definitionOf(document.uri, positionOf(document, '[@KHM-2023/R1]', 5));
    assert.strictEqual(loc.uri.scheme, 'tip-lens');
    assert.match(loc.uri.toString(), /KHM-2023/);
    const source = await vscode.workspace.openTextDocument(loc.uri);
    assert.match(source.getText(loc.range), /cyber scam operations/i, `definition range holds R1: "${source.getText(loc.range)}"`);
  });

  test('Show Source opens a read-only editor with the cited text selected', async () => {
    // Control: the 'type' command used below does edit an ordinary editor.
    const control = await openDraft('');
    await vscode.commands.executeCommand('type', { text: 'typed' });
    await waitFor('typing into a draft', () => (control.document.getText() === 'typed' ? true : undefined));
    const { document } = await openWorkspaceFile('brief.md');
    const loc = await definitionOf(document.uri, positionOf(document, '[@KHM-2023/R1]', 5));
    const args: ShowSourceArgs = { uri: loc.uri.toString(), range: { start: loc.range.start, end: loc.range.end } };
    await vscode.commands.executeCommand('tipLens.showSource', args);
    const editor = await waitFor('the source editor to be active', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'tip-lens' ? e : undefined;
    });
    assert.match(editor.document.getText(), /CAMBODIA \(Tier 3\)/);
    assert.ok(editor.selection.isEqual(new vscode.Selection(loc.range.start, loc.range.end)), 'the cited range is selected');
    assert.ok(editor.visibleRanges.some((r) => r.intersection(loc.range)), 'and scrolled into view');
    // Read-only: typing into it does nothing.
    const before = editor.document.getText();
    await vscode.commands.executeCommand('type', { text: 'tampered ' });
    assert.strictEqual(editor.document.getText(), before, 'typing into the source view changes nothing');
    assert.strictEqual(editor.document.isDirty, false);
  });

  test('the Open source link of a hover opens the source at the cited sentence', async () => {
    const { document } = await openWorkspaceFile('brief.md');
    const texts = await hoverTextsAt(document.uri, positionOf(document, '[@KHM-2023/R1]', 5), (t) => t.some((x) => x.includes('command:tipLens.showSource?')));
    const link = /command:tipLens\.showSource\?([^\s)"]+)/.exec(texts.join('\n'));
    assert.ok(link, texts.join('\n'));
    // What the workbench does with a command link: JSON arguments, an array spread, anything else passed as one.
    const parsed: unknown = JSON.parse(decodeURIComponent(link[1]));
    await vscode.commands.executeCommand('tipLens.showSource', ...(Array.isArray(parsed) ? parsed : [parsed]));
    const editor = await waitFor('the KHM-2023 source', () => (vscode.window.activeTextEditor?.document.uri.scheme === 'tip-lens' ? vscode.window.activeTextEditor : undefined));
    assert.match(editor.document.getText(editor.selection), /cyber scam operations/i);
  });

  test('the source view wraps long paragraphs and shows the R-numbers and ¶ numbers citations use', async function () {
    const loc = { uri: 'tip-lens:/KHM-2023.txt', range: { start: { line: 32, character: 0 }, end: { line: 32, character: 10 } } };
    const editor = (await vscode.commands.executeCommand<vscode.TextEditor>('tipLens.showSource', loc))!;
    assert.strictEqual(editor.document.languageId, 'tip-lens-report');
    assert.strictEqual(vscode.workspace.getConfiguration('editor', editor.document).get('wordWrap'), 'on');
    if (!hasBrowser()) return this.skip();
    // The labels are decorations before each item: the text (and every range into it) is unchanged.
    const labels = await waitFor('R-number labels in the source view', async () => {
      const seen = (await browser({ probe: '.monaco-editor .view-lines span[class*="ced-"]', pseudo: '::before' })).texts ?? [];
      return seen.some((t) => t.includes('R13')) ? seen : undefined;
    });
    assert.ok(labels.some((t) => /"R1[0-9]"/.test(t)), JSON.stringify(labels));
    assert.match(editor.document.lineAt(32).text, /^Allow restitution/, 'the text itself has no labels in it');
  });

  test('Show Source of the other bundled report', async () => {
    const loc = { uri: 'tip-lens:/KHM-2022.txt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } };
    await vscode.commands.executeCommand('tipLens.showSource', loc);
    const editor = await waitFor('the KHM-2022 source', () => (vscode.window.activeTextEditor?.document.uri.toString().includes('KHM-2022') ? vscode.window.activeTextEditor : undefined));
    assert.match(editor.document.getText(), /prosecuted 109 suspected traffickers/);
  });

  test('coverage lists R1..R17 with the cited ones marked', async () => {
    await openWorkspaceFile('brief.md');
    const result = await waitFor('coverage of brief.md', async () => (await vscode.commands.executeCommand<CoverageResult>('tipLens.showCoverage')) ?? undefined);
    assert.strictEqual(result.reportId, 'KHM-2023');
    assert.strictEqual(result.total, 17);
    assert.deepStrictEqual(result.items.map((i) => i.key), Array.from({ length: 17 }, (_, i) => `R${i + 1}`));
    const cited = result.items.filter((i) => i.cited).map((i) => i.key);
    assert.deepStrictEqual(cited, ['R1', 'R3'], 'brief.md cites R1 and, through [@R3] and its front matter, R3');
    assert.strictEqual(result.cited, 2);
    const r1 = result.items[0];
    assert.strictEqual(r1.sourceUri.startsWith('tip-lens:'), true);
    // Clicking an item runs Show Source with its source range.
    await vscode.commands.executeCommand('tipLens.showSource', { uri: r1.sourceUri, range: r1.sourceRange });
    const editor = await waitFor('the source editor', () => (vscode.window.activeTextEditor?.document.uri.scheme === 'tip-lens' ? vscode.window.activeTextEditor : undefined));
    assert.match(editor.document.getText(editor.selection), /cyber scam operations/i);
  });

  test('the coverage code lens opens the coverage of its own draft', async () => {
    const { document } = await openWorkspaceFile('brief.md');
    const lens = await waitFor('a code lens running tipLens.showCoverage', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10)) ?? [];
      return lenses.find((l) => l.command?.command === 'tipLens.showCoverage');
    });
    assert.match(lens.command?.title ?? '', /2 of 17/);
    await openWorkspaceFile('figures.md'); // another draft is active when the lens is clicked
    const result = await vscode.commands.executeCommand<CoverageResult>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.strictEqual(result?.reportId, 'KHM-2023');
    assert.strictEqual(result?.cited, 2, 'coverage of brief.md, not of the active figures.md');
  });
});
