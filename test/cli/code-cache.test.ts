/**
 * bin/tip-lens.js starts dist/cli.js from the build's V8 code cache (dist/cli.js.cache) only when it was
 * made for that very file; a stale, damaged or missing cache changes nothing but the start-up time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const built = existsSync(join(ROOT, 'dist', 'cli.js.cache')) && existsSync(join(ROOT, 'dist', 'cli.js.cache.json'));

function install(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tip-lens-cache-'));
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, preserveTimestamps: true });
  cpSync(join(ROOT, 'server', 'reports'), join(dir, 'server', 'reports'), { recursive: true });
  return dir;
}
const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [join(dir, 'bin', 'tip-lens.js'), ...args], { encoding: 'utf8', cwd: ROOT });

test('the same output with the code cache, a stale one, a damaged one and none', { skip: !built && 'not built' }, () => {
  const dir = install();
  const brief = join(ROOT, 'examples', 'brief.md');
  const want = run(dir, 'check', brief, '--format', 'json');
  assert.equal(want.status, 1, want.stderr);
  assert.ok(JSON.parse(want.stdout).length > 0);
  const same = (what: string) => {
    const r = run(dir, 'check', brief, '--format', 'json');
    assert.equal(r.status, 1, `${what}: ${r.stderr}`);
    assert.equal(r.stdout, want.stdout, what);
    assert.equal(r.stderr, '', what);
  };
  writeFileSync(join(dir, 'dist', 'cli.js.cache'), Buffer.alloc(4096, 7));
  same('a damaged cache (V8 refuses it)');
  const t = new Date(Date.now() - 60_000);
  utimesSync(join(dir, 'dist', 'cli.js'), t, t);
  same('a cache made for another dist/cli.js (not read)');
  writeFileSync(join(dir, 'dist', 'cli.js.cache.json'), '{not json');
  same('a damaged record');
  rmSync(join(dir, 'dist', 'cli.js.cache'));
  rmSync(join(dir, 'dist', 'cli.js.cache.json'));
  same('no cache');
  assert.equal(run(dir, '--version').status, 0);
});
