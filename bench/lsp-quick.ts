/**
 * Quick LSP latency check (hover and completion only matter here): the same
 * runLspBench options bench/run.ts uses, for the bundled reports and a
 * generated KB, without the rest of the bench.
 *
 *   npx tsx bench/lsp-quick.ts [--kb bundled|4000|both] [--runs N] [--n 500] [--prof DIR] [--server dist/server.js]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeKb } from './gen-kb';
import { generateDraft } from './gen-draft';
import { runLspBench } from './lsp';

const ROOT = resolve(__dirname, '..');
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const which = arg('--kb', 'both');
const runs = Number(arg('--runs', '1'));
const n = Number(arg('--n', '500'));
const prof = argv.includes('--prof') ? resolve(arg('--prof', '')) : undefined;
const serverJs = resolve(arg('--server', join(ROOT, 'dist', 'server.js')));

async function main(): Promise<void> {
  const kbDir = join(ROOT, 'bench', '.out', 'kb-4000');
  if (which !== 'bundled' && !existsSync(join(kbDir, 'FRA-2019.json'))) writeKb(kbDir, 4000, 42);
  const probeId = existsSync(join(kbDir, 'FRA-2019.json')) ? 'FRA-2019' : readdirSync(kbDir)[0].replace(/\.json$/, '');
  const draft = generateDraft(20_000, 7) + `\nFor comparison, see France [@${probeId}/R2].\n`;
  const nodeArgs = prof ? ['--cpu-prof', '--cpu-prof-dir', prof, '--cpu-prof-interval', '100'] : [];
  const kbs = which === 'both' ? ['bundled', '4000'] : [which];
  for (let run = 0; run < runs; run++) {
    for (const kb of kbs) {
      const r =
        kb === 'bundled'
          ? await runLspBench({ serverJs, settings: { reports: [] }, draft, probeReference: '[@KHM-2023/R1]', hovers: n, completions: n, edits: 10, timeoutMs: 10_000, nodeArgs })
          : await runLspBench({ serverJs, settings: { reports: [kbDir] }, draft, probeReference: `[@${probeId}/R2]`, hovers: n, completions: n, edits: 10, timeoutMs: 60_000, nodeArgs });
      const f = (x: number): string => x.toFixed(2);
      const slow = [...r.completionByQuery].sort((a, b) => b.max - a.max).slice(0, 5).map((q) => `${q.query} ${f(q.max)}`).join(', ');
      console.log(`${kb.padEnd(7)} completion p50 ${f(r.completion.median)} p99 ${f(r.completion.p99)} max ${f(r.completion.max)} | hover p50 ${f(r.hover.median)} p99 ${f(r.hover.p99)} | top(scam)=${r.completionTopForScam} | slowest: ${slow}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
