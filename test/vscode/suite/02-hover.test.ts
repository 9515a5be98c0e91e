import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, hoverText, hoverTextsAt, openDraft, openWorkspaceFile, positionOf, waitForDiagnostic } from '../helpers';

suite('hover', () => {
  suiteSetup(activateExtension);
  suiteTeardown(closeAllEditors);

  test('hover on a quote with one word changed names both words', async () => {
    const { document } = await openDraft('The 2023 report urges Cambodia to "investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations, including senior officials" [@KHM-2023/R1].');
    const d = await waitForDiagnostic(document.uri, 'quote.mismatch');
    assert.match(d.message, /"including senior officials" — the report has "including complicit officials"/);
    const texts = await hoverTextsAt(document.uri, positionOf(document, 'senior', 2), (t) => t.some((s) => /What differs/.test(s)));
    assert.match(texts.join('\n'), /What differs:\* "including senior officials" — the report has "including complicit officials"/);
  });

  test('hover on a paragraph reference: the citation line first, the compared sentence, a Show whole paragraph link', async () => {
    const { document } = await openDraft('In 2021 the government convicted 38 traffickers [@KHM-2022/prosecution.2].');
    const texts = await hoverTextsAt(document.uri, positionOf(document, 'prosecution.2', 3), (t) => t.some((s) => /Show whole paragraph/.test(s) && /compared with/.test(s)));
    const text = texts.join('\n');
    assert.match(text.split('\n')[0], /KHM-2022\/prosecution\.2\*\* · 2022 TIP Report — Cambodia · Prosecution ¶2/);
    assert.match(text, /The government convicted 38 traffickers, including one for sex trafficking/);
    assert.doesNotMatch(text, /centralized record/);
  });

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
