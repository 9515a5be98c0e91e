/** The drafts `tip-lens check` and `kb export --draft` read: files, the drafts of a folder (links followed only inside it), standard input. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileReadError, isInside, readRegularFile } from '../node/readFile';
import { MAX_DRAFT_BYTES } from '../protocol';
import { errnoWords, shownName, UsageError, type IO } from './common';

const DRAFT_EXT = /\.(md|markdown|txt)$/i;

export interface Draft {
  file: string;
  text: string;
  /** The bytes read (files only): --fix edits these, so nothing outside a fix is re-encoded. */
  bytes?: Buffer;
}

/** The drafts of the inputs, in order: a file, a folder's drafts sorted, or - for standard input. */
export function collectDrafts(inputs: string[], io: IO): Draft[] {
  const out: Draft[] = [];
  for (const input of inputs) {
    if (input === '-') {
      out.push({ file: '-', text: readStdin() });
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      throw new UsageError(`cannot read ${shownName(input)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
    }
    if (st.isDirectory()) {
      const files = walk(input, io);
      if (files.length === 0) throw new UsageError(`${shownName(input)}: no Markdown or text files (*.md, *.markdown, *.txt) in this folder`);
      for (const f of files) out.push(readDraft(f));
    } else out.push(readDraft(input));
  }
  return out;
}

/**
 * The drafts in a folder, sorted. A symbolic link to a draft is followed when its target is a regular
 * file inside the folder that is not checked already (under its own name or another link's); any other
 * link (leading out of the folder, to a folder, broken, or to a file checked already) is skipped with a
 * warning naming it.
 */
function walk(dir: string, io: IO): string[] {
  const out: string[] = [];
  const links: string[] = [];
  const visit = (d: string) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(d, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`cannot read folder ${shownName(d)}: ${(e as Error).message}`);
    }
    for (const n of names.sort((a, b) => a.name.localeCompare(b.name))) {
      if (n.name.startsWith('.') || n.name === 'node_modules') continue;
      const p = path.join(d, n.name);
      if (n.isDirectory()) visit(p);
      else if (n.isFile() && DRAFT_EXT.test(n.name)) out.push(p);
      else if (n.isSymbolicLink()) links.push(p);
    }
  };
  visit(dir);
  if (links.length === 0) return out;
  const root = fs.realpathSync(dir);
  const seen = new Map<string, string>();
  for (const f of out) seen.set(safeRealpath(f) ?? f, f);
  for (const link of links) {
    const real = safeRealpath(link);
    const isDir = real !== undefined && fs.statSync(real).isDirectory();
    if (!isDir && !DRAFT_EXT.test(link)) continue; // not a draft's name, like any other file
    const skip = (why: string) => io.err(`tip-lens: warning: skipped ${shownName(link)}: ${why}\n`);
    if (real === undefined) skip('a broken symbolic link');
    else if (!isInside(root, real)) skip(`a symbolic link that leads out of ${shownName(dir)}`);
    else if (isDir) skip('a symbolic link to a folder (not followed)');
    else if (!fs.statSync(real).isFile()) skip('a symbolic link to something that is not a file');
    else if (seen.has(real)) skip(`a symbolic link to ${shownName(seen.get(real)!)}, which is checked already`);
    else {
      seen.set(real, link);
      out.push(link);
    }
  }
  return out.sort((a, b) => a.localeCompare(b));
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

export function readDraft(file: string): Draft {
  let buf: Buffer;
  try {
    // A regular file only, opened without blocking and read with the limit counted while reading (a FIFO or /dev/zero must not hang or fill memory).
    buf = readRegularFile(file, MAX_DRAFT_BYTES);
  } catch (e) {
    if (e instanceof FileReadError && e.code === 'ETOOBIG') throw new UsageError(`${shownName(file)}: too large to check (${e.message.replace(/^too large \(/, '').replace(/\)$/, '')})`);
    if (e instanceof FileReadError) throw new UsageError(`cannot read ${shownName(file)}: ${e.message}`);
    throw new UsageError(`cannot read ${shownName(file)}: ${errnoWords(e)}`);
  }
  return { file, text: decode(buf, file), bytes: buf };
}

function decode(buf: Buffer, file: string): string {
  if (buf.subarray(0, 8192).includes(0)) throw new UsageError(`${shownName(file)}: looks like a binary file (NUL bytes), not a Markdown or text draft`);
  return buf.toString('utf8');
}

function readStdin(): string {
  try {
    return decode(fs.readFileSync(0), '-');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read standard input: ${(e as Error).message}`);
  }
}
