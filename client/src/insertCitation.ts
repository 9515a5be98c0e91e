/** Insert Citation: a quick pick over recommendations and paragraphs, searched by the server as the user types. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type SearchItem, type SearchItemsParams } from '../../server/src/protocol';
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
  const pick = citationPick(options.query ?? '');
  const search = new CitationSearch(client, pick, editor.document.uri.toString());
  return new Promise<string | undefined>((resolve) => {
    let done = false;
    let accepted = false;
    const finish = (value: string | undefined): void => {
      if (done) return;
      done = true;
      search.stop();
      resolve(value);
      pick.dispose();
    };
    pick.onDidChangeValue((value) => search.soon(value));
    pick.onDidAccept(async () => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (!chosen) return; // nothing to insert yet: keep the pick open
      const citation = chosen.item.citation;
      accepted = true;
      pick.hide();
      finish((await insertAtSelections(editor, citation)) ? citation : undefined);
    });
    pick.onDidHide(() => {
      if (!accepted) finish(undefined);
    });
    pick.show();
    search.now(pick.value);
  });
}

function citationPick(query: string): vscode.QuickPick<CitationPick> {
  const pick = vscode.window.createQuickPick<CitationPick>();
  pick.title = 'TIP Lens: Insert Citation';
  pick.placeholder = 'Type a few words of a recommendation or paragraph, e.g. "scam operations"';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.value = query;
  return pick;
}

/** The citation at every selection of the editor (a space before it after a word); whether the edit was made. */
function insertAtSelections(editor: vscode.TextEditor, citation: string): Thenable<boolean> {
  return editor.edit((b) => {
    for (const sel of editor.selections) b.replace(sel, spaced(editor.document, sel, citation));
  });
}

/** The server's search (tipLens/searchItems) behind the quick pick: one request at a time, the one before cancelled; typing debounced. */
class CitationSearch {
  private pending: vscode.CancellationTokenSource | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly pick: vscode.QuickPick<CitationPick>,
    private readonly docUri: string,
  ) {}

  /** Searches once typing pauses. */
  soon(query: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.now(query), DEBOUNCE_MS);
  }

  now(query: string): void {
    this.pending?.cancel();
    const cts = (this.pending = new vscode.CancellationTokenSource());
    this.pick.busy = true;
    const params: SearchItemsParams = { query, uri: this.docUri, limit: 50 };
    this.client.sendRequest(SearchItemsRequest, params, cts.token).then(
      (items) => {
        if (cts.token.isCancellationRequested) return;
        // The server ranks with fuzzy search; alwaysShow keeps the quick pick's own filter from hiding its matches.
        this.pick.items = (items ?? []).map((item) => ({
          label: item.label,
          description: item.citation,
          detail: item.detail ? `${item.detail} — ${item.text}` : item.text,
          alwaysShow: true,
          item,
        }));
        this.pick.busy = false;
      },
      (err: unknown) => {
        if (cts.token.isCancellationRequested) return;
        this.pick.busy = false;
        this.client.warn(`tipLens/searchItems failed: ${String(err)}`, undefined, false);
      },
    );
  }

  /** No search to come: the debounce timer cleared, the request in flight cancelled. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending?.cancel();
  }
}

/** `month [@KHM-2022/prosecution.1].`: a citation typed right after a word gets a space before it. */
export function spaced(doc: vscode.TextDocument, at: vscode.Range, citation: string): string {
  if (at.start.character === 0) return citation;
  const before = doc.getText(new vscode.Range(at.start.translate(0, -1), at.start));
  return /[\p{L}\p{N}.,;:!?)\]"'”’]/u.test(before) ? ` ${citation}` : citation;
}
