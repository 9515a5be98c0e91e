/**
 * The read-only report source view: a TextDocumentContentProvider for `tip-lens:` URIs
 * (backed by the server's tipLens/reportText) and the Show Source command.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type ReportTextParams, type ReportTextResult, type ShowSourceArgs } from '../../server/src/protocol';
import { ReportTextRequest } from '../../server/src/requests';

export const SCHEME = 'tip-lens';

export class ReportSourceProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: () => Promise<LanguageClient>) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const client = await this.client();
    const params: ReportTextParams = { uri: uri.toString() };
    const result = await client.sendRequest(ReportTextRequest, params, token);
    if (!result) {
      return `TIP Lens has no report for ${uri.toString()}.\n\nLoaded reports come with the extension or from the setting tipLens.reports.\n`;
    }
    return result.text;
  }

  /** Re-read every open source view, e.g. after the server restarted with other reports. */
  refreshOpen(): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === SCHEME) this.changed.fire(doc.uri);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const highlight = vscode.window.createTextEditorDecorationType({
  backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
  borderColor: new vscode.ThemeColor('editor.findMatchHighlightBorder'),
  borderStyle: 'solid',
  borderWidth: '1px',
  overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
  overviewRulerLane: vscode.OverviewRulerLane.Center,
  rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
});

function isRange(v: unknown): v is ShowSourceArgs['range'] {
  const pos = (p: unknown): boolean =>
    typeof p === 'object' && p !== null && typeof (p as { line?: unknown }).line === 'number' && typeof (p as { character?: unknown }).character === 'number';
  return typeof v === 'object' && v !== null && pos((v as { start?: unknown }).start) && pos((v as { end?: unknown }).end);
}

/** Accepts ShowSourceArgs as given by the server (code lens, coverage) or by a hover command link (sometimes wrapped in an array). */
export function asShowSourceArgs(raw: unknown): ShowSourceArgs | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== 'object' || v === null) return undefined;
  const { uri, range } = v as { uri?: unknown; range?: unknown };
  if (typeof uri !== 'string' || !isRange(range)) return undefined;
  return { uri, range };
}

/** Opens the report source read-only, selects and highlights `range` and scrolls it into the middle. */
export async function showSource(args: ShowSourceArgs): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.parse(args.uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  const clamp = (p: { line: number; character: number }) => doc.validatePosition(new vscode.Position(p.line, p.character));
  const range = new vscode.Range(clamp(args.range.start), clamp(args.range.end));
  const editor = await vscode.window.showTextDocument(doc, {
    preview: true,
    selection: new vscode.Selection(range.start, range.end),
    viewColumn: vscode.ViewColumn.Active,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  editor.setDecorations(highlight, range.isEmpty ? [] : [range]);
  return editor;
}

/**
 * Show Source from the command palette (no arguments): the report item under the cursor
 * via Go to Definition, else a pick of the loaded reports.
 */
export async function showSourceInteractive(reports: readonly string[]): Promise<vscode.TextEditor | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const locations =
      (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        editor.document.uri,
        editor.selection.active,
      )) ?? [];
    for (const loc of locations) {
      const uri = 'targetUri' in loc ? loc.targetUri : loc.uri;
      const range = 'targetUri' in loc ? (loc.targetSelectionRange ?? loc.targetRange) : loc.range;
      if (uri.scheme === SCHEME) {
        return showSource({ uri: uri.toString(), range: { start: range.start, end: range.end } });
      }
    }
  }
  if (reports.length === 0) {
    void vscode.window.showInformationMessage('TIP Lens: put the cursor on a reference such as [@KHM-2023/R3] to see its source.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    reports.map((id) => ({ label: id, description: 'TIP report narrative' })),
    { title: 'TIP Lens: Show Source', placeHolder: 'Put the cursor on a reference to jump to it, or pick a report to read' },
  );
  if (!picked) return undefined;
  const origin = { line: 0, character: 0 };
  return showSource({ uri: `${SCHEME}:/${picked.label}.txt`, range: { start: origin, end: origin } });
}
