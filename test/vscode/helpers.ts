import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TipLensApi } from '../../client/src/extension';

export const EXTENSION_ID = 'tip-lens.tip-lens';

/** Polls `probe` every `intervalMs` until it returns something other than undefined; fails with `what` and the last value seen. */
export async function waitFor<T>(what: string | (() => string), probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : lastError !== undefined ? `: ${String(lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function activateExtension(): Promise<TipLensApi> {
  const ext = vscode.extensions.getExtension<TipLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await api.ready();
  return api;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (run with --workspace test/vscode/workspace)');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split(path.posix.sep));
}

export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(doc);
}

/**
 * An untitled Markdown draft (diagnosed like a file; nothing is written to disk), holding `content`.
 *
 * VS Code names it after the first free Untitled-N, often the name of a draft closeAllEditors just reverted
 * and closed. That draft's hot-exit backup (written once it was dirty for a second) is discarded
 * asynchronously, and an untitled document prefers a backup of its name to the content it is given: when the
 * discard is late, the new draft opens with the old draft's text (and the server is told so in didOpen).
 * The text is then replaced, so every test sees the draft it asked for.
 */
export async function openDraft(content: string, language = 'markdown'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(doc);
  if (doc.getText() !== content) {
    console.log(`[openDraft] ${doc.uri.toString()} opened with a stale backup's text; replacing it with the draft's`);
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    if (!(await editor.edit((b) => b.replace(all, content))) || doc.getText() !== content) throw new Error(`${doc.uri.toString()} does not hold the draft's text`);
  }
  return editor;
}

export async function closeAllEditors(): Promise<void> {
  // Revert first so untitled drafts close without a save prompt.
  for (let i = 0; i < 50 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (!vscode.window.activeTextEditor) break;
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Position of the `nth` occurrence of `needle` in the document, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not found in ${doc.uri.toString()}`);
  }
  return doc.positionAt(at + offset);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function tipLensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tip-lens');
}

/** Waits until the document has a TIP Lens diagnostic with `code` (and passing `filter`), and returns it. */
export function waitForDiagnostic(uri: vscode.Uri, code: string, filter: (d: vscode.Diagnostic) => boolean = () => true, timeoutMs = 20_000): Promise<vscode.Diagnostic> {
  return waitFor(
    () => `a ${code} diagnostic on ${uri.toString()} (have: ${describeDiagnostics(uri)})`,
    () => tipLensDiagnostics(uri).find((d) => codeOf(d) === code && filter(d)),
    timeoutMs,
  );
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return 'none';
  return all.map((d) => `${d.source}:${codeOf(d)}@${d.range.start.line}:${d.range.start.character} ${vscode.DiagnosticSeverity[d.severity]}`).join(', ');
}

export function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** Hover texts at `pos`, retried until one satisfies `accept` (the server may still be starting). */
export function hoverTextsAt(uri: vscode.Uri, pos: vscode.Position, accept: (texts: string[]) => boolean = (t) => t.length > 0): Promise<string[]> {
  let last: string[] = [];
  return waitFor(
    () => `a hover at ${pos.line}:${pos.character} (last: ${JSON.stringify(last)})`,
    async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
      last = hovers.map(hoverText).filter((t) => t.trim().length > 0);
      return accept(last) ? last : undefined;
    },
  );
}

export function completionLabel(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tipLens').update(key, value, vscode.ConfigurationTarget.Global);
}

/** What the runner's browser channel answers (scripts/e2e/run-e2e.mjs, "[browser] ID {json}"). */
export interface BrowserAnswer {
  ok: boolean;
  visible?: boolean;
  texts?: string[];
  error?: string;
}

let browserRequests = 0;

/**
 * Acts in the real browser as a person would: types keys one at a time into the focused element, presses a
 * key, or reads what the workbench shows (the visible elements matching a CSS selector).
 */
export async function browser(request: { type?: string; delay?: number; press?: string; probe?: string; pseudo?: string }): Promise<BrowserAnswer> {
  const dir = process.env.E2E_CHANNEL;
  if (!dir) throw new Error('E2E_CHANNEL is not set: run through scripts/e2e/run-e2e.mjs');
  const id = `req-${process.pid}-${++browserRequests}`;
  const file = path.join(dir, `${id}.json`);
  console.log(`[browser] ${id} ${JSON.stringify(request)}`);
  // Parsed inside the probe: a file caught half-written is read again.
  const answer = await waitFor(`the browser to answer ${JSON.stringify(request)}`, () => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as BrowserAnswer) : undefined), 30_000, 50);
  if (!answer.ok) throw new Error(`browser: ${answer.error}`);
  return answer;
}

/** Whether the browser channel is there (the desktop runner has none). */
export function hasBrowser(): boolean {
  return !!process.env.E2E_CHANNEL;
}
