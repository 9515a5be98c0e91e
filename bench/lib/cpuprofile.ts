/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self and inclusive
 * time per function, as `file:line function` with its share of the samples.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface FunctionTime {
  where: string;
  selfMs: number;
  selfShare: number;
  totalMs: number;
  totalShare: number;
}

/**
 * esbuild's unminified bundles mark where each module starts with a `// path/to/file.ts`
 * comment line; use those to name the source file of a bundle line.
 */
const moduleMaps = new Map<string, { line: number; file: string }[]>();
function moduleOf(bundle: string, line: number): string | undefined {
  let marks = moduleMaps.get(bundle);
  if (!marks) {
    marks = [];
    try {
      const lines = readFileSync(bundle, 'utf8').split('\n');
      lines.forEach((l, i) => {
        const m = /^\/\/ ((?:[\w@.-]+\/)*[\w@.-]+\.(?:ts|js|mjs|cjs|json))$/.exec(l);
        if (m) marks!.push({ line: i, file: m[1] });
      });
    } catch {
      // not readable: keep bundle-relative names
    }
    moduleMaps.set(bundle, marks);
  }
  let found: string | undefined;
  for (const m of marks) {
    if (m.line > line) break;
    found = m.file;
  }
  return found;
}

function label(cf: CallFrame, root: string): string {
  let url = cf.url.replace(/^file:\/\//, '');
  const fn = cf.functionName || '(anonymous)';
  if (!url) return fn;
  const mod = url.endsWith('.js') && !url.startsWith('node:') ? moduleOf(url, cf.lineNumber) : undefined;
  if (mod) return `${mod} ${fn}`;
  if (url.startsWith(root)) url = url.slice(root.length + 1);
  return `${url}:${cf.lineNumber + 1} ${fn}`;
}

/** Self and inclusive time per function, sorted by self time. Source-mapped names are not resolved; bundle with sourcemaps off names intact. */
export function summarise(file: string, root: string): { totalMs: number; functions: FunctionTime[] } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  // Time per sample from timeDeltas (more exact than hitCount × mean interval).
  const selfUs = new Map<number, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i + 1] ?? deltas[i] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + dt);
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const l = label(n.callFrame, root);
    self.set(l, (self.get(l) ?? 0) + us);
    // Inclusive: count each distinct function once per stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cn = byId.get(cur);
      if (!cn) break;
      const cl = label(cn.callFrame, root);
      if (seen.has(cl)) continue;
      seen.add(cl);
      incl.set(cl, (incl.get(cl) ?? 0) + us);
    }
  }
  const functions: FunctionTime[] = [...incl.keys()].map((where) => ({
    where,
    selfMs: (self.get(where) ?? 0) / 1000,
    selfShare: (self.get(where) ?? 0) / totalUs,
    totalMs: (incl.get(where) ?? 0) / 1000,
    totalShare: (incl.get(where) ?? 0) / totalUs,
  }));
  functions.sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs: totalUs / 1000, functions };
}

const isMain = process.argv[1] !== undefined && /cpuprofile\.ts$/.test(process.argv[1]);
if (isMain) {
  const [file, n = '25'] = process.argv.slice(2);
  const s = summarise(file, process.cwd());
  console.log(`total sampled ${s.totalMs.toFixed(0)} ms`);
  console.log('-- by self time');
  for (const f of s.functions.slice(0, Number(n))) console.log(`${(f.selfShare * 100).toFixed(1).padStart(5)}% self ${f.selfMs.toFixed(0).padStart(6)} ms  ${(f.totalShare * 100).toFixed(1).padStart(5)}% incl  ${f.where}`);
  console.log('-- by inclusive time');
  for (const f of [...s.functions].sort((a, b) => b.totalMs - a.totalMs).slice(0, Number(n))) console.log(`${(f.totalShare * 100).toFixed(1).padStart(5)}% incl ${f.totalMs.toFixed(0).padStart(6)} ms  ${f.where}`);
}
