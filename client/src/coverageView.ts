/** The "TIP Recommendation Coverage" tree in the TIP Lens side bar: R1..Rn of the draft's report, cited ones marked. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, type CoverageItem, type CoverageParams, type CoverageResult } from '../../server/src/protocol';
import { CoverageRequest } from '../../server/src/requests';
import { howToNameReport, isDraft } from './frontMatter';

export const COVERAGE_VIEW = 'tipLens.coverage';

type Node = { kind: 'item'; item: CoverageItem; draft: vscode.Uri } | { kind: 'citation'; item: CoverageItem; draft: vscode.Uri; range: vscode.Range };

export class CoverageView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last draft the user looked at: the tree keeps showing it while a source view or the tree has focus. */
  private draft: vscode.Uri | undefined;
  private result: CoverageResult = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(private readonly client: () => Promise<LanguageClient>) {
    this.view = vscode.window.createTreeView(COVERAGE_VIEW, { treeDataProvider: this, showCollapseAll: false });
    this.disposables.push(
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (isDraft(e?.document)) this.schedule(e.document.uri, 0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.draft && e.document.uri.toString() === this.draft.toString()) this.schedule(this.draft, 400);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (this.draft && doc.uri.toString() === this.draft.toString()) {
          this.draft = undefined;
          this.result = null;
          this.render();
        }
      }),
    );
    const active = vscode.window.activeTextEditor?.document;
    if (isDraft(active)) this.schedule(active.uri, 0);
  }

  private schedule(uri: vscode.Uri, delayMs: number): void {
    this.draft = uri;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(uri).catch(() => undefined), delayMs);
  }

  /** Asks the server for the coverage of `uri` (default: the active draft) and shows it. */
  async refresh(uri?: vscode.Uri): Promise<CoverageResult> {
    const active = vscode.window.activeTextEditor?.document;
    const target = uri ?? (isDraft(active) ? active.uri : this.draft);
    this.draft = target;
    const generation = ++this.generation;
    if (!target) {
      this.result = null;
      this.render();
      return null;
    }
    const client = await this.client();
    const params: CoverageParams = { uri: target.toString() };
    const result = await client.sendRequest(CoverageRequest, params);
    if (generation === this.generation) {
      this.result = result;
      this.render();
    }
    return result;
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${COVERAGE_VIEW}.focus`);
  }

  private render(): void {
    const r = this.result;
    const name = this.draft ? vscode.workspace.asRelativePath(this.draft) : undefined;
    if (!this.draft) {
      this.view.message = undefined; // the welcome view explains what to do
      this.view.description = undefined;
    } else if (!r) {
      this.view.message = `${name} names no TIP report. To name one, ${howToName(this.draft)}; or cite one such as [@KHM-2023/R1], or set tipLens.defaultReport.`;
      this.view.description = undefined;
    } else {
      this.view.message = `${name} cites ${r.cited} of ${r.total} prioritized recommendations of ${r.reportId}.`;
      this.view.description = `${r.reportId} ${r.cited}/${r.total}`;
    }
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const draft = this.draft;
    if (!draft || !this.result) return [];
    if (!node) return this.result.items.map((item) => ({ kind: 'item', item, draft }));
    if (node.kind === 'item') {
      return node.item.citations.map((c) => ({
        kind: 'citation',
        item: node.item,
        draft,
        range: new vscode.Range(c.start.line, c.start.character, c.end.line, c.end.character),
      }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'citation') {
      const t = new vscode.TreeItem(`cited on line ${node.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
      t.iconPath = new vscode.ThemeIcon('references');
      t.command = { command: 'vscode.open', title: 'Go to citation', arguments: [node.draft, { selection: node.range }] };
      return t;
    }
    const { item } = node;
    const t = new vscode.TreeItem(item.key, item.citations.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    t.id = item.anchor;
    t.description = item.text;
    t.iconPath = item.cited
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
      : new vscode.ThemeIcon('circle-large-outline');
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${item.anchor}** — ${item.cited ? 'cited in this draft' : 'not cited in this draft'}\n\n`);
    tip.appendText(item.text);
    t.tooltip = tip;
    t.contextValue = item.cited ? 'tipLens.recommendation.cited' : 'tipLens.recommendation';
    t.accessibilityInformation = { label: `${item.key}, ${item.cited ? 'cited' : 'not cited'}: ${item.text}` };
    t.command = { command: Commands.showSource, title: 'Show Source', arguments: [{ uri: item.sourceUri, range: item.sourceRange }] };
    return t;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}


/** What exactly to write to name a draft's report (front matter in Markdown, one first line in plain text). */
function howToName(draft: vscode.Uri): string {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === draft.toString());
  return howToNameReport(open ? open.languageId === 'plaintext' : /\.txt$/i.test(draft.path), false);
}
