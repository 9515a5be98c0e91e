import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, completionLabel, openDraft, waitFor } from '../helpers';

suite('snippets', () => {
  suiteSetup(activateExtension);
  suiteTeardown(closeAllEditors);

  test('Markdown offers the brief skeleton, citation and figure snippets', async () => {
    const editor = await openDraft('tip');
    const end = editor.document.lineAt(0).range.end;
    let seen: string[] = [];
    const snippets = await waitFor(
      () => `TIP Lens snippets (saw ${JSON.stringify(seen)})`,
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
        const items = (list?.items ?? []).filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
        seen = items.map(completionLabel);
        return ['tip-brief', 'tip-cite', 'tip-figure'].every((p) => seen.includes(p)) ? items : undefined;
      },
    );
    const brief = snippets.find((i) => completionLabel(i) === 'tip-brief');
    const body = brief?.insertText instanceof vscode.SnippetString ? brief.insertText.value : String(brief?.insertText);
    assert.match(body, /tip-report: \$\{2\|KHM-2023,KHM-2022\|\}/, body);
  });
});
