import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, completionLabel, openDraft, waitFor } from '../helpers';

suite('completion', () => {
  suiteSetup(activateExtension);
  suiteTeardown(closeAllEditors);

  test('typing [@scam offers KHM-2023/R1 (fuzzy search over recommendation text)', async () => {
    const editor = await openDraft('Cambodia must act on forced labor [@scam');
    const doc = editor.document;
    const end = doc.lineAt(0).range.end;
    let seen: string[] = [];
    const item = await waitFor(
      () => `a completion for KHM-2023/R1 (got ${JSON.stringify(seen.slice(0, 10))})`,
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end);
        const items = list?.items ?? [];
        seen = items.map(completionLabel);
        const texts = (i: vscode.CompletionItem) => [completionLabel(i), typeof i.insertText === 'string' ? i.insertText : i.insertText?.value, i.filterText];
        return items.find((i) => texts(i).some((s) => s !== undefined && /KHM-2023\/R1(?!\d)/.test(s)));
      },
    );
    assert.ok(item, 'KHM-2023/R1 is offered');
    // Accepting it must produce a well-formed reference.
    const insert = typeof item.insertText === 'string' ? item.insertText : (item.insertText?.value ?? completionLabel(item));
    assert.ok(!insert.includes('@@'), `insert text "${insert}" does not double the @`);
  });
});
