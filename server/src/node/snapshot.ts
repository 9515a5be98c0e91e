/**
 * The build-time snapshot of the bundled reports (dist/kb-snapshot.json): written by
 * `node esbuild.mjs` through buildSnapshot, read by the loader instead of ingesting. A snapshot is used
 * for a report only when its format, the hash of the ingest code it was made with, and the hashes of
 * that report's text and manifest all match what is loaded now; anything else (missing, damaged,
 * stale) falls back to ingesting as before, report by report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ingestReport } from '../ingest';
import { contentHash, fromSnapshotReport, isSnapshot, SNAPSHOT_FORMAT, toSnapshotReport, type Snapshot, type SnapshotReport } from '../ingest/snapshot';
import type { Report, ReportManifest } from '../model/kb';

export const SNAPSHOT_FILE = 'kb-snapshot.json';

/** Set by esbuild.mjs in a build: the ingest code's hash at build time (a .vsix has no sources to hash). */
declare const __TIP_ENGINE_HASH__: string | undefined;

/** The source folders whose code decides what ingest and the retrieval terms produce. */
const ENGINE_DIRS = ['ingest', 'reading', 'model'];

/** The hash a snapshot keeps of a report's text. */
export const textHash = contentHash;

/** The manifest as parsed, in a fixed key order: every field may shape the ingest. */
export function manifestHash(m: ReportManifest): string {
  return textHash(JSON.stringify(m, Object.keys(m).sort()) + JSON.stringify(m.source) + JSON.stringify(m.sections));
}

/** server/src (the folder holding ingest/, reading/, model/) from here: run from source or from dist/ in the repository. */
function sourceRoot(): string | undefined {
  return [path.join(__dirname, '..'), path.join(__dirname, '..', 'server', 'src')].find((d) => fs.existsSync(path.join(d, 'ingest', 'snapshot.ts')));
}

/** Hash of the ingest code's sources (file names and contents, sorted), or undefined where there are none. */
export function engineHashFromSources(root = sourceRoot()): string | undefined {
  if (!root) return undefined;
  // Only from source (tests, tsx) or at build time: a build has the hash put in and never loads node:crypto for it.
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const h = createHash('sha256');
  h.update(`format ${SNAPSHOT_FORMAT}\n`);
  for (const dir of ENGINE_DIRS) {
    for (const name of fs.readdirSync(path.join(root, dir)).filter((n) => n.endsWith('.ts')).sort()) {
      h.update(`${dir}/${name}\n`);
      h.update(fs.readFileSync(path.join(root, dir, name)));
      h.update('\n');
    }
  }
  return h.digest('hex');
}

/**
 * The hash of the ingest code running now: in a build, the one esbuild.mjs put in (the hash of the very
 * sources that build bundled, and made its snapshot with); from source (tests, tsx), the sources' own, so
 * an edit to ingest makes the built snapshot stale at once. Watch builds put none in and hash the sources.
 */
export function currentEngineHash(): string | undefined {
  return typeof __TIP_ENGINE_HASH__ === 'string' ? __TIP_ENGINE_HASH__ : engineHashFromSources();
}

/** Where the build writes the snapshot: dist/, next to the bundles (or found from the sources in the repository). */
export function snapshotPath(): string {
  const candidates = [path.join(__dirname, SNAPSHOT_FILE), path.join(__dirname, '..', '..', '..', 'dist', SNAPSHOT_FILE)];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

/** The snapshot at `file` when it is one made by this ingest code; undefined when missing, damaged or made by other code. */
export function readSnapshot(file = snapshotPath(), engine = currentEngineHash()): Snapshot | undefined {
  if (!engine) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  return isSnapshot(data) && data.engine === engine ? data : undefined;
}

/** The snapshot's report for this manifest and text when its hashes match them; undefined when stale or absent. */
export function reportFromSnapshot(snapshot: Snapshot | undefined, manifest: ReportManifest, text: string, file: string): Report | undefined {
  const s = snapshot?.reports.find((r) => r.id === manifest.id);
  if (!s || s.textHash !== textHash(text) || s.manifestHash !== manifestHash(manifest)) return undefined;
  return fromSnapshotReport(s, manifest, text, file);
}

/** A snapshot of these reports (manifest and text each), ingested now. */
export function makeSnapshot(reports: readonly { manifest: ReportManifest; text: string; file: string }[], engine: string): Snapshot {
  const out: SnapshotReport[] = reports.map((r) => toSnapshotReport(ingestReport(r.manifest, r.text, r.file), textHash(r.text), manifestHash(r.manifest)));
  return { format: SNAPSHOT_FORMAT, engine, reports: out };
}
