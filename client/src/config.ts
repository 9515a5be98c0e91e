/**
 * The client's view of the `tipLens.*` settings: the same typed object, validation and defaults
 * as the server's (server/src/service/settings.ts), read for one document's scope. No default is
 * restated here; a wrong-typed value falls back exactly as it does in the server.
 */
import * as vscode from 'vscode';
import { validateSettings, type TipLensSettings } from '../../server/src/service/settings';

const KEYS = ['enable', 'defaultReport', 'reports', 'severity', 'trace', 'fullCheck'] as const satisfies readonly (keyof TipLensSettings)[];

/** The settings that apply to `scope` (a document or folder), validated. */
export function settingsFor(scope?: vscode.Uri): TipLensSettings {
  const section = vscode.workspace.getConfiguration('tipLens', scope);
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) raw[key] = section.get(key);
  return validateSettings(raw).settings;
}
