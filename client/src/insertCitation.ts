/** Insert Citation: a quick pick over recommendations and paragraphs, searched by the server as the user types. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type SearchItem, type SearchItemsParams, type SearchItemsResult } from '../../server/src/protocol';
import { SearchItemsRequest } from '../../server/src/requests';

interface CitationPick extends vscode.QuickPickItem {
  item: SearchItem;
}

export interface InsertCitationOptions {
  /** Text to start the search with (the palette opens empty). */
  query?: string;
}

const DEBOUNCE_MS = 120;

/** Resolves with the inserted citation, or undefined when the user cancels. */
export async function insertCitation(client: LanguageClient, options: InsertCitationOptions = {}): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('TIP Lens: open a draft to insert a citation into.');
    return undefined;
  }
  const docUri = editor.document.uri.toString();
  const pick = vscode.window.createQuickPick<CitationPick>();
  pick.title = 'TIP Lens: Insert Citation';
  pick.placeholder = 'Type a few words of a recommendation or paragraph, e.g. "scam operations"';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.value = options.query ?? '';

  let pending: vscode.CancellationTokenSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const search = (query: string): void => {
    pending?.cancel();
    const cts = (pending = new vscode.CancellationTokenSource());
    pick.busy = true;
    const params: SearchItemsParams = { query, uri: docUri, limit: 50 };
    client.sendRequest(SearchItemsRequest, params, cts.token).then(
      (items) => {
        if (cts.token.isCancellationRequested) return;
        // The server ranks with fuzzy search; alwaysShow keeps the quick pick's own filter from hiding its matches.
        pick.items = (items ?? []).map((item) => ({
          label: item.label,
          description: item.citation,
          detail: item.detail ? `${item.detail} — ${item.text}` : item.text,
          alwaysShow: true,
          item,
        }));
        pick.busy = false;
      },
      (err: unknown) => {
        if (cts.token.isCancellationRequested) return;
        pick.busy = false;
        client.warn(`tipLens/searchItems failed: ${String(err)}`, undefined, false);
      },
    );
  };

  return new Promise<string | undefined>((resolve) => {
    let done = false;
    let accepted = false;
    const finish = (value: string | undefined): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      pending?.cancel();
      resolve(value);
      pick.dispose();
    };
    pick.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => search(value), DEBOUNCE_MS);
    });
    pick.onDidAccept(async () => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (!chosen) return; // nothing to insert yet: keep the pick open
      const citation = chosen.item.citation;
      accepted = true;
      pick.hide();
      const ok = await editor.edit((b) => {
        for (const sel of editor.selections) b.replace(sel, spaced(editor.document, sel, citation));
      });
      finish(ok ? citation : undefined);
    });
    pick.onDidHide(() => {
      if (!accepted) finish(undefined);
    });
    pick.show();
    search(pick.value);
  });
}

/** `month [@KHM-2022/prosecution.1].`: a citation typed right after a word gets a space before it. */
export function spaced(doc: vscode.TextDocument, at: vscode.Range, citation: string): string {
  if (at.start.character === 0) return citation;
  const before = doc.getText(new vscode.Range(at.start.translate(0, -1), at.start));
  return /[\p{L}\p{N}.,;:!?)\]"'”’]/u.test(before) ? ` ${citation}` : citation;
}
