// One build for the three front ends: the VS Code client, the language server and the CLI, plus
// - dist/kb-snapshot.json, the bundled reports ingested at build time (server/src/node/buildSnapshot.ts);
// - dist/lib/*.js, the libraries a plain check does not need (yaml for front matter, fuse.js for search,
//   diff for quote mismatches), loaded on first use instead of being compiled at every start;
// - dist/cli.js.cache, V8's code cache of the CLI after one check (bin/tip-lens.js uses it when it matches).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

/** Writes dist/kb-snapshot.json; returns the hash of the ingest sources it was made from. */
async function snapshot() {
  const dir = mkdtempSync(join(tmpdir(), 'tip-lens-snapshot-'));
  try {
    const script = join(dir, 'build-snapshot.js');
    await esbuild.build({ ...common, sourcemap: false, entryPoints: ['server/src/node/buildSnapshot.ts'], outfile: script });
    const out = execFileSync(process.execPath, [script, 'server/src', 'server/reports', 'dist/kb-snapshot.json'], { encoding: 'utf8' });
    return out.trim().split('\n').pop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Libraries loaded on first use: each import of one of these in server/src becomes a small stand-in that
 * requires dist/lib/NAME.js the first time it is called. `exports` is what the sources import from it.
 */
const LAZY_LIBS = {
  yaml: { file: 'yaml', exports: 'export { parse } from "yaml";', shim: 'export function parse(...a) { return lib().parse(...a); }' },
  'fuse.js': { file: 'fuse', exports: 'export { default } from "fuse.js";', shim: 'export default class Fuse { constructor(...a) { return new (lib().default)(...a); } }' },
  diff: { file: 'diff', exports: 'export { diffWords } from "diff";', shim: 'export function diffWords(...a) { return lib().diffWords(...a); }' },
};
const lazyLibs = {
  name: 'lazy-libs',
  setup(build) {
    build.onResolve({ filter: /^(yaml|fuse\.js|diff)$/ }, (args) => (args.importer.includes('/server/src/') ? { path: args.path, namespace: 'lazy-lib' } : undefined));
    build.onResolve({ filter: /^\.\/lib\// }, (args) => (args.namespace === 'lazy-lib' ? { path: args.path, external: true } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-lib' }, (args) => {
      const l = LAZY_LIBS[args.path];
      return { contents: `let m; const lib = () => (m ??= require("./lib/${l.file}.js"));\n${l.shim}\n`, loader: 'js', resolveDir: process.cwd() };
    });
  },
};
/** kb import / kb check (server/src/node/importCli.ts, with htmlparser2 and pdf.js) live in dist/lib/import.js, required by the CLI only for them. */
const importLib = {
  name: 'import-lib',
  setup(build) {
    build.onResolve({ filter: /^\.\/node\/importCli$/ }, (args) => (/(cli|importRequest)\.ts$/.test(args.importer) ? { path: './lib/import.js', external: true } : undefined));
    build.onResolve({ filter: /^\.\/pdfjsBundle$/ }, (args) => (args.importer.endsWith('pdfText.ts') ? { path: './pdfjs.js', external: true } : undefined));
  },
};
const libBuilds = Object.values(LAZY_LIBS).map((l) => ({ stdin: { contents: l.exports, resolveDir: process.cwd(), loader: 'js' }, outfile: `dist/lib/${l.file}.js`, sourcemap: false }));
/** The BibTeX writer (Citation.js) is dist/lib/bibtex.js: `require('./bibtexFormat')` in server/src/node loads it when a BibTeX file is written. */
const lazyBibtex = { name: 'lazy-bibtex', setup: (build) => build.onResolve({ filter: /^\.\/bibtexFormat$/ }, () => ({ path: './lib/bibtex.js', external: true })) };
// Citation.js can fetch URLs (sync-fetch, node-fetch); TIP Lens gives it only data, and its build gets stand-ins that refuse to connect.
const noFetch = {
  name: 'no-fetch',
  setup(build) {
    build.onResolve({ filter: /^(sync-fetch|node-fetch)$/ }, (args) => ({ path: args.path, namespace: 'no-fetch' }));
    build.onLoad({ filter: /.*/, namespace: 'no-fetch' }, () => ({
      contents: 'function noNetwork() { throw new Error("TIP Lens makes no network connection"); }\nnoNetwork.Headers = class Headers {};\nnoNetwork.default = noNetwork;\nmodule.exports = noNetwork;\n',
      loader: 'js',
    }));
  },
};
libBuilds.push({ entryPoints: ['server/src/node/bibtexFormat.ts'], outfile: 'dist/lib/bibtex.js', sourcemap: false, plugins: [noFetch] });

/** V8's code cache of dist/cli.js after a check of the example brief, with what it was made for. */
function codeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'tip-lens-cache-'));
  try {
    const train = join(dir, 'train.js');
    writeFileSync(
      train,
      `const vm = require('node:vm'), fs = require('node:fs'), path = require('node:path'), Module = require('node:module');
const [file, out, draft] = process.argv.slice(2);
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file });
const m = new Module(file, null); m.filename = file; m.paths = Module._nodeModulePaths(path.dirname(file));
script.runInThisContext().call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
m.exports.main(['check', draft], { out: () => undefined, err: () => undefined, isTTY: false });
fs.writeFileSync(out, script.createCachedData());`,
    );
    const cli = join(process.cwd(), 'dist', 'cli.js');
    execFileSync(process.execPath, [train, cli, `${cli}.cache`, 'examples/brief.md']);
    const st = statSync(cli);
    writeFileSync(`${cli}.cache.json`, JSON.stringify({ size: st.size, mtimeMs: st.mtimeMs, node: process.version, arch: process.arch }) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const engineHash = await snapshot();
// A watch build hashes the sources at run time instead (they change under it); the snapshot is rewritten after each rebuild.
const define = watch ? {} : { __TIP_ENGINE_HASH__: JSON.stringify(engineHash) };
const rewriteSnapshot = { name: 'kb-snapshot', setup: (build) => build.onEnd(() => snapshot().catch((e) => console.error(`kb-snapshot: ${e.message}`))) };
const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', define, plugins: [lazyLibs, lazyBibtex, importLib] },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', define, plugins: watch ? [lazyLibs, lazyBibtex, rewriteSnapshot, importLib] : [lazyLibs, lazyBibtex, importLib] },
  { entryPoints: ['server/src/node/importCli.ts'], outfile: 'dist/lib/import.js', define, plugins: [importLib] },
  { entryPoints: ['server/src/node/pdfjsBundle.ts'], outfile: 'dist/lib/pdfjs.js', sourcemap: false, minify: true },
  ...libBuilds,
];
if (watch) {
  // No code cache while watching: bin/tip-lens.js sees that dist/cli.js changed since and compiles it as usual.
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  codeCache();
}
