#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI itself is bundled by `npm run build` into dist/cli.js.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('tip-lens: dist/cli.js is missing; run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(2);
}
load(cli).run();

/**
 * dist/cli.js through V8's code cache that the build made after one check (dist/cli.js.cache): the CLI
 * starts without compiling its code again. Used only for the very file it was made from (size and time
 * of dist/cli.js, Node version and architecture as recorded beside it); V8 refuses a cache of another
 * V8 itself. Anything amiss: a plain require, as without a cache.
 */
function load(file) {
  let meta;
  let cachedData;
  try {
    meta = JSON.parse(fs.readFileSync(file + '.cache.json', 'utf8'));
    const st = fs.statSync(file);
    if (meta.size !== st.size || meta.mtimeMs !== st.mtimeMs || meta.node !== process.version || meta.arch !== process.arch) return require(file);
    cachedData = fs.readFileSync(file + '.cache');
  } catch {
    return require(file);
  }
  const vm = require('node:vm');
  const Module = require('node:module');
  const dir = path.dirname(file);
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(dir);
  require.cache[file] = m;
  script.runInThisContext().call(m.exports, m.exports, Module.createRequire(file), m, file, dir);
  m.loaded = true;
  return m.exports;
}
