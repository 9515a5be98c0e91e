// extensionTestsPath for `node scripts/e2e/screenshots.mjs`: sets up the scenes of
// docs/hover.png and docs/problems.png in the real workbench and asks the runner
// (run-e2e.mjs --screenshots DIR) to capture each one.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, browser, hoverTextsAt, openDraft, openWorkspaceFile, positionOf, waitFor, waitForDiagnostic } from './helpers';

/** Asks the runner for a screenshot once `selector` is visible in the workbench, and waits until it is saved. */
async function capture(name: string, selector: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) throw new Error('E2E_SCREENSHOTS is not set: run through scripts/e2e/screenshots.mjs');
  const done = path.join(dir, `${name}.done`);
  fs.rmSync(done, { force: true });
  console.log(`[screenshot] ${name} ${selector}`);
  await waitFor(`the runner to capture ${name}`, () => (fs.existsSync(done) ? true : undefined), 30_000);
}

export async function run(): Promise<void> {
  await openWorkspaceFile('brief.md');
  await activateExtension();

  // 1. Hover on a reference, with the coverage tree in the TIP Lens side bar.
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  const editor = await openWorkspaceFile('brief.md');
  await vscode.commands.executeCommand('tipLens.showCoverage');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  const pos = positionOf(editor.document, '[@KHM-2023/R1]', 11);
  await hoverTextsAt(editor.document.uri, pos, (t) => t.some((s) => /cyber scam/i.test(s)));
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.showHover');
  await capture('hover', '.monaco-hover:not(.hidden) .rendered-markdown');

  // 2. The Problems panel with TIP Lens diagnostics.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const figures = await openWorkspaceFile('problems.md');
  await waitForDiagnostic(figures.document.uri, 'figure.mismatch');
  await waitForDiagnostic(figures.document.uri, 'reference.unknown');
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  const bad = positionOf(figures.document, 'convicted 83', 'convicted '.length);
  figures.selection = new vscode.Selection(bad, bad);
  await capture('problems', '.markers-panel .monaco-list-row');

  // 3. Completion while typing: `[@scam` typed key by key.
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const typed = await openDraft('# Brief\n\nCambodia should prosecute those who run forced labor in scam compounds ');
  const end = typed.document.lineAt(2).range.end;
  typed.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await browser({ type: '[@scam', delay: 150 });
  await waitFor('R1 first in the list', async () => ((await browser({ probe: '.suggest-widget.visible .monaco-list-row[data-index="0"]' })).texts?.[0]?.startsWith('R1 ') ? true : undefined));
  await capture('completion', '.suggest-widget.visible');
  await browser({ press: 'Escape' });

  // 4. A quote that differs: the hover names the words.
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  const quoted = await openDraft(
    '# Brief\n\nThe 2023 report urges Cambodia to "investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations, including senior officials" [@KHM-2023/R1].\n',
  );
  await waitForDiagnostic(quoted.document.uri, 'quote.mismatch');
  const word = positionOf(quoted.document, 'senior', 2);
  await hoverTextsAt(quoted.document.uri, word, (t) => t.some((x) => /What differs/.test(x)));
  quoted.selection = new vscode.Selection(word, word);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await vscode.commands.executeCommand('editor.action.showHover');
  await capture('quote-hover', '.monaco-hover:not(.hidden) .rendered-markdown');

  // 5. A plain-text draft naming its report on its first line; hover on a paragraph reference.
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  const plain = await openDraft('tip-report: KHM-2023\n\nIn 2021 the government convicted 38 traffickers [@KHM-2022/prosecution.2], and the report asks for restitution [@R13].\n', 'plaintext');
  const ref = positionOf(plain.document, 'prosecution.2', 3);
  await hoverTextsAt(plain.document.uri, ref, (t) => t.some((x) => /compared with/.test(x)));
  plain.selection = new vscode.Selection(ref, ref);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await vscode.commands.executeCommand('editor.action.showHover');
  await capture('paragraph-hover', '.monaco-hover:not(.hidden) .rendered-markdown');

  // 6. A citation of the wrong item: the hover names both items, the light bulb's menu offers the right key and Cite This Sentence.
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  const wrongItem = await openDraft(
    '# Brief\n\nThe report asks Cambodia to allow restitution once a trafficker is convicted and to train officials on calculating it [@KHM-2023/R12].\n\nIn 2021 the government convicted 38 traffickers.\n',
  );
  await waitForDiagnostic(wrongItem.document.uri, 'reference.mismatch');
  const key = positionOf(wrongItem.document, 'R12', 1);
  wrongItem.selection = new vscode.Selection(key, key);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await vscode.commands.executeCommand('editor.action.quickFix');
  await capture('reference-mismatch', '.action-widget .monaco-list-row');
  await browser({ press: 'Escape' });
  await hoverTextsAt(wrongItem.document.uri, key, (t) => t.some((x) => /R13/.test(x)));
  await vscode.commands.executeCommand('editor.action.showHover');
  await capture('reference-mismatch-hover', '.monaco-hover:not(.hidden) .rendered-markdown');

  // 7. The source view: wrapped, with R-numbers, the cited item highlighted.
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('tipLens.showSource', { uri: 'tip-lens:/KHM-2023.txt', range: { start: { line: 32, character: 0 }, end: { line: 32, character: 200 } } });
  await capture('source-view', '.monaco-editor .view-lines span[class*="ced-"]');
}
