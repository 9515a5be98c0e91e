/**
 * Child process for the KB figures: loads the knowledge base (bundled reports
 * plus the given paths) with the real loader and prints one JSON line with the
 * time and memory it took. Bundled by bench/run.ts with esbuild (as dist/ is)
 * and run with plain node, so RSS is not inflated by a TypeScript loader.
 *
 *   node bench/.out/load-kb.js [PATH…]            full load
 *   node bench/.out/load-kb.js --manifests-only DIR  the floor a lazy loader would pay:
 *                                                  read and check every manifest, stat every text
 *   node bench/.out/load-kb.js --write-cache DIR CACHE  ingest DIR and write each Report as JSON (untimed setup)
 *   node bench/.out/load-kb.js --read-cache CACHE       the other option of issue 7: an eager load from a
 *                                                  cache of ingested reports (JSON.parse of every one)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseManifest } from '../server/src/ingest';
import { loadBundledReports, loadKnowledgeBase } from '../server/src/node/loadReports';
import { stats } from './lib/stats';

const args = process.argv.slice(2);
const rss0 = process.memoryUsage().rss;

if (args[0] === '--write-cache') {
  const kb = loadKnowledgeBase([args[1]]);
  fs.mkdirSync(args[2], { recursive: true });
  let bytes = 0;
  for (const r of kb.all()) {
    const json = JSON.stringify(r);
    bytes += json.length;
    fs.writeFileSync(path.join(args[2], `${r.id}.json`), json);
  }
  console.log(JSON.stringify({ cached: kb.reports.size, bytes }));
} else if (args[0] === '--read-cache') {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const reports: unknown[] = [];
  for (const n of fs.readdirSync(args[1]).sort()) reports.push(JSON.parse(fs.readFileSync(path.join(args[1], n), 'utf8')));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ cacheMs: ms, cacheCpuMs: (cpu.user + cpu.system) / 1000, reports: reports.length, rssBaseline: rss0, rss: process.memoryUsage().rss }));
} else if (args[0] === '--manifests-only') {
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
