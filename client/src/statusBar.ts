/** Status bar item: the active draft's default report and its TIP Lens problem count; click for coverage. */
import * as vscode from 'vscode';
import { settingsFor } from './config';
import { Commands } from '../../server/src/protocol';
import { defaultReportOf, howToNameReport, isDraft } from './frontMatter';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tipLens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private serverState: 'starting' | 'running' | 'stopped' = 'starting';

  constructor() {
    this.item.name = 'TIP Lens';
    this.item.command = Commands.showCoverage;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Only the first lines can change the front matter.
        if (e.document === vscode.window.activeTextEditor?.document && e.contentChanges.some((c) => c.range.start.line < 200)) this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tipLens')) this.update();
      }),
    );
    this.update();
  }

  setServerState(state: 'starting' | 'running' | 'stopped'): void {
    this.serverState = state;
    this.update();
  }

  /** What the item shows now (also used by the tests). */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!isDraft(doc) || !settingsFor(doc.uri).enable) {
      this.item.hide();
      return;
    }
    const report = defaultReportOf(doc);
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'tip-lens');
    const errors = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const problems = ours.filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).length;
    const label = report.id ?? 'no report';
    const icon = this.serverState === 'stopped' ? '$(debug-disconnect)' : this.serverState === 'starting' ? '$(loading~spin)' : '$(law)';
    const count = problems === 0 ? '$(check)' : `${errors > 0 ? '$(error)' : '$(warning)'} ${problems}`;
    this.item.text = `${icon} ${label} ${count}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown('**TIP Lens**\n\n');
    tip.appendMarkdown(
      report.id
        ? `Default report: **${report.id}** (from ${report.from === 'front matter' ? 'the `tip-report:` front matter' : 'the setting `tipLens.defaultReport`'}); \`[@R3]\` means \`[@${report.id}/R3]\`.\n\n`
        : `No default report: ${howToNameReport(doc.languageId === 'plaintext')}, or set \`tipLens.defaultReport\`, to use short references such as \`[@R3]\`.\n\n`,
    );
    tip.appendMarkdown(`${problems} problem${problems === 1 ? '' : 's'} in this draft${errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}.`);
    if (this.serverState === 'stopped') tip.appendMarkdown('\n\nThe language server is not running: see the "TIP Lens" output.');
    tip.appendMarkdown('\n\nClick for the recommendation coverage.');
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `TIP Lens: report ${label}, ${problems} problems` };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
