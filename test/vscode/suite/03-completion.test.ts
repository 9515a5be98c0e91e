import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, browser, closeAllEditors, completionLabel, hasBrowser, openDraft, waitFor } from '../helpers';

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

/**
 * Completion as a person types it, one key at a time in the real browser, with VS Code's Markdown defaults
 * (quick suggestions off, `[` closed automatically): after `@` the list opens, and it must stay open and
 * re-ranked through every letter, the wanted item first.
 */
suite('completion while typing', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  const FIRST_ROW = '.editor-widget.suggest-widget.visible .monaco-list-row[data-index="0"]';

  async function typeAndWatch(prefix: string, keys: string, wanted: RegExp): Promise<string[]> {
    const editor = await openDraft(prefix);
    const end = editor.document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    const seen: string[] = [];
    let last = '';
    await browser({ type: keys.slice(0, 2), delay: 120 }); // `[` (closed automatically) and `@`, which opens the list
    for (const key of keys.slice(2)) {
      await browser({ type: key });
      const row = await waitFor(
        () => `the suggest list to stay open after typing "${key}" (first rows seen so far: ${JSON.stringify(seen)})`,
        async () => (await browser({ probe: FIRST_ROW })).texts?.[0],
        5_000,
        100,
      );
      seen.push(`${key}: ${row}`);
      last = row;
    }
    // The answer to the last letter may still be on its way: the list settles with the wanted item first.
    last = await waitFor(
      () => `the first item to be ${wanted} after the whole word (rows seen: ${JSON.stringify(seen)}; last: ${last})`,
      async () => {
        last = (await browser({ probe: FIRST_ROW })).texts?.[0] ?? '';
        return wanted.test(last) ? last : undefined;
      },
      5_000,
      100,
    );
    assert.match(last, wanted);
    assert.equal(editor.document.lineAt(0).text, `${prefix}${keys}]`, 'the bracket closed itself and the typed key sits inside it');
    await browser({ press: 'Escape' });
    return seen;
  }

  test('typing [@scam key by key keeps the list open, KHM-2023/R1 first', async function () {
    if (!hasBrowser()) return this.skip();
    await typeAndWatch('Cambodia must act on forced labor in scam compounds ', '[@scam', /^R1 · Investigate and prosecute traffickers/);
  });

  test('typing [@restitution key by key keeps the list open, KHM-2023/R13 first', async function () {
    if (!hasBrowser()) return this.skip();
    await typeAndWatch('Courts should compensate victims ', '[@restitution', /^R13 · Allow restitution/);
  });
});
