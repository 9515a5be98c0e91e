#!/usr/bin/env node
// screenshots.mjs: docs/{hover,problems,completion,quote-hover,paragraph-hover,reference-mismatch,reference-mismatch-hover,source-view}.png, taken in a real VS Code
// (code-server + headless Chromium) with TIP Lens under development.
// Needs: node esbuild.mjs, npm run compile:vscode-tests, bash scripts/e2e/install-e2e-deps.sh.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-lens-shots-'));
const settings = path.join(shots, 'settings.json');
fs.writeFileSync(
  settings,
  JSON.stringify({
    'workbench.colorTheme': 'Default Dark Modern',
    'editor.fontSize': 15,
    'editor.minimap.enabled': false,
    'editor.hover.above': false,
    'editor.wordWrap': 'on',
    'breadcrumbs.enabled': false,
    'workbench.layoutControl.enabled': false,
    'window.commandCenter': false,
  }),
);
const r = spawnSync(
  process.execPath,
  [
    path.join(root, 'scripts', 'e2e', 'run-e2e.mjs'),
    '--ext', root,
    '--tests', path.join(root, 'out', 'test', 'vscode', 'screenshots.js'),
    '--workspace', path.join(root, 'test', 'vscode', 'workspace'),
    '--settings', settings,
    '--screenshots', shots,
    '--timeout', '180',
  ],
  { stdio: 'inherit' },
);
if (r.status !== 0) {
  console.error(`screenshots: the run failed (exit ${r.status}); partial results in ${shots}`);
  process.exit(r.status ?? 3);
}
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
for (const name of ['hover', 'problems', 'completion', 'quote-hover', 'paragraph-hover', 'reference-mismatch', 'reference-mismatch-hover', 'source-view']) {
  fs.copyFileSync(path.join(shots, `${name}.png`), path.join(root, 'docs', `${name}.png`));
  console.log(`docs/${name}.png`);
}
fs.rmSync(shots, { recursive: true, force: true });
