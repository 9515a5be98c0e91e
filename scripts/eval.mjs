#!/usr/bin/env node
// Accuracy on evaluation drafts: runs the real CLI (`tip-lens check --format json`) on each set
// and prints precision, recall and must-not-flag violations per set.
//
// A set is a folder with drafts/, expected.json ({file, line, code, min_severity, why}) and
// must_not_flag.json ({file, line, why}). Sets: test/eval/dev (looked at while building),
// test/eval/test (scored only when a change is done), and ../shared/eval/dev when present.
//
//   npm run eval                 all sets
//   npm run eval -- dev shared   only these (names: dev, test, shared, or a folder path)
//   npm run eval -- --verbose    also list misses and unexpected diagnostics
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const named = args.filter((a) => !a.startsWith('-'));
const known = {
  dev: join(root, 'test/eval/dev'),
  test: join(root, 'test/eval/test'),
  shared: resolve(root, '../shared/eval/dev'),
};
const wanted = named.length ? named : ['dev', 'test', 'shared'];
const sets = wanted.map((n) => ({ name: n, dir: known[n] ?? resolve(n) })).filter((s) => existsSync(join(s.dir, 'expected.json')) && existsSync(join(s.dir, 'drafts')) && readdirSync(join(s.dir, 'drafts')).length > 0);
if (sets.length === 0) {
  console.error('eval: no evaluation set found (looked for ' + wanted.map((n) => known[n] ?? n).join(', ') + ')');
  process.exit(2);
}

const SEV = { error: 0, warning: 1, information: 2, hint: 3 };
const counts = (d, entry) => SEV[d.severity] <= SEV[entry?.min_severity ?? 'warning'];

function run(dir) {
  const draftsDir = join(dir, 'drafts');
  const files = readdirSync(draftsDir).sort().map((f) => join(draftsDir, f));
  const r = spawnSync(process.execPath, [join(root, 'bin/tip-lens.js'), 'check', ...files, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`tip-lens check failed in ${dir} (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const rel = (file) => {
  const f = String(file).replace(/\\/g, '/');
  const i = f.lastIndexOf('drafts/');
  return i >= 0 ? f.slice(i) : f;
};

function score(dir, diags) {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const mustNot = JSON.parse(readFileSync(join(dir, 'must_not_flag.json'), 'utf8'));
  const mustNotKeys = new Set(mustNot.map((m) => `${m.file}:${m.line}`));
  const expByKey = new Map(expected.map((e) => [`${e.file}:${e.line}:${e.code}`, e]));
  const seen = new Set();
  const counted = [];
  for (const d of diags) {
    const key = `${rel(d.file)}:${d.range.start.line}:${d.code}`;
    if (seen.has(key)) continue;
    const e = expByKey.get(key);
    if (!(SEV[d.severity] <= SEV.warning || (e && counts(d, e)))) continue;
    seen.add(key);
    counted.push({ key, d, e });
  }
  const hits = counted.filter((c) => c.e);
  const partialOf = (c) => {
    const alt = c.d.code === 'figure.mismatch' ? 'figure.wrong-year' : c.d.code === 'figure.wrong-year' ? 'figure.mismatch' : undefined;
    return alt && expByKey.has(`${rel(c.d.file)}:${c.d.range.start.line}:${alt}`);
  };
  const unexpected = counted.filter((c) => !c.e && !partialOf(c));
  const partial = counted.filter((c) => !c.e && partialOf(c));
  const hitKeys = new Set(hits.map((h) => h.key));
  const missed = expected.filter((e) => !hitKeys.has(`${e.file}:${e.line}:${e.code}`));
  const violations = counted.filter((c) => mustNotKeys.has(`${rel(c.d.file)}:${c.d.range.start.line}`));
  const denom = hits.length + unexpected.length;
  return {
    expected: expected.length,
    mustNot: mustNot.length,
    drafts: new Set(expected.map((e) => e.file).concat(mustNot.map((m) => m.file))).size,
    precision: denom ? hits.length / denom : 0,
    recall: expected.length ? hits.length / expected.length : 1,
    hits: hits.length,
    partial: partial.length,
    unexpected,
    missed,
    violations: violations.length,
  };
}

const rows = [];
for (const s of sets) {
  const diags = run(s.dir);
  const r = score(s.dir, diags);
  rows.push({ name: s.name, ...r });
  if (verbose) {
    console.log(`\n## ${s.name} (${s.dir})`);
    for (const m of r.missed) console.log(`  missed ${m.file}:${m.line} ${m.code}  ${m.why ?? ''}`);
    for (const u of r.unexpected) console.log(`  unexpected ${u.key}${r.violations && u ? '' : ''}  ${u.d.message}`);
  }
}
console.log('\nset      drafts  expected  must-not  hits  partial  precision  recall  true lines flagged');
for (const r of rows) {
  console.log(`${r.name.padEnd(8)} ${String(r.drafts).padStart(6)}  ${String(r.expected).padStart(8)}  ${String(r.mustNot).padStart(8)}  ${String(r.hits).padStart(4)}  ${String(r.partial).padStart(7)}  ${r.precision.toFixed(2).padStart(9)}  ${r.recall.toFixed(2).padStart(6)}  ${String(r.violations).padStart(18)}`);
}
