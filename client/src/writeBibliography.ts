/**
 * TIP Lens: Write Bibliography…: asks for CSL JSON or BibTeX, asks where to save (the draft's folder by
 * default), writes what the server exports (tipLens/bibliography: the loaded reports, their items, and the
 * draft's short keys), then offers to name the file in the draft's front matter. That is an edit of the
 * open draft that the writer picks in a quick pick and then sees in the editor (unsaved, undoable):
 * nothing is added to the draft without it.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { BibliographyParams } from '../../server/src/protocol';
import { BibliographyRequest } from '../../server/src/requests';
import { bibliographyEdit } from './bibliographyFrontMatter';
import { isDraft } from './frontMatter';

export interface WriteBibliographyOptions {
  /** Skip the format quick pick. */
  format?: 'csl-json' | 'bibtex';
  /** Skip the save dialog: the file to write (a URI string). */
  target?: string;
}

export interface WriteBibliographyResult {
  uri: string;
  entries: number;
  /** True when the front matter edit was offered, picked and applied. */
  addedToFrontMatter: boolean;
}

const FORMATS = [
  { label: 'CSL JSON', description: '.json — pandoc --citeproc, Zotero, most reference managers', format: 'csl-json' as const },
  { label: 'BibTeX', description: '.bib — LaTeX, pandoc, Zotero, JabRef', format: 'bibtex' as const },
];

export async function writeBibliography(client: LanguageClient, options: WriteBibliographyOptions = {}): Promise<WriteBibliographyResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const draft = isDraft(editor?.document) ? editor!.document : undefined;
  const format =
    options.format ??
    (await vscode.window.showQuickPick(FORMATS, { title: 'TIP Lens: Write Bibliography', placeHolder: 'Format of the bibliography of the loaded TIP reports' }))?.format;
  if (!format) return undefined;
  const params: BibliographyParams = { format, ...(draft ? { uri: draft.uri.toString() } : {}) };
  const result = await client.sendRequest(BibliographyRequest, params);
  let target = options.target ? vscode.Uri.parse(options.target) : undefined;
  if (!target) {
    const folder = draft?.uri.scheme === 'file' ? vscode.Uri.joinPath(draft.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `tip-lens${result.extension}`;
    target = await vscode.window.showSaveDialog({
      title: 'TIP Lens: Write Bibliography',
      saveLabel: 'Write Bibliography',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'csl-json' ? { 'CSL JSON': ['json'] } : { BibTeX: ['bib'] },
    });
    if (!target) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  const written: WriteBibliographyResult = { uri: target.toString(), entries: result.entries, addedToFrontMatter: false };
  // pandoc reads `bibliography:` in Markdown front matter, relative to the draft.
  if (!draft || draft.languageId !== 'markdown' || draft.uri.scheme !== 'file' || target.scheme !== 'file') {
    void vscode.window.showInformationMessage(`TIP Lens: wrote ${result.entries} entries to ${vscode.workspace.asRelativePath(target)}.`);
    return written;
  }
  const relative = path.relative(path.dirname(draft.uri.fsPath), target.fsPath).split(path.sep).join('/');
  const edit = bibliographyEdit(draft.getText(), relative);
  if (!edit) {
    void vscode.window.showInformationMessage(`TIP Lens: wrote ${result.entries} entries to ${relative}; the draft's front matter names it already.`);
    return written;
  }
  const version = draft.version;
  const choice = await vscode.window.showQuickPick(
    [
      { label: `Add "bibliography: ${relative}" to the front matter`, description: 'an edit you see in the draft; undo removes it', add: true },
      { label: 'Not now', description: `the file is written; pandoc needs --bibliography ${relative}`, add: false },
    ],
    { title: `TIP Lens: wrote ${result.entries} entries to ${relative}`, placeHolder: 'Name it in the draft so pandoc --citeproc finds it?' },
  );
  if (!choice?.add) return written;
  if (draft.version !== version) {
    void vscode.window.showInformationMessage('TIP Lens: the draft changed meanwhile; run Write Bibliography again to add it to the front matter.');
    return written;
  }
  const we = new vscode.WorkspaceEdit();
  we.replace(draft.uri, new vscode.Range(draft.positionAt(edit.start), draft.positionAt(edit.end)), edit.text);
  written.addedToFrontMatter = await vscode.workspace.applyEdit(we);
  if (written.addedToFrontMatter) await vscode.window.showTextDocument(draft);
  return written;
}
