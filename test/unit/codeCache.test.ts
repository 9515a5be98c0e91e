/**
 * server/src/node/codeCache.ts (dist/server.js starts the server bundle through it): the bundle runs as
 * the module it stands in for, a cache is read only for the file and flags it was made with, and a cache
 * V8 refuses (or none) gives the same result as a plain compile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheMeta, readCodeCache, runFromCodeCache } from '../../server/src/node/codeCache';

let made = 0;
/** A small bundle; each one's source differs (V8 keeps compiled scripts per source within a process). */
function bundle(): { dir: string; file: string; asFile: string } {
  made++;
  const dir = mkdtempSync(join(tmpdir(), 'tip-lens-code-cache-'));
  const file = join(dir, 'bundle.js');
  writeFileSync(file, `exports.dir = __dirname; exports.file = __filename; exports.isMain = require.main === module; exports.sum = [1, 2, 3].reduce((a, b) => a + b, 0); // ${made}\n`);
  writeFileSync(join(dir, 'helper.js'), 'module.exports = 42;\n');
  return { dir, file, asFile: join(dir, 'entry.js') };
}

test('the bundle runs as the main module standing at asFile', () => {
  const { dir, file, asFile } = bundle();
  const r = runFromCodeCache(file, asFile, undefined);
  assert.deepEqual(r.exports, { dir, file: asFile, isMain: true, sum: 6 });
  assert.equal(r.fromCache, false);
});

test('a cache made of the file is taken and gives the same exports; a damaged one is refused, and the file compiles as without one', () => {
  const { file, asFile } = bundle();
  const first = runFromCodeCache(file, asFile, undefined);
  const data = first.script.createCachedData();
  writeFileSync(`${file}.cache`, data);
  writeFileSync(`${file}.cache.json`, JSON.stringify(codeCacheMeta(file)));
  const cached = readCodeCache(file);
  assert.ok(cached);
  const again = runFromCodeCache(file, asFile, cached);
  assert.equal(again.fromCache, true);
  assert.deepEqual(again.exports, first.exports);
  const other = bundle();
  const damaged = runFromCodeCache(other.file, other.asFile, Buffer.alloc(4096, 7));
  assert.equal(damaged.fromCache, false);
  assert.deepEqual(damaged.exports, { ...first.exports as object, dir: other.dir, file: other.asFile });
});

test('a cache recorded for another file size, Node or flags is not read', () => {
  const { file } = bundle();
  writeFileSync(`${file}.cache`, Buffer.alloc(16));
  const meta = codeCacheMeta(file);
  for (const other of [{ ...meta, size: meta.size + 1 }, { ...meta, node: 'v0.0.0' }, { ...meta, execArgv: ['--max-semi-space-size=64'] }, { ...meta, mtimeMs: 1 }]) {
    writeFileSync(`${file}.cache.json`, JSON.stringify(other));
    assert.equal(readCodeCache(file), undefined);
  }
  writeFileSync(`${file}.cache.json`, '{not json');
  assert.equal(readCodeCache(file), undefined);
  writeFileSync(`${file}.cache.json`, JSON.stringify(meta));
  assert.ok(readCodeCache(file));
});
