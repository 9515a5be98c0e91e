/** Reads a draft's default report, the way the server does: `tip-report:` in YAML front matter first, then the setting. */
import * as vscode from 'vscode';
import { settingsFor } from './config';
import { PLAIN_TEXT_REPORT_LINE } from '../../server/src/protocol';

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const TIP_REPORT = /^tip-report:[ \t]*(['"]?)([^'"\s#]+)\1[ \t]*(?:#.*)?$/m;


/** The `tip-report:` value of the front matter at the very start of `text` (or of its first line, in plain text), if any. */
export function frontMatterReport(text: string, plainText = false): string | undefined {
  const block = FRONT_MATTER.exec(text);
  if (!block) return plainText ? PLAIN_TEXT_REPORT_LINE.exec(text)?.[1]?.toUpperCase() : undefined;
  return TIP_REPORT.exec(block[1])?.[2];
}

/** How to name a draft's report, in the words of its kind of file (`code` marks for Markdown tooltips, quotes for plain messages). */
export function howToNameReport(plainText: boolean, markdown = true): string {
  const c = (s: string) => (markdown ? `\`${s}\`` : `"${s}"`);
  return plainText ? `put ${c('tip-report: KHM-2023')} on the first line` : `start the file with front matter: ${c('---')}, ${c('tip-report: KHM-2023')}, ${c('---')} (three lines)`;
}

export interface DefaultReport {
  id: string | undefined;
  from: 'front matter' | 'setting' | 'none';
}

export function defaultReportOf(doc: vscode.TextDocument): DefaultReport {
  // Front matter is short; do not read a whole 10 MB document for it.
  const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 200), 0));
  const fromDoc = frontMatterReport(head, doc.languageId === 'plaintext');
  if (fromDoc) return { id: fromDoc, from: 'front matter' };
  const setting = settingsFor(doc.uri).defaultReport;
  if (setting) return { id: setting, from: 'setting' };
  return { id: undefined, from: 'none' };
}

/** Documents TIP Lens checks: Markdown and plain text on disk or untitled (not its own tip-lens: source views). */
export function isDraft(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === 'markdown' || doc.languageId === 'plaintext') && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}
