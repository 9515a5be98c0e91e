/**
 * Child process for the engine figures: a full check (TIP Lens `diagnostics`)
 * of generated drafts, beside markdownlint's sync `lint` on the same text and a
 * plain regex scan (the floor), interleaved run by run so all three see the same
 * machine conditions. Prints one JSON object.
 *
 *   node bench/.out/engine.js 20000:200 1000000:20 [--tiplens-only] [--budget-ms 20000]
 *
 * Bundled by bench/run.ts like dist/ (markdownlint, ESM-only, stays external and
 * is loaded with a dynamic import). Each size stops after `--budget-ms` of TIP
 * Lens time (at least 5 runs), so a slow engine cannot stall the whole bench.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadKnowledgeBase } from '../server/src/node/loadReports';
import { createTipLensService } from '../server/src/service';
import { NEVER_CANCELLED } from '../server/src/service/types';
import { CHECKS } from '../server/src/service/checks/registry';
import type { Check } from '../server/src/service/checks/types';
import { generateDraft } from './gen-draft';
import { stats, type Stats } from './lib/stats';

export interface EngineSizeResult {
  bytes: number;
  runs: number;
  tipLens: Stats;
  /** Checking the same text again under the same URI (every block's results reused): what an unchanged document costs. */
  recheck: Stats;
  /** CPU time of the same runs (process.cpuUsage: all threads), steadier than wall time when the machine is shared. */
  tipLensCpu: Stats;
  markdownlint: Stats;
  regex: Stats;
  diagnostics: Record<string, number>;
  markdownlintIssues: number;
  regexMatches: number;
  /** Per check (registry name): its own time in one full check, median over the timed runs, ms. */
  checkMs: Record<string, number>;
}

/**
 * Each check's own time: the bench wraps the registry's hooks with a timer (the engine has no timing of its own).
 * `spent` collects the current run's time per check; `perRun` the runs' totals.
 */
const spent = new Map<string, number>();
for (const c of CHECKS as readonly Check[]) {
  const hooks = c as { -readonly [K in keyof Check]: Check[K] };
  for (const h of ['start', 'sentence', 'finish'] as const) {
    const orig = hooks[h] as ((...a: unknown[]) => void) | undefined;
    if (!orig) continue;
    (hooks as Record<string, unknown>)[h] = (...a: unknown[]) => {
      const t = performance.now();
      try {
        orig.apply(c, a);
      } finally {
        spent.set(c.name, (spent.get(c.name) ?? 0) + performance.now() - t);
      }
    };
  }
}

/** The floor: one pass of one global regex for numbers and citation brackets. */
const FLOOR = /\[@[^\]\n]*\]|\d[\d,.]*/g;
function regexScan(text: string): number {
  let n = 0;
  FLOOR.lastIndex = 0;
  while (FLOOR.exec(text) !== null) n++;
  return n;
}

let lastCpuMs = 0;
/** Wall time of one call in ms; its CPU time goes to `lastCpuMs`. */
function time(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  lastCpuMs = (c.user + c.system) / 1000;
  return wall;
}

// --tiplens-only: time TIP Lens alone (for `node --cpu-prof`, so the profile is not mostly markdownlint).
const tipLensOnly = process.argv.includes('--tiplens-only');
const budgetArg = process.argv.indexOf('--budget-ms');
const budgetMs = budgetArg >= 0 ? Number(process.argv[budgetArg + 1]) : 20_000;
const kbArg = process.argv.indexOf('--kb');
const kbPaths = kbArg >= 0 ? [process.argv[kbArg + 1]] : [];
const warmArg = process.argv.indexOf('--warm');
const warmRuns = warmArg >= 0 ? Number(process.argv[warmArg + 1]) : undefined;
const specArgs = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--budget-ms' && all[i - 1] !== '--warm' && all[i - 1] !== '--kb');
const specs = (specArgs.length ? specArgs : ['20000:200', '1000000:20']).map((s) => {
  const [bytes, runs] = s.split(':').map(Number);
  return { bytes, runs };
});

type LintSync = (options: { strings: Record<string, string> }) => Record<string, unknown[]>;

async function main(): Promise<void> {
  const lint: LintSync = tipLensOnly ? () => ({ draft: [] }) : ((await import('markdownlint/sync')) as { lint: LintSync }).lint;
  const kb = loadKnowledgeBase(kbPaths);
  const service = createTipLensService({ kb });
  const results: EngineSizeResult[] = [];
  let version = 1;
  for (const { bytes, runs } of specs) {
    const text = generateDraft(bytes, 7);
    const uri = `file:///bench/draft-${bytes}.md`;
    // A new document every run: the service remembers each document's blocks and sentences (the incremental re-check),
    // and a full check must reuse none of that. (The same URI with a new version re-checks nothing: see `recheck`.)
    const check = (): number => service.diagnostics(TextDocument.create(`file:///bench/draft-${bytes}-${version}.md`, 'markdown', version++, text), NEVER_CANCELLED).length;
    const recheck = (): number => service.diagnostics(TextDocument.create(uri, 'markdown', version++, text), NEVER_CANCELLED).length;
    const mdl = (): number => lint({ strings: { draft: text } }).draft.length;
    const warm = warmRuns ?? (bytes > 300_000 ? 1 : Math.max(2, Math.min(20, Math.floor(runs / 5))));
    for (let i = 0; i < warm && (i < 2 || bytes <= 300_000 || warmRuns !== undefined); i++) {
      check();
      if (i < 2 || bytes <= 100_000) mdl();
      regexScan(text);
    }
    recheck();
    const again: number[] = [];
    for (let i = 0; i < Math.min(runs, 50); i++) again.push(time(recheck));
    const tl: number[] = [];
    const tlCpu: number[] = [];
    const ml: number[] = [];
    const rx: number[] = [];
    // markdownlint is much slower on big drafts: stop timing it after ~12 s per size (at least 5 runs).
    let mlSpent = 0;
    let tlSpent = 0;
    // At least 5 runs, or 3 when one run alone takes over a second (a quadratic engine on 1 MB would otherwise stall the bench).
    const perCheck = new Map<string, number[]>();
    for (let i = 0; i < runs && (i < 3 || (i < 5 && tlSpent < 5_000) || tlSpent < budgetMs); i++) {
      spent.clear();
      const t = time(check);
      for (const [name, ms] of spent) perCheck.set(name, [...(perCheck.get(name) ?? []), ms]);
      tl.push(t);
      tlCpu.push(lastCpuMs);
      tlSpent += t;
      if (ml.length < 5 || mlSpent < 12_000) {
        const t = time(mdl);
        ml.push(t);
        mlSpent += t;
      }
      rx.push(time(() => regexScan(text)));
    }
    const diagnostics: Record<string, number> = {};
    for (const d of service.diagnostics(TextDocument.create(uri, 'markdown', version++, text), NEVER_CANCELLED)) {
      const code = String(d.code ?? 'none');
      diagnostics[code] = (diagnostics[code] ?? 0) + 1;
    }
    results.push({ bytes: Buffer.byteLength(text), runs: tl.length, tipLens: stats(tl), recheck: stats(again), tipLensCpu: stats(tlCpu), markdownlint: stats(ml), regex: stats(rx), diagnostics, markdownlintIssues: mdl(), regexMatches: regexScan(text), checkMs: Object.fromEntries([...perCheck].map(([k, v]) => [k, stats(v).median])) });
  }
  console.log(JSON.stringify({ reports: kb.reports.size, results }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
