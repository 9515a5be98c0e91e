/**
 * Reads the bibliography files a draft's front matter names (`bibliography: refs.json`, relative to the
 * draft) for the engine (service/draftBibliography.ts parses them). Only regular files of at most 5 MB,
 * valid UTF-8; every problem is said with the draft's and the file's names and never quotes the file.
 * Files are cached by path, size and modification time: a draft re-read after each keystroke costs a stat.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBibliography, type BibliographyLoader, type BibliographyRead } from '../service/draftBibliography';
import { FileReadError, readRegularFile } from './readFile';
import { describeIoError } from './loadReports';

export const MAX_BIBLIOGRAPHY_BYTES = 5 * 1024 * 1024;

export interface BibliographyProblem {
  /** The draft as the user knows it (a path, or its URI when it is not a file). */
  draft: string;
  /** The file as the front matter names it. */
  file: string;
  message: string;
}

export interface BibliographyFilesOptions {
  /** Told of each problem (every time a draft is read: callers say each one once). */
  onProblem?: (p: BibliographyProblem) => void;
  /** Where paths of drafts that are not files (standard input, untitled) are resolved; default: the working directory. */
  base?: string;
}

/** The draft's file path, when its URI is a file: URI. */
export function draftPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function createBibliographyLoader(options: BibliographyFilesOptions = {}): BibliographyLoader {
  const cache = new Map<string, { size: number; mtimeMs: number; read: BibliographyRead }>();
  return (draftUri, file) => {
    const draft = draftPath(draftUri);
    const full = path.resolve(draft ? path.dirname(draft) : (options.base ?? process.cwd()), file);
    const read = readBibliography(full, cache);
    if (read.problem) options.onProblem?.({ draft: draft ?? draftUri, file, message: read.problem });
    return read;
  };
}

function readBibliography(full: string, cache: Map<string, { size: number; mtimeMs: number; read: BibliographyRead }>): BibliographyRead {
  let st: fs.Stats;
  try {
    st = fs.statSync(full);
  } catch (e) {
    cache.delete(full);
    return { problem: describeIoError(e) };
  }
  const hit = cache.get(full);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.read;
  let read: BibliographyRead;
  try {
    const buf = readRegularFile(full, MAX_BIBLIOGRAPHY_BYTES);
    if (buf.subarray(0, 8192).includes(0)) read = { problem: 'binary data (NUL bytes), not a bibliography' };
    else read = parseBibliography(new TextDecoder('utf-8', { fatal: true }).decode(buf), full);
  } catch (e) {
    read = { problem: e instanceof FileReadError ? e.message : e instanceof TypeError ? 'not valid UTF-8 text' : describeIoError(e) };
  }
  cache.delete(full);
  cache.set(full, { size: st.size, mtimeMs: st.mtimeMs, read });
  if (cache.size > 64) cache.delete(cache.keys().next().value as string);
  return read;
}
