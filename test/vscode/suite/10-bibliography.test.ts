import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, waitFor, workspaceUri } from '../helpers';
import type { WriteBibliographyResult } from '../../../client/src/writeBibliography';

/** Write Bibliography: the format quick pick, the file written in the workspace, the front matter edit offered in a quick pick. */
suite('Write Bibliography', () => {
  const folder = workspaceUri('bibliography-e2e');
  const draftUri = vscode.Uri.joinPath(folder, 'draft.md');
  const DRAFT = '---\ntip-report: KHM-2023\n---\nCourts should allow restitution [@R13] and prosecutions fell [see @KHM-2022/prosecution.2, p. 2].\n';

  suiteSetup(async () => {
    await activateExtension();
    await vscode.workspace.fs.writeFile(draftUri, new TextEncoder().encode(DRAFT));
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

  test('CSL JSON picked from the quick pick is written, and the accepted offer adds it to the front matter as a visible edit', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draftUri));
    const target = vscode.Uri.joinPath(folder, 'tip-lens.json');
    const done = vscode.commands.executeCommand<WriteBibliographyResult | undefined>('tipLens.writeBibliography', { target: target.toString() });
    let result: WriteBibliographyResult | undefined;
    void done.then((r) => (result = r));
    // First quick pick: the format (CSL JSON is first); second: the offer (Add … is first).
    await waitFor('both quick picks answered', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return result ?? undefined;
    }, 30_000, 300);
    assert.ok(result);
    assert.strictEqual(result.uri, target.toString());
    assert.strictEqual(result.addedToFrontMatter, true);
    const items = JSON.parse(await read(target)) as { id: string; type: string; title: string; publisher?: string }[];
    const ids = items.map((i) => i.id);
    for (const id of ['KHM-2023', 'KHM-2022', 'KHM-2023/R13', 'KHM-2022/prosecution.2', 'R13']) assert.ok(ids.includes(id), `${id} in ${ids.slice(0, 8).join(', ')}…`);
    assert.strictEqual(items.find((i) => i.id === 'R13')?.title, 'Prioritized Recommendation 13');
    assert.strictEqual(items[0].publisher, 'U.S. Department of State');
    // The edit is in the editor, not saved behind the writer's back.
    assert.strictEqual(editor.document.getText(), DRAFT.replace('tip-report: KHM-2023\n', 'tip-report: KHM-2023\nbibliography: tip-lens.json\n'));
    assert.strictEqual(editor.document.isDirty, true);
    assert.strictEqual(await read(draftUri), DRAFT);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('BibTeX, offer dismissed: the file is written and the draft is left as it was', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draftUri));
    assert.strictEqual(editor.document.getText(), DRAFT);
    const target = vscode.Uri.joinPath(folder, 'tip-lens.bib');
    const done = vscode.commands.executeCommand<WriteBibliographyResult | undefined>('tipLens.writeBibliography', { format: 'bibtex', target: target.toString() });
    let result: WriteBibliographyResult | undefined;
    void done.then((r) => (result = r));
    await waitFor('the offer dismissed', async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return result ?? undefined;
    }, 30_000, 300);
    assert.strictEqual(result?.addedToFrontMatter, false);
    const bib = await read(target);
    assert.match(bib, /^@techreport\{KHM-2023,$/m);
    assert.match(bib, /^@inbook\{R13,$/m);
    assert.match(bib, /institution = \{U\.S\. Department of State\}/);
    assert.strictEqual(editor.document.getText(), DRAFT);
    assert.strictEqual(editor.document.isDirty, false);
  });
});
