/**
 * `npm run bench`: every performance figure of DESIGN.md / issues 4, 5 and 7 in
 * one go, written to bench/RESULTS.md with its budget and pass/miss. Figures
 * only: nothing here fails a build.
 *
 *   node --import tsx bench/run.ts [--quick] [--count 4000] [--no-lsp] [--no-profile] [--no-markdown-ls]
 *   node --import tsx bench/run.ts --only markdown-ls [--quick]   (just the section beside VS Code's Markdown server, spliced into RESULTS.md)
 *
 * Generated inputs (the 4,000-narrative KB, bundles, profiles) go to the
 * gitignored bench/.out/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { PatternResult } from './patterns';
import type { EngineSizeResult } from './engine';
import { writeKb } from './gen-kb';
import { generateDraft } from './gen-draft';
import { summarise, type FunctionTime } from './lib/cpuprofile';
import type { Stats } from './lib/stats';
import { runLspBench, timeInitialize, type LspResult } from './lsp';
import { SERVER_NODE_FLAGS } from '../server/src/protocol';
import { markdownLsSection, runMarkdownLsComparison, spliceSection, type MarkdownLsOutcome } from './markdown-ls';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', '.out');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const countArg = argv.indexOf('--count');
const COUNT = countArg >= 0 ? Number(argv[countArg + 1]) : quick ? 400 : 4000;
const SEED = 42;
const started = performance.now();
const log = (msg: string): void => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`);

// ---------------------------------------------------------------------------
// Helpers

type Verdict = 'pass' | 'MISS' | 'n/a';
interface Row {
  figure: string;
  measured: string;
  budget: string;
  verdict: Verdict;
  note?: string;
}
const budgetRows: Row[] = [];
function budget(figure: string, value: number | null | undefined, limit: number, unit: string, note?: string): void {
  if (value === null || value === undefined || Number.isNaN(value)) {
    budgetRows.push({ figure, measured: 'not measured', budget: `< ${limit} ${unit}`, verdict: 'n/a', note });
    return;
  }
  const ok = value < limit;
  const over = ok ? '' : ` (over by ${fmt(value - limit)} ${unit}, ${(value / limit).toFixed(1)}× the budget)`;
  budgetRows.push({ figure, measured: `${fmt(value)} ${unit}`, budget: `< ${limit} ${unit}`, verdict: ok ? 'pass' : 'MISS', note: (note ?? '') + over });
}
function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toFixed(3);
}
const ms = (s: Stats): string => `${fmt(s.median)} / ${fmt(s.p95)}`;
const mb = (bytes: number): number => bytes / 1048576;

function node(args: string[], what: string): string {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}
function lastJson<T>(out: string): T {
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/** Issue 17: beside VS Code's Markdown server (bench/markdown-ls.ts); its ratio budgets go through budget(). */
async function markdownLs(): Promise<MarkdownLsOutcome> {
  log("markdown-ls: TIP Lens beside VS Code's Markdown server, 20 KB and 1 MB");
  return runMarkdownLsComparison({ root: ROOT, serverJs: join(ROOT, 'dist', 'server.js'), nodeFlags: SERVER_NODE_FLAGS, coldRuns: quick ? 5 : 7, edits: quick ? 20 : 40, log });
}
function markdownLsLines(r: MarkdownLsOutcome): string[] {
  const { lines, budgets } = markdownLsSection(r, fmt);
  const first = budgetRows.length;
  for (const b of budgets) budget(b.figure, b.value, 1, '×', b.note);
  const rows = budgetRows.slice(first);
  lines.push('| Budget | Measured | Budget | Result | Note |', '| --- | ---: | ---: | :---: | --- |');
  for (const row of rows) lines.push(`| ${row.figure.replace("Beside VS Code's Markdown server: ", '')} | ${row.measured} | ${row.budget} | ${row.verdict === 'MISS' ? '**MISS**' : row.verdict} | ${row.note ?? ''} |`);
  lines.push('');
  return lines;
}

async function main(): Promise<void> {
  if (argv.includes('--only') && argv[argv.indexOf('--only') + 1] === 'markdown-ls') {
    if (!existsSync(join(ROOT, 'dist', 'server.js'))) throw new Error('bench --only markdown-ls: no dist/server.js; build first (node esbuild.mjs, as npm run bench does)');
    const section = markdownLsLines(await markdownLs());
    const file = join(ROOT, 'bench', 'RESULTS.md');
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# TIP Lens benchmark results\n';
    writeFileSync(file, spliceSection(existing, [...section, `Section written alone by \`--only markdown-ls\` on ${new Date().toISOString()} (Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' / ')}).`, ''], '## Where the time goes'));
    log('wrote the section "Beside VS Code\'s Markdown server" of bench/RESULTS.md');
    return;
  }
  // ---------------------------------------------------------------------------
  // 0. Inputs

  mkdirSync(OUT, { recursive: true });
  const kbDir = join(OUT, `kb-${COUNT}`);
  rmSync(kbDir, { recursive: true, force: true });
  const tGen = performance.now();
  const generated = writeKb(kbDir, COUNT, SEED);
  const genMs = performance.now() - tGen;
  log(`generated ${generated.count} narratives (${(generated.bytes / 1e6).toFixed(1)} MB) in ${genMs.toFixed(0)} ms`);
  const probeId = generated.ids.includes('FRA-2019') ? 'FRA-2019' : generated.ids[Math.floor(generated.ids.length / 2)];

  // The children are bundled like dist/ (with __dirname pointing at dist/, so they find server/reports as the server does).
  for (const name of ['load-kb', 'engine', 'peer-server', 'patterns']) {
    esbuild.buildSync({ entryPoints: [join(ROOT, 'bench', `${name}.ts`)], outfile: join(OUT, `${name}.js`), bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', supported: { 'regexp-unicode-property-escapes': true }, external: ['markdownlint', 'markdownlint/*'], define: { __dirname: JSON.stringify(join(ROOT, 'dist')) } });
  }
  const loadStart = loadavg();

  // ---------------------------------------------------------------------------
  // 1. Knowledge base

  interface LoadOut {
    bundledReadMs: number;
    bundledColdMs: number;
    bundledWarmMs: number;
    bundledReports: number;
    loadMs: number;
    loadCpuMs: number;
    loadedRss: number;
    loadedHeapUsed: number;
    ingestAllMs: number;
    ingestAllCpuMs: number;
    reports: number;
    problems: number;
    firstProblems: { file: string; message: string }[];
    facts: number;
    recommendations: number;
    sentences: number;
    textChars: number;
    rssBaseline: number;
    rss: number;
    heapUsed: number;
  }
  interface ManifestsOut {
    manifestsMs: number;
    manifests: number;
    rss: number;
    rssBaseline: number;
  }
  const kbRuns = quick ? 1 : 3;
  const bundledLoads: LoadOut[] = [];
  const fullLoads: LoadOut[] = [];
  const manifestLoads: ManifestsOut[] = [];
  for (let i = 0; i < kbRuns; i++) {
    bundledLoads.push(lastJson<LoadOut>(node([join(OUT, 'load-kb.js')], 'KB load (bundled)')));
    fullLoads.push(lastJson<LoadOut>(node([join(OUT, 'load-kb.js'), kbDir], `KB load (${COUNT})`)));
    manifestLoads.push(lastJson<ManifestsOut>(node([join(OUT, 'load-kb.js'), '--manifests-only', kbDir], 'manifests only')));
  }
  // The content-hash-cache option: an eager load that skips ingest by parsing cached Report JSON.
  const cacheDir = join(OUT, `cache-${COUNT}`);
  rmSync(cacheDir, { recursive: true, force: true });
  const cacheWrite = lastJson<{ cached: number; bytes: number }>(node([join(OUT, 'load-kb.js'), '--write-cache', kbDir, cacheDir], 'write report cache'));
  const cacheReads: { cacheMs: number; cacheCpuMs: number; reports: number; rss: number }[] = [];
  for (let i = 0; i < kbRuns; i++) cacheReads.push(lastJson(node([join(OUT, 'load-kb.js'), '--read-cache', cacheDir], 'read report cache')));
  const cacheRead = cacheReads.sort((a, b) => a.cacheMs - b.cacheMs)[Math.floor((cacheReads.length - 1) / 2)];
  const full = fullLoads.sort((a, b) => a.loadMs - b.loadMs)[Math.floor((fullLoads.length - 1) / 2)];
  const bundledOnly = bundledLoads.sort((a, b) => a.rss - b.rss)[Math.floor((bundledLoads.length - 1) / 2)];
  log(`KB: ${COUNT} narratives load in ${full.loadMs.toFixed(0)} ms, RSS ${mb(full.loadedRss).toFixed(0)} MB (${full.problems} problems); all ingested: +${full.ingestAllMs.toFixed(0)} ms, RSS ${mb(full.rss).toFixed(0)} MB`);

  // ---------------------------------------------------------------------------
  // 2. Engine

  const engineSpecs = quick ? ['20000:40', '250000:5', '500000:5', '1000000:5'] : ['20000:200', '250000:20', '500000:20', '1000000:20'];
  log('engine: TIP Lens vs markdownlint vs regex');
  const engine = lastJson<{ reports: number; results: EngineSizeResult[] }>(node([join(OUT, 'engine.js'), ...engineSpecs, '--budget-ms', quick ? '5000' : '20000'], 'engine bench'));
  log(`engine: 20 KB check with ${COUNT} narratives loaded`);
  const patterns = lastJson<{ sizes: number[]; results: PatternResult[] }>(node([join(OUT, 'patterns.js'), ...(quick ? ['--quick'] : [])], 'pathological drafts'));
  const engineBig = lastJson<{ reports: number; results: EngineSizeResult[] }>(node([join(OUT, 'engine.js'), quick ? '20000:40' : '20000:200', '--tiplens-only', '--kb', kbDir], 'engine bench with the big KB'));
  const bySize = (b: number): EngineSizeResult | undefined => engine.results.find((r) => Math.abs(r.bytes - b) < b * 0.01 + 200);

  // ---------------------------------------------------------------------------
  // 3. Language server over stdio

  const serverJs = join(ROOT, 'dist', 'server.js');
  const draft20k = generateDraft(20_000, 7) + `\nFor comparison, see France [@${probeId}/R2].\n`;
  let lspBundled: LspResult | null = null;
  let lspFull: LspResult | null = null;
  let lspSemi: LspResult | null = null;
  let lspError = '';
  let initOurs: Stats | null = null;
  let initPeer: Stats | null = null;
  let initNode: Stats | null = null;
  if (!argv.includes('--no-lsp') && existsSync(serverJs)) {
    const n = quick ? 100 : 500;
    try {
      const initRuns = quick ? 5 : 15;
      log(`LSP: spawn → initialize, ${initRuns} fresh processes each: TIP Lens, a bare vscode-languageserver server, node -e 0`);
      for (let i = 0; i < 2; i++) await timeInitialize(serverJs, 1, SERVER_NODE_FLAGS); // warm the file cache
      initOurs = await timeInitialize(serverJs, initRuns, SERVER_NODE_FLAGS);
      initPeer = await timeInitialize(join(OUT, 'peer-server.js'), initRuns, SERVER_NODE_FLAGS);
      initNode = await timeInitialize(null, initRuns, SERVER_NODE_FLAGS);
      log(`LSP: bundled reports only (node ${SERVER_NODE_FLAGS.join(' ')}, as the VS Code client starts it)`);
      lspBundled = await runLspBench({ serverJs, settings: { reports: [] }, draft: draft20k, probeReference: '[@KHM-2023/R1]', hovers: n, completions: n, edits: quick ? 10 : 40, timeoutMs: 10_000, nodeArgs: [...SERVER_NODE_FLAGS] });
      log('LSP: bundled reports only, plain node (default heap flags)');
      lspSemi = await runLspBench({ serverJs, settings: { reports: [] }, draft: draft20k, probeReference: '[@KHM-2023/R1]', hovers: n, completions: n, edits: quick ? 10 : 40, timeoutMs: 10_000 });
      log(`LSP: with ${COUNT} narratives`);
      lspFull = await runLspBench({ serverJs, settings: { reports: [kbDir] }, draft: draft20k, probeReference: `[@${probeId}/R2]`, hovers: n, completions: n, edits: quick ? 10 : 40, timeoutMs: 60_000, nodeArgs: [...SERVER_NODE_FLAGS] });
    } catch (e) {
      lspError = (e as Error).stack ?? String(e);
      log(`LSP bench failed: ${lspError}`);
    }
  } else {
    lspError = existsSync(serverJs) ? 'skipped (--no-lsp)' : `no ${serverJs} (build failed or server not written yet)`;
  }

  // ---------------------------------------------------------------------------
  // 3b. CLI start (issue 17): `tip-lens check` on the 20 KB draft beside `node -e 0` and markdownlint-cli2, interleaved

  const draftFile = join(OUT, 'draft-20k.md');
  writeFileSync(draftFile, draft20k);
  const cliRuns = quick ? 5 : 15;
  const mdl2 = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
  const cliCases: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['tip-lens --version (load only)', [join(ROOT, 'bin', 'tip-lens.js'), '--version']],
    ['tip-lens check 20 KB', [join(ROOT, 'bin', 'tip-lens.js'), 'check', draftFile]],
    ['tip-lens check 20 KB, no code cache (plain require of dist/cli.js)', [join(ROOT, 'dist', 'cli.js'), 'check', draftFile]],
    ...(existsSync(mdl2) ? ([['markdownlint-cli2 20 KB', [mdl2, draftFile]]] as [string, string[]][]) : []),
  ];
  const cliTimes = new Map<string, number[]>(cliCases.map(([n]) => [n, []]));
  log(`CLI start: ${cliCases.map(([n]) => n).join(', ')}, ${cliRuns} runs each, interleaved`);
  for (let i = 0; i < cliRuns; i++) {
    for (const [name, args] of cliCases) {
      const t = performance.now();
      spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
      cliTimes.get(name)!.push(performance.now() - t);
    }
  }

  const mdLs = argv.includes('--no-markdown-ls') || argv.includes('--no-lsp') || !existsSync(serverJs) ? null : await markdownLs();

  // ---------------------------------------------------------------------------
  // 4. Profiles (node --cpu-prof) of the KB load and the 1 MB check

  interface ProfileSummary {
    id: 'kb' | 'server' | 'engine20' | 'engine1m';
    title: string;
    command: string;
    totalMs: number;
    functions: FunctionTime[];
  }
  const profiles: ProfileSummary[] = [];
  function profile(id: ProfileSummary['id'], title: string, dir: string, args: string[]): void {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      node(['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '250', ...args], title);
      const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))[0];
      if (!file) return;
      const s = summarise(join(dir, file), ROOT);
      profiles.push({ id, title, command: `node --cpu-prof ${args.map((a) => a.replace(ROOT + '/', '')).join(' ')}`, ...s });
    } catch (e) {
      log(`profile ${title} failed: ${(e as Error).message}`);
    }
  }
  if (!argv.includes('--no-profile')) {
    log('profiles');
    profile('kb', `Loading ${COUNT} narratives with the real loader`, join(OUT, 'prof', 'kb'), [join(OUT, 'load-kb.js'), kbDir]);
    if (existsSync(serverJs) && !argv.includes('--no-lsp')) {
      const dir = join(OUT, 'prof', 'server');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      try {
        await runLspBench({ serverJs, settings: { reports: [kbDir] }, draft: draft20k, probeReference: `[@${probeId}/R2]`, hovers: 300, completions: 300, edits: 20, timeoutMs: 60_000, nodeArgs: [...SERVER_NODE_FLAGS, '--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '250'] });
        await new Promise((r) => setTimeout(r, 500));
        const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))[0];
        if (file) profiles.push({ id: 'server', title: `Language server with ${COUNT} narratives: start, KB load, 300 hovers, 300 completions, 20 edits with pulled diagnostics`, command: 'node --cpu-prof dist/server.js --stdio (driven by bench/lsp.ts)', ...summarise(join(dir, file), ROOT) });
      } catch (e) {
        log(`server profile failed: ${(e as Error).message}`);
      }
    }
    profile('engine20', 'Full check of the 20 KB draft (TIP Lens only, 300 runs)', join(OUT, 'prof', 'engine20'), [join(OUT, 'engine.js'), '20000:300', '--tiplens-only']);
    profile('engine1m', 'Full check of the 1 MB draft (TIP Lens only, one run)', join(OUT, 'prof', 'engine'), [join(OUT, 'engine.js'), '1000000:1', '--warm', '0', '--tiplens-only']);
  }

  // ---------------------------------------------------------------------------
  // 5. Budgets and the report

  const e20 = bySize(20_000);
  const e1m = bySize(1_000_000);
  budget('Full check, 20 KB draft (a document opened fresh: nothing of it remembered; warm engine; median)', e20?.tipLens.median, 5, 'ms', `p95 ${e20 ? fmt(e20.tipLens.p95) : '?'} ms; CPU median ${e20 ? fmt(e20.tipLensCpu.median) : '?'} ms; the same text checked again under its URI (every block's results reused): ${e20?.recheck ? fmt(e20.recheck.median) : '?'} ms`);
  const eBig = engineBig.results[0];
  // From the TIP Lens-only run (no markdownlint interleaved: its garbage would be collected inside whichever check runs next).
  const perCheck20 = eBig?.checkMs ?? {};
  budget(`reference.mismatch: its own time in a 20 KB check (median, TIP Lens alone, ${COUNT} narratives loaded)`, perCheck20['reference.mismatch'], 1, 'ms', `other checks in the same runs: ${Object.entries(perCheck20).filter(([k]) => k !== 'reference.mismatch').map(([k, v]) => `${k} ${fmt(v)} ms`).join(', ')}; whole check ${eBig ? fmt(eBig.tipLens.median) : '?'} ms`);
  budget(`Full check, 20 KB draft, ${COUNT} narratives loaded (a document opened fresh; median)`, eBig?.tipLens.median, 5, 'ms', `p95 ${eBig ? fmt(eBig.tipLens.p95) : '?'} ms; CPU median ${eBig ? fmt(eBig.tipLensCpu.median) : '?'} ms`);
  budget('Full check, 1 MB draft (a document opened fresh; median)', e1m?.tipLens.median, 100, 'ms', `p95 ${e1m ? fmt(e1m.tipLens.p95) : '?'} ms; CPU median ${e1m ? fmt(e1m.tipLensCpu.median) : '?'} ms; checked again unchanged: ${e1m?.recheck ? fmt(e1m.recheck.median) : '?'} ms`);
  budget(`KB load, ${COUNT} narratives + bundled (real loader: read and check all, ingest on first use)`, full.loadMs, 1000, 'ms', `CPU ${fmt(full.loadCpuMs)} ms; ingesting every report as well (never needed at once) would add ${fmt(full.ingestAllMs)} ms`);
  budget(`KB RSS, ${COUNT} narratives loaded (loader process)`, mb(full.loadedRss), 250, 'MB', `with every report ingested: ${fmt(mb(full.rss))} MB`);
  budget(
    'LSP: spawn → initialize result, bundled only (median of fresh processes)',
    initOurs?.median,
    200,
    'ms',
    initOurs && initPeer && initNode ? `p95 ${fmt(initOurs.p95)} ms; same run: a bare vscode-languageserver server ${fmt(initPeer.median)} ms, \`node -e 0\` ${fmt(initNode.median)} ms (TIP Lens minus the bare server: ${fmt(initOurs.median - initPeer.median)} ms)` : undefined,
  );
  budget(`LSP: spawn → initialize result, ${COUNT} narratives`, lspFull?.initializeMs, 1000, 'ms');
  budget(`LSP: spawn → first hover with content, ${COUNT} narratives`, lspFull?.firstHoverMs, 1000, 'ms');
  budget('LSP: hover p99, bundled only', lspBundled?.hover.p99, 5, 'ms');
  budget('LSP: completion p99, bundled only', lspBundled?.completion.p99, 5, 'ms');
  budget(`LSP: hover p99, ${COUNT} narratives`, lspFull?.hover.p99, 5, 'ms');
  budget(`LSP: completion p99, ${COUNT} narratives`, lspFull?.completion.p99, 5, 'ms');
  budget('LSP: server RSS, bundled only (steady, after the runs)', lspBundled?.rssSteadyMb, 80, 'MB');
  budget(`LSP: server RSS, ${COUNT} narratives (steady)`, lspFull?.rssSteadyMb, 250, 'MB');
  const mdLsLines = mdLs ? markdownLsLines(mdLs) : null;

  const gitRev = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  })();
  const totalS = (performance.now() - started) / 1000;
  const L: string[] = [];
  L.push('# TIP Lens benchmark results', '');
  L.push('Written by `npm run bench` (bench/run.ts). Figures only; no test asserts on time.', '');
  L.push(`- Machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform} ${process.arch}`);
  L.push(`- Node ${process.version}; date ${new Date().toISOString()}; commit ${gitRev} (with the working tree as it was)`);
  const loadEnd = loadavg();
  L.push(`- Load average (1/5/15 min) at start ${loadStart.map((x) => x.toFixed(2)).join(' / ')}, at end ${loadEnd.map((x) => x.toFixed(2)).join(' / ')}: other work on the machine (other engineers' builds and tests) makes single figures noisy; medians are the figures to read`);
  L.push(`- Whole run: ${totalS.toFixed(0)} s${quick ? ' (**--quick**: fewer repetitions, smaller KB; not the reference figures)' : ''}`);
  L.push(`- Synthetic KB: ${generated.count} narratives from \`bench/gen-kb.ts --count ${COUNT} --seed ${SEED}\`, ${(generated.bytes / 1e6).toFixed(1)} MB of text (mean ${(generated.bytes / generated.count / 1024).toFixed(1)} KB a narrative; real full narratives are about 4–5× longer), generated in ${genMs.toFixed(0)} ms`);
  L.push(`- Drafts: \`bench/gen-draft.ts\` seed 7 (Markdown brief about KHM-2022/KHM-2023 mixing right and wrong figures, quotes, tiers, citations, lists, tables, code)`, '');

  L.push('## Budgets', '', '| Figure | Measured | Budget | Result | Note |', '| --- | ---: | ---: | :---: | --- |');
  for (const r of budgetRows) L.push(`| ${r.figure} | ${r.measured} | ${r.budget} | ${r.verdict === 'MISS' ? '**MISS**' : r.verdict} | ${r.note ?? ''} |`);
  const misses = budgetRows.filter((r) => r.verdict === 'MISS');
  const unmeasured = budgetRows.filter((r) => r.verdict === 'n/a');
  L.push('', `${budgetRows.length - misses.length - unmeasured.length} of ${budgetRows.length} budgets met, ${misses.length} missed, ${unmeasured.length} not measured.`, '');
  // Why: for each kind of miss, the project functions that dominate the matching profile (details further down).
  const whyOf = (id: ProfileSummary['id']): string => {
    const p = profiles.find((x) => x.id === id);
    if (!p) return '(no profile)';
    const top = p.functions.filter((f) => /^(server\/src\/|node_modules\/fuse)/.test(f.where)).sort((a, b) => b.selfMs - a.selfMs).slice(0, 4);
    const gc = p.functions.find((f) => f.where === '(garbage collector)');
    return top.map((f) => `\`${f.where}\` ${(f.selfShare * 100).toFixed(0)}% self / ${(f.totalShare * 100).toFixed(0)}% incl`).join('; ') + (gc ? `; GC ${(gc.selfShare * 100).toFixed(0)}%` : '');
  };
  const why: [RegExp, ProfileSummary['id'], string][] = [
    [/^Full check, 20 KB/, 'engine20', '20 KB check'],
    [/^Full check, 1 MB/, 'engine1m', '1 MB check'],
    [/^KB (load|RSS)/, 'kb', 'KB load'],
    [/^LSP/, 'server', 'server'],
  ];
  const explained = why.filter(([re]) => misses.some((m) => re.test(m.figure)));
  if (explained.length) {
    L.push('Why (top project functions by self time in the matching `node --cpu-prof` profile below):', '');
    for (const [, id, label] of explained) L.push(`- ${label}: ${whyOf(id)}`);
    L.push('');
  }

  L.push('## Engine: full check beside markdownlint and a regex scan', '');
  L.push('Same text, same process, interleaved run by run, warm. TIP Lens = `createTipLensService({kb}).diagnostics(doc)` on a fresh document version each run (no cache hit), bundled reports loaded. markdownlint = `lint({strings})` from `markdownlint/sync` 0.38 with its default rules. Regex = one pass of `/\\[@[^\\]\\n]*\\]|\\d[\\d,.]*/g` (the floor: finding the numbers and citations, no understanding). Times in ms, median / p95 (wall clock; the CPU column is process CPU time of the same TIP Lens runs, steadier when the machine is shared).', '');
  L.push('| Draft | runs | TIP Lens | TIP Lens CPU | markdownlint | regex | TIP Lens ÷ markdownlint | TIP Lens ÷ regex | TIP Lens ms per 100 KB | diagnostics |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of engine.results) {
    const diag = Object.entries(r.diagnostics)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    L.push(`| ${(r.bytes / 1000).toFixed(0)} KB | ${r.runs} (markdownlint ${r.markdownlint.n}) | ${ms(r.tipLens)} | ${ms(r.tipLensCpu)} | ${ms(r.markdownlint)} | ${ms(r.regex)} | ${(r.tipLens.median / r.markdownlint.median).toFixed(3)} | ${(r.tipLens.median / r.regex.median).toFixed(0)}× | ${fmt((r.tipLens.median / r.bytes) * 100_000)} | ${diag || 'none'} |`);
  }
  if (eBig) {
    L.push(`| 20 KB, ${engineBig.reports} reports loaded | ${eBig.runs} | ${ms(eBig.tipLens)} | ${ms(eBig.tipLensCpu)} | – | – | – | – | ${fmt((eBig.tipLens.median / eBig.bytes) * 100_000)} | ${Object.entries(eBig.diagnostics).map(([k, v]) => `${k} ${v}`).join(', ')} |`);
  }
  if (engine.results.length >= 2) {
    const a = engine.results[0];
    const b = engine.results[engine.results.length - 1];
    const k = b.bytes / a.bytes;
    L.push('', `Linearity: ${(b.bytes / 1000).toFixed(0)} KB is ${k.toFixed(0)}× the ${(a.bytes / 1000).toFixed(0)} KB draft and takes ${(b.tipLens.median / a.tipLens.median).toFixed(0)}× as long (linear would be ${k.toFixed(0)}×; the per-100 KB column should stay flat).`);
  }
  L.push('');

  L.push('## Pathological drafts (issue 13)', '');
  L.push('Each pattern that once made the checker quadratic, repeated with no sentence end to the sizes shown, checked once by TIP Lens (fresh service, bundled reports) beside one pass of a plain regex for numbers, citations and quote marks over the same text (`/\\[@[^\\]\\n]*\\]|\\d[\\d,.]*|["“”\'`]/g`). Times in ms; "growth" is the larger size\'s time over the smaller\'s (the sizes differ 4×: linear is about 4).', '');
  const [sa, sb] = patterns.sizes;
  const label = (b: number) => (b >= 1048576 ? `${b / 1048576} MB` : `${b / 1024} KB`);
  L.push(`| Pattern | TIP Lens ${label(sa)} | TIP Lens ${label(sb)} | growth | regex ${label(sa)} | regex ${label(sb)} |`, '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const name of [...new Set(patterns.results.map((r) => r.name))]) {
    const a = patterns.results.find((r) => r.name === name && r.bytes === sa)!;
    const b = patterns.results.find((r) => r.name === name && r.bytes === sb)!;
    L.push(`| ${name.replace(/\|/g, '\\|')} | ${fmt(a.tipLensMs)} | ${fmt(b.tipLensMs)} | ${(b.tipLensMs / Math.max(a.tipLensMs, 0.5)).toFixed(1)} | ${fmt(a.regexMs)} | ${fmt(b.regexMs)} |`);
  }
  L.push('');

  L.push('## Knowledge base', '');
  L.push(`Each figure is a fresh \`node\` process (bench/load-kb.ts bundled with esbuild like dist/), median of ${kbRuns}.`, '');
  L.push('| Figure | Value |', '| --- | ---: |');
  L.push(`| Read the bundled reports (KHM-2022, KHM-2023), first call in a process | ${fmt(median(bundledLoads.map((x) => x.bundledReadMs)))} ms |`);
  L.push(`| Read and ingest the bundled reports, first call in a process | ${fmt(median(bundledLoads.map((x) => x.bundledColdMs)))} ms |`);
  L.push(`| Read and ingest the bundled reports, warm (median of 30) | ${fmt(median(bundledLoads.map((x) => x.bundledWarmMs)))} ms |`);
  L.push(`| RSS of a process holding the bundled reports | ${fmt(mb(bundledOnly.rss))} MB (node alone: ${fmt(mb(bundledOnly.rssBaseline))} MB) |`);
  L.push(`| Load ${COUNT} narratives + bundled (\`loadKnowledgeBase([dir])\`: every manifest and text read and checked, nothing ingested yet) | ${fmt(full.loadMs)} ms wall, ${fmt(full.loadCpuMs)} ms CPU (runs: ${fullLoads.map((x) => `${fmt(x.loadMs)}/${fmt(x.loadCpuMs)}`).join(', ')}) |`);
  L.push(`| … RSS / JS heap used after loading | ${fmt(mb(full.loadedRss))} MB / ${fmt(mb(full.loadedHeapUsed))} MB |`);
  L.push(`| Then ingest every one of them (the worst case; a check, hover or completion ingests only the reports it looks into) | ${fmt(full.ingestAllMs)} ms wall, ${fmt(full.ingestAllCpuMs)} ms CPU, ${fmt((full.ingestAllCpuMs / full.reports) * 1000)} µs CPU a report |`);
  L.push(`| … reports / problems | ${full.reports} / ${full.problems}${full.problems ? ` (${full.firstProblems.map((p) => `${p.file}: ${p.message}`).join('; ')})` : ''} |`);
  L.push(`| … sentences / facts / recommendations | ${full.sentences} / ${full.facts} / ${full.recommendations} |`);
  L.push(`| … RSS / JS heap used with every report ingested | ${fmt(mb(full.rss))} MB / ${fmt(mb(full.heapUsed))} MB |`);
  L.push(`| … per narrative, loaded / ingested | ${fmt((full.loadMs / full.reports) * 1000)} µs, ${fmt(((full.loadedRss - full.rssBaseline) / full.reports) / 1024)} KB RSS / ${fmt(((full.rss - full.rssBaseline) / full.reports) / 1024)} KB RSS |`);
  L.push(`| The floor of any loader: read + check ${COUNT} manifests and stat each text | ${fmt(median(manifestLoads.map((x) => x.manifestsMs)))} ms, RSS ${fmt(mb(median(manifestLoads.map((x) => x.rss))))} MB |`);
  L.push(`| The option not taken, an eager load from a cache of ingested reports (one JSON per report, ${(cacheWrite.bytes / 1e6).toFixed(0)} MB in all): read + JSON.parse ${cacheRead.reports} files | ${fmt(cacheRead.cacheMs)} ms wall, ${fmt(cacheRead.cacheCpuMs)} ms CPU, RSS ${fmt(mb(cacheRead.rss))} MB |`);
  L.push('');

  L.push('## Language server over stdio', '');
  L.push(`\`node ${SERVER_NODE_FLAGS.join(' ')} dist/server.js --stdio\` (the flags the VS Code client starts it with; see SERVER_NODE_FLAGS in server/src/protocol.ts) spawned as a separate process, driven by \`vscode-languageserver-protocol\`'s client side (bench/lsp.ts); settings \`tipLens.reports\` served through \`workspace/configuration\` and \`initializationOptions\`. One request at a time, wall-clock round trip including JSON-RPC over the pipes. RSS from /proc/<pid>/status.`, '');
  if (lspBundled || lspFull) {
    const col = (f: (r: LspResult) => string): string => `${lspBundled ? f(lspBundled) : '–'} | ${lspFull ? f(lspFull) : '–'}`;
    L.push(`| Figure | bundled only | with ${COUNT} narratives |`, '| --- | ---: | ---: |');
    L.push(`| spawn → initialize result | ${col((r) => `${fmt(r.initializeMs)} ms`)} |`);
    L.push(`| spawn → first hover with content | ${col((r) => (r.firstHoverMs === null ? 'never (timed out)' : `${fmt(r.firstHoverMs)} ms (${r.firstHoverAttempts} tries)`))} |`);
    L.push(`| hover p50 / p99 / max (${lspBundled?.hover.n ?? lspFull?.hover.n} requests) | ${col((r) => `${fmt(r.hover.median)} / ${fmt(r.hover.p99)} / ${fmt(r.hover.max)} ms`)} |`);
    L.push(`| … hovers with content | ${col((r) => `${r.hoverNonEmpty} of ${r.hover.n}`)} |`);
    L.push(`| completion p50 / p99 / max (${lspBundled?.completion.n ?? lspFull?.completion.n} requests) | ${col((r) => `${fmt(r.completion.median)} / ${fmt(r.completion.p99)} / ${fmt(r.completion.max)} ms`)} |`);
    L.push(`| … non-empty completions; first item for \`[@scam\` | ${col((r) => `${r.completionNonEmpty} of ${r.completion.n}; ${r.completionTopForScam ?? '–'}`)} |`);
    L.push(`| … slowest queries (ms, items) | ${col((r) => [...r.completionByQuery].sort((a, b) => b.max - a.max).slice(0, 4).map((q) => `\`${q.query}\` ${fmt(q.max)} (${q.items})`).join(', '))} |`);
    L.push(`| didChange → fresh diagnostics, 20 KB draft, p50 / p95 | ${col((r) => (r.editToDiagnostics.n ? `${fmt(r.editToDiagnostics.median)} / ${fmt(r.editToDiagnostics.p95)} ms (${r.diagnosticsMode}, ${r.diagnosticsOnDraft} diagnostics)` : `not measured (${r.diagnosticsMode})`))} |`);
    L.push(`| RSS after initialize / after first hover / steady / peak | ${col((r) => `${fmt(r.rssAfterInitMb)} / ${fmt(r.rssAfterFirstHoverMb)} / ${fmt(r.rssSteadyMb)} / ${fmt(r.peakRssMb)} MB`)} |`);
  }
  L.push('', 'Completion: every request is a different query (prefixes of recommendation words, report ids and keys, `[@sca`, `[@scam`, `[@restit`…) typed in a second open document, so the server\'s per-query cache cannot hide the search.');
  if (lspSemi) L.push('', `Same bundled-only run with plain \`node dist/server.js --stdio\` (V8's default young generation): RSS steady ${fmt(lspSemi.rssSteadyMb)} MB, peak ${fmt(lspSemi.peakRssMb)} MB (with ${SERVER_NODE_FLAGS.join(' ')}: ${lspBundled ? fmt(lspBundled.rssSteadyMb) : '?'} / ${lspBundled ? fmt(lspBundled.peakRssMb) : '?'} MB); hover p99 ${fmt(lspSemi.hover.p99)} ms, completion p99 ${fmt(lspSemi.completion.p99)} ms, edit → diagnostics p50 ${fmt(lspSemi.editToDiagnostics.median)} ms. What the smaller young generation removes is garbage between scavenges, not retained data (a plain process holding the bundled reports is ${fmt(mb(bundledOnly.rss))} MB).`);
  if (lspError) L.push('', `LSP figures: ${lspError.split('\n')[0]}`);
  L.push('');

  L.push('## CLI start (issue 17)', '');
  L.push(`Each a fresh process, spawned from this one, ${cliRuns} runs each, interleaved run by run; median wall clock (spawn to exit). The draft is the 20 KB one of the LSP section. markdownlint-cli2 is the peer when it is installed (its own \`engines\` asks for Node 22; it is not a dependency of this project).`, '');
  L.push('| Command | median | min | × node -e 0 |', '| --- | ---: | ---: | ---: |');
  const nodeMedian = median(cliTimes.get('node -e 0')!);
  for (const [name, xs] of cliTimes) L.push(`| ${name} | ${fmt(median(xs))} ms | ${fmt(Math.min(...xs))} ms | ${(median(xs) / nodeMedian).toFixed(2)} |`);
  const mdlTimes = cliTimes.get('markdownlint-cli2 20 KB');
  if (mdlTimes) L.push('', `tip-lens check ÷ markdownlint-cli2: ${(median(cliTimes.get('tip-lens check 20 KB')!) / median(mdlTimes)).toFixed(2)}.`);
  L.push('');

  if (mdLsLines) L.push(...mdLsLines);

  if (profiles.length) {
    L.push('## Where the time goes (`node --cpu-prof`)', '');
    for (const p of profiles) {
      L.push(`### ${p.title}`, '', `\`${p.command}\` — ${fmt(p.totalMs)} ms sampled.`, '');
      L.push('| self | inclusive | function |', '| ---: | ---: | --- |');
      const short = (w: string): string => (w.length > 110 ? w.slice(0, 107) + '…' : w).replace(/\|/g, '\\|');
      for (const f of p.functions.slice(0, 14)) L.push(`| ${(f.selfShare * 100).toFixed(1)}% | ${(f.totalShare * 100).toFixed(1)}% | \`${short(f.where)}\` |`);
      const project = [...p.functions].filter((f) => /^server\/src\//.test(f.where)).sort((a, b) => b.totalMs - a.totalMs).slice(0, 8);
      if (project.length) {
        L.push('', 'Project functions by inclusive time:', '');
        for (const f of project) L.push(`- ${(f.totalShare * 100).toFixed(1)}% \`${short(f.where)}\``);
      }
      L.push('');
    }
  }

  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), L.join('\n') + '\n');
  // kb import of generated multi-country PDFs (issue 19): its own script, which adds its row and section.
  const importBench = require('./import') as typeof import('./import');
  const imp = await importBench.runImportBench(quick ? 3 : 5);
  importBench.patchResults(join(ROOT, 'bench', 'RESULTS.md'), imp.row, imp.section);
  log(`wrote bench/RESULTS.md: ${budgetRows.length - misses.length - unmeasured.length} met, ${misses.length} missed, ${unmeasured.length} not measured`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
