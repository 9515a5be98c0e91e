/**
 * Reads report manifests and narrative texts from disk (the only I/O of the
 * knowledge base). Every problem names the file; what is valid still loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lazyReport, parseManifest } from '../ingest';
import { hasParagraphs } from '../ingest/structure';
import { KnowledgeBase, type LoadProblem, type Report } from '../model/kb';
import { FileReadError, readRegularFile, textInsideManifestFolder } from './readFile';
import { readSnapshot, reportFromSnapshot } from './snapshot';
import type { Snapshot } from '../ingest/snapshot';

/** A narrative is at most 5 MB; a manifest, a few hundred bytes, at most 1 MB. */
const MAX_REPORT_BYTES = 5 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** The folder of bundled reports, next to dist/ in a build or a .vsix, or next to src/ when run from source. */
export function bundledReportsDir(): string {
  const candidates = [path.join(__dirname, '..', 'server', 'reports'), path.join(__dirname, '..', '..', 'reports'), path.join(__dirname, '..', 'reports')];
  return candidates.find((c) => fs.existsSync(path.join(c, 'KHM-2023.json'))) ?? candidates[0];
}

export interface LoadResult {
  reports: Report[];
  problems: LoadProblem[];
}

/** Loads one manifest file (or a narrative text with a sibling .json manifest). */
export function loadReportFile(file: string, label?: string): LoadResult {
  const problems: LoadProblem[] = [];
  const fail = (message: string): LoadResult => ({ reports: [], problems: [{ file, message }] });
  let manifestPath = file;
  if (!file.toLowerCase().endsWith('.json')) {
    const sibling = file.replace(/\.[^./\\]+$/, '') + '.json';
    if (!fs.existsSync(sibling)) return fail(`no manifest found for this narrative (expected ${path.basename(sibling)} beside it; see README "Bring your own narratives")`);
    manifestPath = sibling;
  }
  let json: string;
  try {
    json = readText(manifestPath, MAX_MANIFEST_BYTES);
  } catch (e) {
    return { reports: [], problems: [{ file: manifestPath, message: describeIoError(e) }] };
  }
  const m = parseManifest(json, manifestPath);
  if (!m.manifest) return { reports: [], problems: m.problems.map((message) => ({ file: manifestPath, message: stripFile(message, manifestPath) })) };
  let textPath = path.resolve(path.dirname(manifestPath), m.manifest.text);
  let text: string;
  try {
    textPath = textInsideManifestFolder(manifestPath, m.manifest.text);
    text = readText(textPath, MAX_REPORT_BYTES);
  } catch (e) {
    if (e instanceof FileReadError && e.code === 'EOUTSIDE') return { reports: [], problems: [{ file: manifestPath, message: `${e.message}; ${m.manifest.id} not loaded` }] };
    return { reports: [], problems: [{ file: textPath, message: `${describeIoError(e)} (narrative of ${m.manifest.id}, named in ${manifestPath})` }] };
  }
  if (text.trim().length === 0) return { reports: [], problems: [{ file: textPath, message: `the narrative of ${m.manifest.id} is empty` }] };
  // Ingested on first use: loading thousands of narratives costs only reading them.
  const report = lazyReport(m.manifest, text, label ?? textPath);
  if (!hasParagraphs(text)) problems.push({ file: textPath, message: `no paragraphs found in the narrative of ${m.manifest.id}` });
  return { reports: [report], problems };
}

/** Loads a path given by the user: a manifest, a narrative with a sibling manifest, or a folder of manifests. */
export function loadReportPath(p: string): LoadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    return { reports: [], problems: [{ file: p, message: describeIoError(e) }] };
  }
  if (!stat.isDirectory()) return loadReportFile(p);
  const out: LoadResult = { reports: [], problems: [] };
  let names: string[];
  try {
    names = fs.readdirSync(p).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (e) {
    return { reports: [], problems: [{ file: p, message: describeIoError(e) }] };
  }
  if (names.length === 0) out.problems.push({ file: p, message: 'no report manifests (*.json) in this folder' });
  for (const n of names) {
    const r = loadReportFile(path.join(p, n));
    out.reports.push(...r.reports);
    out.problems.push(...r.problems);
  }
  return out;
}

export const BUNDLED_IDS: readonly string[] = ['KHM-2023', 'KHM-2022'];

export interface BundledOptions {
  /** The folder of the bundled manifests and texts (default: bundledReportsDir()). */
  dir?: string;
  /** The snapshot file to read (default: dist/kb-snapshot.json); null: ingest on first use, as user narratives are. */
  snapshot?: string | null;
}

/**
 * The bundled reports, read and checked like any others, then taken ingested from the build's snapshot
 * when it matches their texts and manifests (no ingest on the first request); a report the snapshot does
 * not match is ingested on first use.
 */
export function loadBundledReports(options: BundledOptions = {}): LoadResult {
  const dir = options.dir ?? bundledReportsDir();
  const out: LoadResult = { reports: [], problems: [] };
  let snapshot: Snapshot | undefined | null = options.snapshot === null ? null : undefined;
  for (const id of BUNDLED_IDS) {
    const r = loadReportFile(path.join(dir, `${id}.json`), `bundled:${id}.txt`);
    for (const rep of r.reports) {
      if (snapshot === undefined) snapshot = readSnapshot(options.snapshot ?? undefined) ?? null;
      out.reports.push((snapshot && reportFromSnapshot(snapshot, rep.manifest, rep.text, rep.file)) || rep);
    }
    out.problems.push(...r.problems);
  }
  return out;
}

/** Bundled reports plus the user's (CLI --report, setting tipLens.reports). Relative paths resolve against `base`. */
export function loadKnowledgeBase(extraPaths: readonly string[] = [], base = process.cwd()): KnowledgeBase {
  const kb = new KnowledgeBase();
  const bundled = loadBundledReports();
  for (const r of bundled.reports) kb.add(r);
  kb.problems.push(...bundled.problems);
  for (const p of extraPaths) {
    const r = loadReportPath(path.resolve(base, p));
    for (const rep of r.reports) kb.add(rep);
    kb.problems.push(...r.problems);
  }
  return kb;
}

function readText(file: string, maxBytes: number): string {
  const buf = readRegularFile(file, maxBytes);
  if (buf.includes(0)) throw new Error('binary data (NUL bytes): not a text file');
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  return text;
}

export function describeIoError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'file not found';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder, not a file';
    case 'ELOOP': return 'too many levels of symbolic links';
    default:
      if (err instanceof TypeError && /encoded data was not valid/i.test(err.message)) return 'not valid UTF-8 text';
      return err.message ?? String(e);
  }
}

function stripFile(message: string, file: string): string {
  return message.startsWith(file + ': ') ? message.slice(file.length + 2) : message;
}
