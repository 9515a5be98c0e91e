// One build for the three front ends: the VS Code client, the language server and the CLI, plus
// - dist/kb-snapshot.json, the bundled reports ingested at build time (server/src/node/buildSnapshot.ts);
// - dist/lib/*.js, the libraries a plain check does not need (yaml for front matter, fuse.js for search,
//   diff for quote mismatches), loaded on first use instead of being compiled at every start;
// - dist/cli.js.cache, V8's code cache of the CLI after one check (bin/tip-lens.js uses it when it matches);
// - dist/server.js, a launcher of the server bundle dist/lib/server.js, and dist/lib/server.js.cache, V8's code
//   cache of that bundle after one LSP session on the example brief (server/src/node/serverEntry.ts).
import * as esbuild from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
/**
 * `supported`: esbuild 0.25 rewrites a regex literal with \p{…} outside a character class (/\p{L}$/u) into
 * `new RegExp("\\p{L}$", "u")` for node targets, which builds the regex again on every call (a hot path's
 * `/^-\p{L}/u` ran once per number read); Node 20 has Unicode property escapes, so literals stay literals.
 */
const ESBUILD_SUPPORTED = { 'regexp-unicode-property-escapes': true };
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', supported: ESBUILD_SUPPORTED };

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
  'fuse.js': { file: 'fuse', exports: 'export { default } from "fuse.js";', shim: 'export default class Fuse { constructor(...a) { return new (lib().default)(...a); } static parseIndex(...a) { return lib().default.parseIndex(...a); } }' },
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

/** The node flags the client starts the server with (SERVER_NODE_FLAGS in server/src/protocol.ts): V8 takes a code cache only under the flags it was made with. */
function serverNodeFlags() {
  const m = /SERVER_NODE_FLAGS[^=]*=\s*(\[[^\]]*\])/.exec(readFileSync('server/src/protocol.ts', 'utf8'));
  if (!m) throw new Error('esbuild.mjs: SERVER_NODE_FLAGS not found in server/src/protocol.ts');
  return JSON.parse(m[1].replace(/'/g, '"'));
}

/**
 * V8's code cache of dist/lib/server.js: the built server run as the client runs it, through one session on
 * the example brief (open, pulled diagnostics, hover, completion, an edit, shutdown); it writes the cache
 * of everything that session compiled as it exits (TIP_LENS_WRITE_CODE_CACHE). A failure leaves no cache:
 * the server then compiles itself as before.
 */
async function serverCodeCache() {
  const rpc = await import('vscode-languageserver-protocol/node.js');
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = rpc.default ?? rpc;
  const proc = spawn(process.execPath, [...serverNodeFlags(), 'dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, TIP_LENS_WRITE_CODE_CACHE: '1' } });
  const exited = new Promise((done) => proc.once('exit', done));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ reports: [] })));
  for (const m of ['client/registerCapability', 'workspace/diagnostic/refresh', 'workspace/codeLens/refresh', 'window/workDoneProgress/create']) conn.onRequest(m, () => null);
  conn.listen();
  const uri = new URL('examples/brief.md', `file://${process.cwd()}/`).href;
  const text = readFileSync('examples/brief.md', 'utf8');
  const lines = text.split('\n');
  const at = (needle) => {
    const line = lines.findIndex((l) => l.includes(needle));
    return { line: Math.max(0, line), character: Math.max(0, lines[Math.max(0, line)].indexOf(needle)) };
  };
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {}, hover: { contentFormat: ['markdown'] } } } });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const ref = at('[@KHM-2023');
    await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: ref.line, character: ref.character + 3 } });
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: ref, end: ref }, text: 'See [@scam' }] });
    await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: ref.line, character: ref.character + 'See [@scam'.length } });
    await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    await exited;
  } finally {
    conn.dispose();
    proc.kill();
  }
}

const engineHash = await snapshot();
// A watch build hashes the sources at run time instead (they change under it); the snapshot is rewritten after each rebuild.
const define = watch ? {} : { __TIP_ENGINE_HASH__: JSON.stringify(engineHash) };
const rewriteSnapshot = { name: 'kb-snapshot', setup: (build) => build.onEnd(() => snapshot().catch((e) => console.error(`kb-snapshot: ${e.message}`))) };
const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/node/serverEntry.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/lib/server.js', define, plugins: [lazyLibs, lazyBibtex, importLib] },
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
  await serverCodeCache();
}
