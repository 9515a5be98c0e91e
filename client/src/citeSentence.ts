/**
 * Cite This Sentence: asks the server (tipLens/citeSentence) which report item best supports the sentence
 * at the cursor and inserts its citation before the sentence's closing punctuation. Two close items: a
 * quick pick between them (or the first, when the caller passes `{ pick: 'first' }`).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CiteCandidate, CiteSentenceParams } from '../../server/src/protocol';
import { CiteSentenceRequest } from '../../server/src/requests';

export interface CiteSentenceOptions {
  /** 'first': take the best candidate without asking (tests, keybindings). */
  pick?: 'first' | 'ask';
}

/** Resolves with the inserted text (" [@KHM-2023/R13]"), or undefined when nothing was inserted. */
export async function citeSentence(client: LanguageClient, options: CiteSentenceOptions = {}): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('TIP Lens: open a draft and put the cursor in a sentence to cite it.');
    return undefined;
  }
  const doc = editor.document;
  const version = doc.version;
  const params: CiteSentenceParams = { uri: doc.uri.toString(), position: client.code2ProtocolConverter.asPosition(editor.selection.active) };
  const result = await client.sendRequest(CiteSentenceRequest, params);
  if (!result || result.candidates.length === 0) {
    void vscode.window.showInformationMessage('TIP Lens: no report item clearly supports this sentence.');
    return undefined;
  }
  let chosen: CiteCandidate | undefined = result.candidates[0];
  if (result.candidates.length > 1 && options.pick !== 'first') {
    const picked = await vscode.window.showQuickPick(
      result.candidates.map((c) => ({ label: c.insertText.trim(), description: c.detail, detail: c.label, candidate: c })),
      { title: 'TIP Lens: Cite This Sentence', placeHolder: 'Two items support this sentence about as well: pick one' },
    );
    chosen = picked?.candidate;
  }
  if (!chosen) return undefined;
  if (doc.version !== version) {
    void vscode.window.showInformationMessage('TIP Lens: the draft changed meanwhile; run Cite This Sentence again.');
    return undefined;
  }
  const at = client.protocol2CodeConverter.asPosition(result.insertAt);
  const ok = await editor.edit((b) => b.insert(at, chosen!.insertText));
  return ok ? chosen.insertText : undefined;
}
