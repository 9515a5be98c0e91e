/**
 * Starting a bundle from V8's code cache: the cache the build made of it (after one real session), so
 * the functions a first check runs are not compiled again in every new process. Used only for the very
 * file it was made from (size and modification time as recorded beside it), on the Node version,
 * architecture and node flags it was made with (V8 refuses another's cache anyway; this saves reading it).
 * Anything amiss, or a cache V8 rejects: the bundle is compiled as without a cache, with the same result.
 *
 * The bundle runs as a CommonJS module of `asFile` (its __dirname, its require's base, require.main):
 * dist/lib/server.js runs as dist/server.js would, finding kb-snapshot.json, server/reports and dist/lib.
 * Only node: built-ins here: this is all dist/server.js holds before the bundle.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** What is recorded beside a cache (FILE.cache.json): what it was made from and with. */
export interface CodeCacheMeta {
  size: number;
  mtimeMs: number;
  node: string;
  arch: string;
  execArgv: string[];
}

/** The meta of a cache made now, in this process, of `file`. */
export function codeCacheMeta(file: string): CodeCacheMeta {
  const st = fs.statSync(file);
  return { size: st.size, mtimeMs: st.mtimeMs, node: process.version, arch: process.arch, execArgv: process.execArgv.filter((a) => !a.startsWith('--cpu-prof')) };
}

/** The cache of `file` when it was made from that very file by this Node with these flags; undefined otherwise. */
export function readCodeCache(file: string): Buffer | undefined {
  try {
    const meta = JSON.parse(fs.readFileSync(`${file}.cache.json`, 'utf8')) as Partial<CodeCacheMeta>;
    const now = codeCacheMeta(file);
    if (meta.size !== now.size || meta.mtimeMs !== now.mtimeMs || meta.node !== now.node || meta.arch !== now.arch || JSON.stringify(meta.execArgv) !== JSON.stringify(now.execArgv)) return undefined;
    return fs.readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
}

export interface Loaded {
  exports: unknown;
  script: vm.Script;
  /** Whether V8 took the cache (false: none, or refused). */
  fromCache: boolean;
}

/** Runs `file` as the main module standing at `asFile`, from `cachedData` (readCodeCache) when given and V8 takes it. */
export function runFromCodeCache(file: string, asFile: string, cachedData: Buffer | undefined): Loaded {
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const m = new Module(asFile);
  m.filename = asFile;
  const dir = path.dirname(asFile);
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir);
  const req = Module.createRequire(asFile);
  // The bundle's `require.main === module` starts it as a server, as if node had been given it.
  (req as { main: NodeJS.Module | undefined }).main = m;
  (script.runInThisContext() as (...a: unknown[]) => void).call(m.exports, m.exports, req, m, asFile, dir);
  m.loaded = true;
  return { exports: m.exports, script, fromCache: cachedData !== undefined && !script.cachedDataRejected };
}
