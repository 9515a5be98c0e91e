/**
 * The read-only report source view: a TextDocumentContentProvider for `tip-lens:` URIs
 * (backed by the server's tipLens/reportText) and the Show Source command.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type ReportTextItem, type ReportTextParams, type ReportTextResult, type ShowSourceArgs } from '../../server/src/protocol';
import { ReportTextRequest } from '../../server/src/requests';

export const SCHEME = 'tip-lens';
/** The language of report texts: package.json turns word wrap on for it, so long paragraphs are read whole. */
export const REPORT_LANGUAGE = 'tip-lens-report';

/** The R-numbers and ¶ numbers citations use, shown before each item without changing the text. */
const itemLabel = vscode.window.createTextEditorDecorationType({
  before: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontWeight: 'bold', margin: '0 0.6em 0 0' },
});

export class ReportSourceProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Where the items of each open report text start, from the server's last answer for that URI. */
  private readonly items = new Map<string, ReportTextItem[]>();

  constructor(private readonly client: () => Promise<LanguageClient>) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const client = await this.client();
    const params: ReportTextParams = { uri: uri.toString() };
    const result = await client.sendRequest(ReportTextRequest, params, token);
    if (!result) {
      this.items.delete(uri.toString());
      return `TIP Lens has no report for ${uri.toString()}.\n\nLoaded reports come with the extension or from the setting tipLens.reports.\n`;
    }
    this.items.set(uri.toString(), result.items ?? []);
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) this.decorate(editor);
    return result.text;
  }

  /** A report text in view: its language (word wrap) and its R-numbers and ¶ numbers. */
  async present(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
    if (doc.uri.scheme !== SCHEME || doc.languageId === REPORT_LANGUAGE) return doc;
    return vscode.languages.setTextDocumentLanguage(doc, REPORT_LANGUAGE);
  }

  decorate(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== SCHEME) return;
    const items = this.items.get(editor.document.uri.toString()) ?? [];
    editor.setDecorations(
      itemLabel,
      items.map((i) => {
        const at = editor.document.validatePosition(new vscode.Position(i.range.start.line, i.range.start.character));
        return { range: new vscode.Range(at, at), hoverMessage: i.title, renderOptions: { before: { contentText: i.label } } };
      }),
    );
  }

  /** Keeps every report text shown with its language and labels, however it was opened (Show Source, a related location, Go to Definition). */
  watch(): vscode.Disposable {
    const onEditors = (editors: readonly vscode.TextEditor[]) => {
      for (const e of editors) {
        if (e.document.uri.scheme !== SCHEME) continue;
        if (e.document.languageId !== REPORT_LANGUAGE) void this.present(e.document);
        this.decorate(e);
      }
    };
    onEditors(vscode.window.visibleTextEditors);
    return vscode.window.onDidChangeVisibleTextEditors(onEditors);
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
export async function showSource(args: ShowSourceArgs, sources?: ReportSourceProvider): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.parse(args.uri);
  let doc = await vscode.workspace.openTextDocument(uri);
  if (sources) doc = await sources.present(doc);
  const clamp = (p: { line: number; character: number }) => doc.validatePosition(new vscode.Position(p.line, p.character));
  const range = new vscode.Range(clamp(args.range.start), clamp(args.range.end));
  const editor = await vscode.window.showTextDocument(doc, {
    preview: true,
    selection: new vscode.Selection(range.start, range.end),
    viewColumn: vscode.ViewColumn.Active,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  editor.setDecorations(highlight, range.isEmpty ? [] : [range]);
  sources?.decorate(editor);
  return editor;
}

/**
 * Show Source from the command palette (no arguments): the report item under the cursor
 * via Go to Definition, else a pick of the loaded reports.
 */
export async function showSourceInteractive(reports: readonly string[], sources?: ReportSourceProvider): Promise<vscode.TextEditor | undefined> {
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
        return showSource({ uri: uri.toString(), range: { start: range.start, end: range.end } }, sources);
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
  return showSource({ uri: `${SCHEME}:/${picked.label}.txt`, range: { start: origin, end: origin } }, sources);
}
