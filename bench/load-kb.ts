/**
 * Child process for the KB figures: loads the knowledge base (bundled reports
 * plus the given paths) with the real loader and prints one JSON line with the
 * time and memory it took. Bundled by bench/run.ts with esbuild (as dist/ is)
 * and run with plain node, so RSS is not inflated by a TypeScript loader.
 *
 *   node bench/.out/load-kb.js [PATH…]            full load: the real loader (reads and checks every
 *                                                  manifest and text; reports are ingested on first use),
 *                                                  then every report ingested (the worst case, untypical)
 *   node bench/.out/load-kb.js --manifests-only DIR  the floor of any loader: read and check every
 *                                                  manifest, stat every text
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
    // A loaded report is lazy (its fields are getters): copy them into a plain object.
    const { id, manifest, file, text, partial, sections, paragraphs, sentences, recommendations, facts, nonFacts } = r;
    const json = JSON.stringify({ id, manifest, file, text, partial, sections, paragraphs, sentences, recommendations, facts, nonFacts });
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
  // Bundled reports: read them, then ingest them (what the first check or hover does).
  const t0 = performance.now();
  const bundled = loadBundledReports();
  const bundledReadMs = performance.now() - t0;
  for (const r of bundled.reports) void r.facts;
  const bundledColdMs = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 30; i++) {
    const s = performance.now();
    for (const r of loadBundledReports().reports) void r.facts;
    warm.push(performance.now() - s);
  }
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const kb = loadKnowledgeBase(args);
  const loadMs = performance.now() - t1;
  const cpu = process.cpuUsage(c1);
  // CPU time (all threads, incl. GC helpers) is steadier than wall time on a shared machine.
  const loadCpuMs = (cpu.user + cpu.system) / 1000;
  const loaded = process.memoryUsage();
  // Then the worst case: every report ingested (a check or hover ingests only the few it looks into).
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  for (const r of kb.all()) void r.facts;
  const ingestAllMs = performance.now() - t2;
  const c2d = process.cpuUsage(c2);
  const ingestAllCpuMs = (c2d.user + c2d.system) / 1000;
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
      bundledReadMs,
      bundledColdMs,
      bundledWarmMs: stats(warm).median,
      bundledReports: bundled.reports.length,
      loadMs,
      loadCpuMs,
      loadedRss: loaded.rss,
      loadedHeapUsed: loaded.heapUsed,
      ingestAllMs,
      ingestAllCpuMs,
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
