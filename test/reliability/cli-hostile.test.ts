/** The real binary on hostile inputs: exit 2 with a one-line reason and no stack trace where it cannot check. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, tmp } from './helpers/fixtures';

const dir = tmp('cli');
const noStack = (stderr: string) => assert.ok(!stderr.includes('    at '), `stack trace on stderr:\n${stderr}`);
function usageError(args: string[], reason: RegExp, as: { uid?: number; gid?: number } = {}) {
  const r = cli(args, as);
  assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  noStack(r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected:\n${r.stderr}`);
  assert.match(lines[0], reason);
}

test('nonexistent file: exit 2, names it', () => usageError(['check', path.join(dir, 'nope.md')], /nope\.md.*no such file/));

test('unreadable file: exit 2, permission denied', () => {
  // chmod 000 does not stop root, so as root (CI) the CLI runs as the unprivileged user nobody.
  const asRoot = process.getuid?.() === 0;
  const open = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-lens-locked-'));
  fs.chmodSync(open, 0o755);
  const f = path.join(open, 'locked.md');
  fs.writeFileSync(f, 'text');
  fs.chmodSync(f, 0);
  usageError(['check', f], /locked\.md.*permission denied/, asRoot ? { uid: 65534, gid: 65534 } : {});
});

test('a folder with no drafts: exit 2', () => {
  const empty = path.join(dir, 'empty');
  fs.mkdirSync(empty);
  fs.writeFileSync(path.join(empty, 'notes.pdf'), 'x');
  usageError(['check', empty], /no Markdown or text files/);
});

test('a binary file: exit 2, says binary', () => {
  const f = path.join(dir, 'image.md');
  fs.writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xd8]));
  usageError(['check', f], /binary/);
});

test('invalid UTF-8 without NUL bytes still checks (exit 0 or 1)', () => {
  const f = path.join(dir, 'latin1.md');
  fs.writeFileSync(f, Buffer.from('In 2021, the Cambodian government convicted 83 traffickers. caf\xe9 \xff\xfe', 'latin1'));
  const r = cli(['check', f, '--format', 'json']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  noStack(r.stderr);
  JSON.parse(r.stdout);
});

test('bad flags and commands: exit 2, one line', () => {
  usageError(['check', '--format', 'xml', 'a.md'], /--format/);
  usageError(['check', '--bogus', 'a.md'], /bogus/);
  usageError(['check'], /at least one FILE/);
  usageError(['frobnicate'], /unknown command/);
  usageError(['check', '--severity', 'figure.mismatch=loud', 'a.md'], /--severity/);
  usageError(['check', '--fix', '-'], /standard input/);
  usageError(['kb', 'list'], /kb show/);
});

test('a 10 MB draft checks (exit 0 or 1) without a stack trace', (t) => {
  const f = path.join(dir, 'big.md');
  const block = 'In 2021, the Cambodian government convicted 83 traffickers. 😀 ក្រុម\r\n\r\nPlain prose about policy and nothing else.\n\n';
  fs.writeFileSync(f, block.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(block))));
  const t0 = performance.now();
  const r = cli(['check', f, '--format', 'json']);
  t.diagnostic(`10 MB through the CLI: exit ${r.status} in ${(performance.now() - t0).toFixed(0)} ms`);
  assert.equal(r.status, 1, r.stderr.slice(0, 500));
  noStack(r.stderr);
  assert.ok((JSON.parse(r.stdout) as unknown[]).length > 1000);
});
