/**
 * `node esbuild.mjs` runs this (bundled to a temporary file) to write dist/kb-snapshot.json: the bundled
 * reports ingested, with the hash of the ingest sources it was made from. Prints that hash on its last
 * line for esbuild.mjs to put into the bundles (__TIP_ENGINE_HASH__).
 *
 *   node build-snapshot.js SOURCE_ROOT REPORTS_DIR OUT_FILE
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUNDLED_IDS, loadReportFile } from './loadReports';
import { engineHashFromSources, makeSnapshot } from './snapshot';

export function buildSnapshot(sourceRoot: string, reportsDir: string, outFile: string): string {
  const engine = engineHashFromSources(sourceRoot);
  if (!engine) throw new Error(`no ingest sources under ${sourceRoot}`);
  const reports = BUNDLED_IDS.map((id) => {
    const r = loadReportFile(path.join(reportsDir, `${id}.json`), `bundled:${id}.txt`);
    if (r.reports.length !== 1 || r.problems.length) throw new Error(`bundled report ${id}: ${r.problems.map((p) => `${p.file}: ${p.message}`).join('; ') || 'not loaded'}`);
    return r.reports[0];
  });
  const snapshot = makeSnapshot(reports, engine);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(snapshot));
  fs.renameSync(tmp, outFile); // a reader never sees half a file
  return engine;
}

if (require.main === module) {
  const [root, reports, out] = process.argv.slice(2);
  process.stdout.write(buildSnapshot(path.resolve(root), path.resolve(reports), path.resolve(out)) + '\n');
}
