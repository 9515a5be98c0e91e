/**
 * The trust model in the client: in an untrusted workspace VS Code withholds the workspace's value
 * of `tipLens.reports` (package.json lists it under restrictedConfigurations), so a repository's
 * .vscode/settings.json cannot point the server at files of its choosing. This says so once, when
 * such a value exists, and re-reads settings when the user grants trust.
 */
import * as vscode from 'vscode';
import { inspectReports } from './config';

function workspaceValueOf(): readonly string[] | undefined {
  const inspected = inspectReports();
  const values = [inspected?.workspaceValue, inspected?.workspaceFolderValue].filter((v): v is string[] => Array.isArray(v) && v.length > 0);
  return values.length ? values.flat() : undefined;
}

/** Tells the user once that the workspace's report setting is ignored; calls `onTrusted` when trust is granted. */
export function watchWorkspaceTrust(output: vscode.OutputChannel, onTrusted: () => void): vscode.Disposable {
  if (!vscode.workspace.isTrusted) {
    const ignored = workspaceValueOf();
    if (ignored) {
      const message = `TIP Lens ignores this workspace's tipLens.reports (${ignored.join(', ')}) until you trust the workspace; the bundled reports and those in your user settings are used.`;
      output.appendLine(`[trust] ${message}`);
      void vscode.window.showInformationMessage(message, 'Manage Workspace Trust').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    }
  }
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    output.appendLine('[trust] workspace trusted: reading tipLens.reports from the workspace too');
    onTrusted();
  });
}
