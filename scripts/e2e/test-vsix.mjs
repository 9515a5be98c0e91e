#!/usr/bin/env node
// test-vsix.mjs: package TIP Lens with vsce (as `npm run package` does), check the
// .vsix holds what the extension needs at run time and nothing big, then install it
// into code-server and run the short suite out/test/vscode/vsix.js against the
// installed copy (no extension under development).
// Needs: node esbuild.mjs, npm run compile:vscode-tests, bash scripts/e2e/install-e2e-deps.sh.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const MAX_BYTES = 2 * 1024 * 1024;
const REQUIRED = [
  'extension/package.json',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/kb-snapshot.json',
  'extension/dist/lib/yaml.js',
  'extension/dist/lib/fuse.js',
  'extension/dist/lib/diff.js',
  'extension/dist/lib/bibtex.js',
  'extension/dist/lib/import.js',
  'extension/dist/lib/pdfjs.js',
  'extension/server/reports/KHM-2023.txt',
  'extension/server/reports/KHM-2022.txt',
  'extension/syntaxes/tip-lens-references.tmLanguage.json',
  'extension/snippets/tip-lens.code-snippets',
  'extension/images/icon.png',
  'extension/LICENSE.txt',
  'extension/CHANGELOG.md',
];
const FORBIDDEN = [/^extension\/node_modules\//, /^extension\/(client|test|out|scripts|bench)\//, /^extension\/server\/src\//, /\.map$/, /\.ts$/];

const fail = (msg) => {
  console.error(`[vsix] ERROR: ${msg}`);
  process.exit(1);
};

/** Entry names of a zip file, from its central directory. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) fail(`${file}: bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

if (!process.argv.includes('--no-package')) {
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) fail(`vsce package failed (exit ${r.status})`);
}
if (!fs.existsSync(vsix)) fail(`${vsix} does not exist: run npm run package`);

const size = fs.statSync(vsix).size;
const entries = zipEntries(vsix);
console.log(`[vsix] ${path.basename(vsix)}: ${(size / 1024).toFixed(0)} KiB, ${entries.length} files`);
for (const e of entries) console.log(`[vsix]   ${e}`);
if (size > MAX_BYTES) fail(`${path.basename(vsix)} is ${size} bytes, over the ${MAX_BYTES} byte budget`);
// vsce stores CHANGELOG.md and README.md as changelog.md and readme.md.
const lower = new Set(entries.map((e) => e.toLowerCase()));
if (fs.existsSync(path.join(root, 'README.md'))) REQUIRED.push('extension/readme.md');
const missing = REQUIRED.filter((r) => !lower.has(r.toLowerCase()));
if (missing.length) fail(`missing from the .vsix: ${missing.join(', ')}`);
const unwanted = entries.filter((e) => FORBIDDEN.some((re) => re.test(e)));
if (unwanted.length) fail(`should not be in the .vsix: ${unwanted.join(', ')}`);

const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'scripts', 'e2e', 'run-e2e.mjs'),
    '--install-extension', vsix,
    '--tests', path.join(root, 'out', 'test', 'vscode', 'vsix.js'),
    '--workspace', path.join(root, 'test', 'vscode', 'workspace'),
    '--timeout', process.env.TIP_LENS_VSIX_TIMEOUT ?? '180',
    ...process.argv.slice(2).filter((a) => a !== '--no-package'),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TIP_LENS_SOURCE_ROOT: root, TIP_LENS_EXPECTED_VERSION: pkg.version } },
);
process.exit(run.status ?? 3);
