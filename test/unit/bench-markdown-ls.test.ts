// The comparison with VS Code's Markdown server (bench/markdown-ls.ts): no timing is
// asserted here, only what the bench promises about itself: the peer is never a
// project dependency nor shipped, a missing Node 24 skips the peer rows with a
// reason instead of failing, and `--only markdown-ls` rewrites its own section only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensurePeer, markdownLsSection, PEER_PACKAGE, spliceSection, type MarkdownLsOutcome } from '../../bench/markdown-ls';

const ROOT = resolve(__dirname, '..', '..');
const fmt = (n: number): string => n.toFixed(1);

test('markdown-ls bench: the peer is not a dependency, is gitignored and stays out of the .vsix', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) assert.equal(pkg[field]?.[PEER_PACKAGE], undefined, field);
  assert.doesNotMatch(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'), new RegExp(`node_modules/${PEER_PACKAGE}"`));
  assert.match(readFileSync(join(ROOT, '.gitignore'), 'utf8'), /^bench\/\.peer\/$/m);
  const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
  // An allow-list: everything out, then named files back in; none of them under bench/.
  assert.equal(ignore.find((l) => l.trim() && !l.startsWith('#')), '**');
  assert.deepEqual(ignore.filter((l) => l.startsWith('!') && /bench/.test(l)), []);
  assert.ok(ignore.includes('bench/.peer/**'));
});

test('markdown-ls bench: without Node 24 the peer is skipped with the reason, nothing installed', () => {
  const root = mkdtempSync(join(tmpdir(), 'mdls-'));
  try {
    const logs: string[] = [];
    const p = ensurePeer(root, (m) => logs.push(m), join(root, 'no-such-node'));
    assert.equal(p.ok, false);
    assert.match(p.reason ?? '', /no Node 24 at .*no-such-node/);
    assert.equal(existsSync(join(root, 'bench', '.peer')), false);
    assert.deepEqual(logs, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

const skipped: MarkdownLsOutcome = {
  peer: { ok: false, reason: 'no Node 24 at /nowhere' },
  nodeStartMs: { tipLens: 40 },
  tipLensNode: 'v20.0.0',
  tipLensArgs: ['--max-semi-space-size=2'],
  coldRuns: 5,
  edits: 20,
  sizes: [
    { label: '20 KB', bytes: 20_000, cold: { tipLens: { n: 5, min: 1, median: 300, p95: 400, p99: 400, max: 400, mean: 300 } }, coldDiagnostics: { tipLens: 70 }, kinds: {}, coldInit: { tipLens: 200 }, edit: {}, editDiagnostics: {}, rssMb: {} },
    { label: '1 MB', bytes: 1_000_000, cold: {}, coldDiagnostics: {}, kinds: {}, coldInit: {}, edit: {}, editDiagnostics: {}, rssMb: {} },
  ],
  errors: [],
  editDescription: 'one digit',
};

test('markdown-ls bench: a skipped peer says so; its ratios are not measured (no pass, no miss)', () => {
  const { lines, budgets } = markdownLsSection(skipped, fmt);
  const text = lines.join('\n');
  assert.equal(lines[0], "## Beside VS Code's Markdown server");
  assert.match(text, /\*\*not run\*\*: no Node 24 at \/nowhere/);
  assert.match(text, /\| open → first diagnostics, 20 KB, fresh process \(pull; median of 5 \/ 0\) \| 300\.0 ms \(400\.0\) \| – \| – \|/);
  // Two cold figures and p50 + p95 for two edit sizes.
  assert.equal(budgets.length, 6);
  assert.ok(budgets.every((b) => b.value === null && /peer skipped: no Node 24/.test(b.note)));
});

test('markdown-ls bench: the ratio is TIP Lens over the Markdown server', () => {
  const s = (median: number, p95 = median) => ({ n: 20, min: 1, median, p95, p99: p95, max: p95, mean: median });
  const r: MarkdownLsOutcome = {
    ...skipped,
    peer: { ok: true, node: '/n24', nodeVersion: 'v24.0.0', serverJs: '/x.js', installed: 'already' },
    sizes: [{ ...skipped.sizes[0], cold: { tipLens: s(100), markdownLs: s(400) }, edit: { tipLens: s(10, 20), markdownLs: s(40, 20) } }],
  };
  const { lines, budgets } = markdownLsSection(r, fmt);
  assert.deepEqual(
    budgets.map((b) => b.value),
    [0.25, 0.25, 1],
  );
  assert.match(lines.join('\n'), /\| edit → diagnostics, 20 KB, warm, p50 \/ p95 \(20 \/ 20 edits\) \| 10\.0 \/ 20\.0 ms \| 40\.0 \/ 20\.0 ms \| 0\.25 \/ 1\.00 \|/);
});

test('markdown-ls bench: --only rewrites its own section and leaves the others byte for byte', () => {
  const before = ['# R', '', '## Budgets', '', '| a |', '', "## Beside VS Code's Markdown server", '', 'old', '', '## Where the time goes', '', 'p', ''].join('\n');
  const after = spliceSection(before, ["## Beside VS Code's Markdown server", '', 'new', ''], '## Where the time goes');
  assert.equal(after, before.replace('old', 'new'));
  // Absent: inserted before the given heading.
  const without = ['# R', '', '## CLI start', '', 'c', '', '## Where the time goes', '', 'p', ''].join('\n');
  const inserted = spliceSection(without, ["## Beside VS Code's Markdown server", '', 'new', ''], '## Where the time goes');
  assert.equal(inserted, without.replace('## Where the time goes', "## Beside VS Code's Markdown server\n\nnew\n\n## Where the time goes"));
});
