import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, hoverText, hoverTextsAt, openWorkspaceFile, positionOf } from '../helpers';

suite('hover', () => {
  suiteSetup(activateExtension);
  suiteTeardown(closeAllEditors);

  test('hover on [@KHM-2023/R1] shows the recommendation\'s source text', async () => {
    const { document } = await openWorkspaceFile('brief.md');
    const pos = positionOf(document, '[@KHM-2023/R1]', 5);
    const texts = await hoverTextsAt(document.uri, pos, (t) => t.some((s) => /cyber scam operations/i.test(s)));
    const text = texts.join('\n');
    assert.match(text, /cyber scam operations/i);
    assert.match(text, /KHM-2023|2023/, 'names the report edition');
    // DESIGN: the hover carries a command link that opens the source.
    assert.match(text, /command:tipLens\.showSource/, `hover links to Show Source: ${text}`);
  });

  test('no TIP Lens hover on ordinary prose', async () => {
    const { document } = await openWorkspaceFile('brief.md');
    // Wait until the server answers at all (a hover on a reference), then ask on a plain word.
    await hoverTextsAt(document.uri, positionOf(document, '[@KHM-2023/R1]', 5));
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'calls on', 2))) ?? [];
    const ours = hovers.map(hoverText).filter((t) => /KHM-\d{4}|tipLens/.test(t));
    assert.deepStrictEqual(ours, [], 'plain words get no report hover');
  });
});
