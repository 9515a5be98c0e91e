/**
 * dist/server.js: starts the language server bundle (dist/lib/server.js) from the build's V8 code cache
 * when it has a usable one (see codeCache.ts), else compiles it as usual. The bundle runs as if it were
 * this file. With TIP_LENS_WRITE_CODE_CACHE=1 (the build's training session, esbuild.mjs) it starts
 * without a cache and, when the process exits, writes the cache of what the session compiled beside the
 * bundle (dist/lib/server.js.cache and .cache.json).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeCacheMeta, readCodeCache, runFromCodeCache } from './codeCache';

const bundle = path.join(__dirname, 'lib', 'server.js');
const train = process.env.TIP_LENS_WRITE_CODE_CACHE === '1';
delete process.env.TIP_LENS_WRITE_CODE_CACHE;
const loaded = runFromCodeCache(bundle, __filename, train ? undefined : readCodeCache(bundle));
if (train) {
  process.on('exit', () => {
    fs.writeFileSync(`${bundle}.cache`, loaded.script.createCachedData());
    fs.writeFileSync(`${bundle}.cache.json`, JSON.stringify(codeCacheMeta(bundle)) + '\n');
  });
}
