#!/usr/bin/env node
// test-grammar-vscode.mjs: runs the grammar tests (syntaxes/test/*.test.md) a second
// time, injected into VS Code's own Markdown grammar as shipped in code-server
// (from install-e2e-deps.sh's cache). Skips, with a note, when that cache is absent.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = process.env.E2E_CACHE ?? path.join(os.homedir(), '.cache', 'e2e');
const grammar = path.join(cache, 'code-server/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json');
if (!fs.existsSync(grammar)) {
  // In CI the installer has run first (.ci/run), so a missing grammar is a failure, not a skip.
  if (process.env.CI) {
    console.error(`test-grammar-vscode: no VS Code Markdown grammar at ${grammar} (did scripts/e2e/install-e2e-deps.sh run?)`);
    process.exit(1);
  }
  console.log(`test-grammar-vscode: skipped (no VS Code Markdown grammar at ${grammar}; run scripts/e2e/install-e2e-deps.sh)`);
  process.exit(0);
}
const bin = path.join(root, 'node_modules', '.bin', 'vscode-tmgrammar-test');
const r = spawnSync(bin, ['-g', grammar, 'syntaxes/test/*.test.md'], { cwd: root, encoding: 'utf8' });
// The Markdown grammar embeds dozens of languages we do not load: drop those warnings.
const out = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l && !/^grammar not found for/.test(l));
console.log(out.map((l) => `[vscode markdown] ${l}`).join('\n'));
process.exit(r.status ?? 1);
