/**
 * Child process for the KB figures: loads the knowledge base (bundled reports
 * plus the given paths) with the real loader and prints one JSON line with the
 * time and memory it took. Bundled by bench/run.ts with esbuild (as dist/ is)
 * and run with plain node, so RSS is not inflated by a TypeScript loader.
 *
 *   node bench/.out/load-kb.js [PATH…]            full load
 *   node bench/.out/load-kb.js --manifests-only DIR  the floor a lazy loader would pay:
 *                                                  read and check every manifest, stat every text
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseManifest } from '../server/src/ingest';
import { loadBundledReports, loadKnowledgeBase } from '../server/src/node/loadReports';
import { stats } from './lib/stats';

const args = process.argv.slice(2);
const rss0 = process.memoryUsage().rss;

if (args[0] === '--manifests-only') {
  const dir = args[1];
  const t0 = performance.now();
  let ok = 0;
  let textBytes = 0;
  for (const n of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const file = path.join(dir, n);
    const m = parseManifest(fs.readFileSync(file, 'utf8'), file);
    if (!m.manifest) continue;
    textBytes += fs.statSync(path.resolve(dir, m.manifest.text)).size;
    ok++;
  }
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ manifestsMs: ms, manifests: ok, textBytes, rssBaseline: rss0, rss: process.memoryUsage().rss }));
} else {
  const t0 = performance.now();
  const bundled = loadBundledReports();
  const bundledColdMs = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 30; i++) {
    const s = performance.now();
    loadBundledReports();
    warm.push(performance.now() - s);
  }
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const kb = loadKnowledgeBase(args);
  const loadMs = performance.now() - t1;
  const cpu = process.cpuUsage(c1);
  // CPU time (all threads, incl. GC helpers) is steadier than wall time on a shared machine.
  const loadCpuMs = (cpu.user + cpu.system) / 1000;
  let facts = 0;
  let recommendations = 0;
  let sentences = 0;
  let textChars = 0;
  for (const r of kb.all()) {
    facts += r.facts.length;
    recommendations += r.recommendations.length;
    sentences += r.sentences.length;
    textChars += r.text.length;
  }
  const mem = process.memoryUsage();
  console.log(
    JSON.stringify({
      bundledColdMs,
      bundledWarmMs: stats(warm).median,
      bundledReports: bundled.reports.length,
      loadMs,
      loadCpuMs,
      reports: kb.reports.size,
      problems: kb.problems.length,
      firstProblems: kb.problems.slice(0, 3),
      facts,
      recommendations,
      sentences,
      textChars,
      rssBaseline: rss0,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
    }),
  );
}
