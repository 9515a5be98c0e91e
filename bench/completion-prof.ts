/**
 * In-process look at completion cost: the engine with the same KB, probe
 * document and queries as bench/lsp.ts, each query timed once (first = cold),
 * plus the JSON size the server would send. `--cpu-prof` writes a profile of
 * the completion loop only.
 *
 *   npx tsx bench/completion-prof.ts [--kb bundled|4000] [--cpu-prof FILE]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadKnowledgeBase } from '../server/src/node/loadReports';
import { createTipLensService } from '../server/src/service';
import { defaultSettings } from '../server/src/service/settings';
import { completionQueries } from './lsp';
import { generateDraft } from './gen-draft';


const ROOT = resolve(__dirname, '..');
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const kbArg = arg('--kb', '4000');
const prof = argv.includes('--cpu-prof') ? arg('--cpu-prof', 'completion.cpuprofile') : undefined;
const n = Number(arg('--n', '500'));
const never = { isCancellationRequested: false };

async function main(): Promise<void> {
  const paths = kbArg === 'bundled' ? [] : [join(ROOT, 'bench', '.out', 'kb-4000')];
  const kb = loadKnowledgeBase(paths, ROOT);
  const svc = createTipLensService({ kb, settings: { ...defaultSettings(), reports: paths } });
  const brief = TextDocument.create('file:///bench/brief.md', 'markdown', 1, generateDraft(20_000, 7) + '\nFor comparison, see France [@FRA-2019/R2].\n');
  svc.diagnostics(brief, never);
  const queries = completionQueries(n);
  const text = '# Completion probes\n\n' + queries.map((q) => `Probe [@${q}]`).join('\n') + '\n';
  const doc = TextDocument.create('file:///bench/probes.md', 'markdown', 1, text);
  svc.diagnostics(doc, never);
  let from = 0;
  const positions = queries.map((q) => {
    const at = text.indexOf(`[@${q}]`, from);
    from = at + 1;
    return { q, pos: doc.positionAt(at + 2 + q.length) };
  });
  const session = new Session();
  if (prof) {
    session.connect();
    await new Promise<void>((r) => session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 100 }, () => session.post('Profiler.start', () => r()))));
  }
  const times: { q: string; ms: number; jsonMs: number; bytes: number; items: number; cpuMs: number }[] = [];
  for (const { q, pos } of positions) {
    const c0 = process.cpuUsage();
    const s = performance.now();
    const r = svc.completion(doc, pos, never);
    const m = performance.now();
    const cpu = process.cpuUsage(c0);
    const json = JSON.stringify(r);
    const e = performance.now();
    times.push({ q, ms: m - s, jsonMs: e - m, bytes: json.length, items: r?.items.length ?? 0, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  if (prof) {
    await new Promise<void>((r) =>
      session.post('Profiler.stop', (err, res) => {
        writeFileSync(prof, JSON.stringify(res.profile));
        r();
      }),
    );
  }
  const sorted = [...times].sort((a, b) => a.ms - b.ms);
  const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)].ms;
  const total = times.reduce((a, t) => a + t.ms, 0);
  const cpuSorted = times.map((t) => t.cpuMs).sort((a, b) => a - b);
  console.log(`cpu p50 ${cpuSorted[249].toFixed(2)} p99 ${cpuSorted[Math.ceil(0.99 * cpuSorted.length) - 1].toFixed(2)}`);
  const jsonTotal = times.reduce((a, t) => a + t.jsonMs, 0);
  console.log(`${kbArg}: ${times.length} completions, engine p50 ${pct(0.5).toFixed(2)} p99 ${pct(0.99).toFixed(2)} max ${sorted[sorted.length - 1].ms.toFixed(2)} total ${total.toFixed(0)} ms; JSON.stringify total ${jsonTotal.toFixed(0)} ms, mean ${(times.reduce((a, t) => a + t.bytes, 0) / times.length / 1024).toFixed(1)} KB`);
  console.log('slowest:', [...times].sort((a, b) => b.ms - a.ms).slice(0, 12).map((t) => `${t.q} ${t.ms.toFixed(1)}ms (cpu ${t.cpuMs.toFixed(1)})/${t.items}`).join(', '));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
