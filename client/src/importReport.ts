/**
 * TIP Lens: Import Report… — pick a saved State Department page, a TIP Report PDF or a text; pick a
 * folder (default tip-reports/ in the workspace); the language server imports it (tipLens/importReport,
 * the same importer as `tip-lens kb import`); then, after the user agrees, the folder is added to
 * tipLens.reports in the workspace settings, so the imported reports load like the bundled ones.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ImportReportParams, ImportReportResult } from '../../server/src/protocol';
import { ImportReportRequest } from '../../server/src/requests';
import { inspectReports, updateReports } from './config';

/** For tests and other extensions: what the pickers and prompts would otherwise ask. */
export interface ImportReportOptions {
  file?: string;
  folder?: string;
  country?: string;
  edition?: number;
  force?: boolean;
  /** true: add the folder to tipLens.reports without asking; false: leave the settings alone. */
  addToSettings?: boolean;
}

export interface ImportReportOutcome {
  written: string[];
  problems: string[];
  skipped?: string[];
  folder: string;
  /** The value tipLens.reports was given, if it was changed. */
  settingAdded?: string[];
}

const DEFAULT_FOLDER = 'tip-reports';

async function pickFile(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import a TIP Report narrative',
    openLabel: 'Import',
    canSelectMany: false,
    filters: { 'TIP Report pages, PDFs and texts': ['html', 'htm', 'pdf', 'txt'], 'All files': ['*'] },
  });
  return picked?.[0]?.fsPath;
}

async function pickFolder(): Promise<string | undefined> {
  const ws = vscode.workspace.workspaceFolders?.[0];
  const choose = async () => (await vscode.window.showOpenDialog({ title: 'Folder for the imported reports', openLabel: 'Import Here', canSelectFiles: false, canSelectFolders: true, canSelectMany: false }))?.[0]?.fsPath;
  if (!ws) return choose();
  const fallback = path.join(ws.uri.fsPath, DEFAULT_FOLDER);
  const other = 'Choose another folder…';
  const picked = await vscode.window.showQuickPick([{ label: `${DEFAULT_FOLDER}/`, description: `in ${ws.name} (created if missing)` }, { label: other }], { title: 'Where should the imported reports go?' });
  if (!picked) return undefined;
  return picked.label === other ? choose() : fallback;
}

/** What a problem asks the user for, if it can be answered here: the country, the edition, or leave to replace. */
async function answer(problems: string[], params: ImportReportParams): Promise<ImportReportParams | undefined> {
  const text = problems.join('\n');
  if (/pass --country/.test(text)) {
    const suggested = /pass --country "([^"=]+)=ISO3"/.exec(text)?.[1];
    const country = await vscode.window.showInputBox({ title: 'Which country is this narrative about?', prompt: `${problems[0]}\nA country name or ISO3 code (for a country outside the table: NAME=ISO3).`, value: suggested ? `${suggested}=` : '' });
    return country ? { ...params, country } : undefined;
  }
  if (/pass --edition/.test(text)) {
    const edition = await vscode.window.showInputBox({ title: 'Which edition of the TIP Report is this?', prompt: problems[0], validateInput: (v) => (/^(19|20)\d\d$/.test(v.trim()) ? undefined : 'A year such as 2023') });
    return edition ? { ...params, edition: Number(edition.trim()) } : undefined;
  }
  if (/pass --force/.test(text)) {
    const replace = await vscode.window.showWarningMessage(problems[0].replace(/; pass --force.*$/, '.'), { modal: true }, 'Replace');
    return replace ? { ...params, force: true } : undefined;
  }
  return undefined;
}

export async function importReport(client: LanguageClient, options: ImportReportOptions, restart: () => Promise<void>): Promise<ImportReportOutcome | undefined> {
  const file = options.file ?? (await pickFile());
  if (!file) return undefined;
  const folder = options.folder ?? (await pickFolder());
  if (!folder) return undefined;
  let params: ImportReportParams = { file, out: folder, country: options.country, edition: options.edition, force: options.force };
  let result: ImportReportResult;
  for (;;) {
    const p = params;
    result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `TIP Lens: importing ${path.basename(file)}…` }, () => client.sendRequest(ImportReportRequest, p));
    if (!result.problems.length) break;
    // Scripted runs (options given) do not prompt: they get the problems back.
    const next = options.file ? undefined : await answer(result.problems, params);
    if (!next) {
      void vscode.window.showErrorMessage(`TIP Lens: nothing imported. ${result.problems.join(' ')}`);
      return { written: [], problems: result.problems, folder };
    }
    params = next;
  }
  const ids = result.written.map((w) => w.id);
  if (result.skipped?.length) void vscode.window.showWarningMessage(`TIP Lens: ${result.skipped.length} narrative${result.skipped.length === 1 ? '' : 's'} of ${path.basename(file)} not imported: ${result.skipped.join(' ')}`);
  const outcome: ImportReportOutcome = { written: ids, problems: [], skipped: result.skipped ?? [], folder };
  // The folder as tipLens.reports would name it: relative to the workspace folder when inside it.
  const ws = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folder));
  const entry = ws ? path.relative(ws.uri.fsPath, folder).split(path.sep).join('/') || '.' : folder;
  const current = inspectReports(ws?.uri)?.workspaceValue ?? [];
  const listed = current.some((p) => path.resolve(ws?.uri.fsPath ?? '', p) === path.resolve(folder));
  const summary = `Imported ${ids.length} report${ids.length === 1 ? '' : 's'} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}) into ${entry}.`;
  if (listed) {
    // The setting already names the folder: the server reads the new files on a restart.
    await restart();
    void vscode.window.showInformationMessage(`TIP Lens: ${summary}`);
    return outcome;
  }
  const value = [...current, entry];
  let add = options.addToSettings;
  if (add === undefined) {
    const choice = await vscode.window.showInformationMessage(`TIP Lens: ${summary} Add "${entry}" to tipLens.reports in the workspace settings, so TIP Lens loads them?`, { modal: true, detail: `"tipLens.reports": ${JSON.stringify(value)}` }, 'Add to Settings');
    add = choice === 'Add to Settings';
  }
  if (add && !vscode.workspace.isTrusted) {
    // An untrusted workspace's tipLens.reports is not read (see the README's trust model): say so instead of writing a setting that does nothing.
    void vscode.window.showWarningMessage(`TIP Lens: ${summary} This workspace is not trusted, so its tipLens.reports is not read; trust it, or add "${folder}" to tipLens.reports in your user settings.`);
    return outcome;
  }
  if (add) {
    await updateReports(value, ws?.uri);
    outcome.settingAdded = value;
    void vscode.window.showInformationMessage(`TIP Lens: tipLens.reports is now ${JSON.stringify(value)}.`, 'Open Settings').then((c) => c && vscode.commands.executeCommand('workbench.action.openWorkspaceSettingsFile'));
  } else void vscode.window.showInformationMessage(`TIP Lens: ${summary} Add "${entry}" to tipLens.reports to load them.`);
  return outcome;
}
