/**
 * The client's one reader of the `tipLens.*` settings: every key is read with the scope package.json
 * declares for it (settingsSchema.ts), and validated and defaulted exactly as the server does
 * (server/src/service/settings.ts). No default is restated here.
 */
import * as vscode from 'vscode';
import { validateSettings, type TipLensSettings } from '../../server/src/service/settings';
import { rawSettings, readForResource, SECTION, SETTINGS, type SettingKey } from './settingsSchema';

/** The configuration to read `key` from: for the resource (or any resource) when the key is resource-scoped, else the window's. */
function sectionFor(key: SettingKey, resource?: vscode.Uri): vscode.WorkspaceConfiguration {
  return readForResource(SETTINGS[key].scope) ? vscode.workspace.getConfiguration(SECTION, resource ?? null) : vscode.workspace.getConfiguration(SECTION);
}

/** One setting's raw value as VS Code resolves it (unvalidated). */
function read(key: SettingKey, resource?: vscode.Uri): unknown {
  return sectionFor(key, resource).get(key);
}

/** The settings that apply to `resource` (a document or folder; none: any resource), validated. */
export function settingsFor(resource?: vscode.Uri): TipLensSettings {
  return validateSettings(rawSettings((key) => read(key, resource))).settings;
}

/** Where `tipLens.reports` is set, for the trust notice and Import Report (the folder's value only with a folder). */
export function inspectReports(folder?: vscode.Uri) {
  return vscode.workspace.getConfiguration(SECTION, folder).inspect<string[]>('reports');
}

/** Writes `tipLens.reports` to the workspace folder's settings (or the workspace's, without a folder). */
export function updateReports(value: string[], folder?: vscode.Uri): Thenable<void> {
  return vscode.workspace.getConfiguration(SECTION, folder).update('reports', value, folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace);
}
