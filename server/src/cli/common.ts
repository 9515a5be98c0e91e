/** What the CLI's commands share: the usage error (exit 2), the output streams, argument parsing, file names as printed, the knowledge base. */
import * as fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadKnowledgeBase } from '../node/loadReports';
import type { KnowledgeBase, Report } from '../model/kb';

/** Bad usage or unreadable input: the message is printed and the exit status is 2. */
export class UsageError extends Error {}

export type IO = { out: (s: string) => void; err: (s: string) => void; isTTY: boolean };

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

/** A file name as printed in text output: as is, or JSON-quoted when it holds a control character (a newline in a name must not split a line). */
export function shownName(file: string): string {
  return /[\u0000-\u001f\u007f]/.test(file) ? JSON.stringify(file) : file;
}

/** The bundled reports and those of --report, each problem a warning. */
export function loadKb(paths: string[], io: Pick<IO, 'err'>): KnowledgeBase {
  const kb = loadKnowledgeBase(paths, process.cwd());
  for (const p of kb.problems) io.err(`tip-lens: warning: ${shownName(p.file)}: ${p.message}\n`);
  return kb;
}

/** "permission denied", "no such file", or the system's message. */
export function errnoWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'no such file' : code === 'EROFS' ? 'read-only file system' : (e as Error).message;
}

/** --report values: report ids ("KHM-2023", when no file of that name exists) and paths of narratives to load. */
export function splitReportArgs(values: readonly string[]): { ids: string[]; paths: string[] } {
  const ids: string[] = [];
  const paths: string[] = [];
  for (const r of values) (/^[A-Za-z]{3}-\d{4}$/.test(r) && !fs.existsSync(r) ? ids : paths).push(r);
  return { ids, paths };
}

/** The loaded reports of those ids (every report when none is named); `usage` for an id not loaded. */
export function namedReports(kb: KnowledgeBase, ids: readonly string[], usage: (message: string) => never): Report[] {
  for (const id of ids) if (!kb.get(id)) usage(`no report ${id.toUpperCase()} is loaded (loaded: ${kb.all().map((r) => r.id).join(', ')})`);
  return kb.all().filter((r) => ids.length === 0 || ids.some((id) => id.toUpperCase() === r.id));
}
