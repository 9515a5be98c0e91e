/**
 * Check Workspace: every Markdown/text file of the workspace into the Problems panel.
 * Open documents are the server's business (pull diagnostics); this collection only
 * holds files that are not open, and drops a file's entry as soon as it is opened.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type CheckDocumentParams, type CheckDocumentResult } from '../../server/src/protocol';
import { CheckDocumentRequest } from '../../server/src/requests';

const GLOB = '**/*.{md,markdown,txt}';
const EXCLUDE = '{**/node_modules/**,**/.git/**}';
/** Same limit the server applies to huge inputs: larger files are skipped, not read. */
const MAX_BYTES = 10 * 1024 * 1024;

export interface CheckWorkspaceSummary {
  files: number;
  skipped: number;
  /** Problems of the unopened files (shown by this check) … */
  problems: number;
  filesWithProblems: number;
  /** … and of the open drafts (the server's own diagnostics). */
  openProblems: number;
  openFilesWithProblems: number;
}

/** `12 problems in 3 files (2 unopened), 1 skipped …`: the total first. */
export function describeSummary(s: CheckWorkspaceSummary): string {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const total = s.problems + s.openProblems;
  const withProblems = s.filesWithProblems + s.openFilesWithProblems;
  const where = total === 0 ? 'no problems' : `${plural(total, 'problem')} in ${plural(withProblems, 'file')} (${s.filesWithProblems} unopened, ${s.openFilesWithProblems} open)`;
  const skipped = s.skipped ? `; ${s.skipped} skipped (unreadable or over 10 MB)` : '';
  return `TIP Lens checked ${plural(s.files, 'file')}: ${where}${skipped}.`;
}

export class WorkspaceChecker implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('tip-lens-workspace');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];

  constructor(private readonly client: () => Promise<LanguageClient>) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.diagnostics.delete(doc.uri)),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.diagnostics.delete(uri))),
    );
  }

  async run(): Promise<CheckWorkspaceSummary> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'TIP Lens: checking workspace', cancellable: true },
      (progress, token) => this.check(progress, token),
    );
  }

  private async check(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<CheckWorkspaceSummary> {
    const client = await this.client();
    const uris = await vscode.workspace.findFiles(GLOB, EXCLUDE, undefined, token);
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const summary: CheckWorkspaceSummary = { files: 0, skipped: 0, problems: 0, filesWithProblems: 0, openProblems: 0, openFilesWithProblems: 0 };
    const decoder = new TextDecoder('utf-8');
    this.diagnostics.clear();
    const step = uris.length > 0 ? 100 / uris.length : 100;
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      progress.report({ message: vscode.workspace.asRelativePath(uri), increment: step });
      if (open.has(uri.toString())) {
        summary.files++; // the server already checks it; its problems are in the panel
        const own = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tip-lens' && d.severity !== vscode.DiagnosticSeverity.Hint).length;
        summary.openProblems += own;
        if (own > 0) summary.openFilesWithProblems++;
        continue;
      }
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_BYTES) {
          summary.skipped++;
          continue;
        }
        const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
        const params: CheckDocumentParams = { uri: uri.toString(), text, languageId: /\.txt$/i.test(uri.path) ? 'plaintext' : 'markdown' };
        const found = await client.sendRequest(CheckDocumentRequest, params, token);
        summary.files++;
        // It may have been opened while we were reading it: then the server's own diagnostics apply.
        if (!found || found.length === 0 || vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) continue;
        const diags = await client.protocol2CodeConverter.asDiagnostics(found, token);
        this.diagnostics.set(uri, diags);
        summary.problems += diags.length;
        summary.filesWithProblems++;
      } catch (err) {
        if (token.isCancellationRequested) break;
        summary.skipped++;
        client.warn(`Check Workspace: ${uri.toString()}: ${err instanceof Error ? err.message : String(err)}`, undefined, false);
      }
    }
    return summary;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
