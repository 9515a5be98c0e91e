/** The real binary at the edges (issue 13, item 8): a closed pipe, control characters in file names, symbolic links in a folder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, cli, tmp } from './helpers/fixtures';

const WRONG = 'In 2021, the Cambodian government convicted 83 traffickers.';

test('check BIG | head -1: one line out, nothing on stderr (no EPIPE stack trace)', () => {
  const dir = tmp('limits-epipe');
  const f = path.join(dir, 'big.md');
  // About 400 KB of output: far more than a pipe holds, so the CLI is still writing when head exits.
  fs.writeFileSync(f, `${WRONG}\n\n`.repeat(3000));
  const err = path.join(dir, 'stderr.txt');
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check "${f}" 2>"${err}" | head -1`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.match(r.stdout, /big\.md:1:45 error figure\.mismatch/);
  assert.equal(fs.readFileSync(err, 'utf8'), '', 'stderr of the CLI');
});

test('a newline in a file name does not split a line of text output: the name is printed JSON-quoted', () => {
  const dir = tmp('limits-names');
  const f = path.join(dir, 'two\nlines.md');
  fs.writeFileSync(f, `${WRONG}\n`);
  const r = cli(['check', f]);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout); // the finding and the summary
  assert.ok(lines[0].startsWith(JSON.stringify(f) + ':1:45 error figure.mismatch'), lines[0]);
  const explain = cli(['check', '--explain', f]);
  for (const line of explain.stdout.split('\n')) assert.ok(!line.startsWith('lines.md'), `a line starts with the second half of the name:\n${explain.stdout}`);
  // JSON output keeps the name as it is.
  const json = JSON.parse(cli(['check', '--format', 'json', f]).stdout) as { file: string }[];
  assert.equal(json[0].file, f);
});

test('symbolic links in a folder: followed inside the folder, otherwise skipped with a warning naming them', () => {
  const outside = tmp('limits-outside');
  fs.writeFileSync(path.join(outside, 'secret.md'), `${WRONG}\n`);
  const dir = tmp('limits-links');
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'real.md'), `${WRONG}\n`);
  fs.writeFileSync(path.join(dir, 'other.txt'), `${WRONG}\n`);
  fs.symlinkSync(path.join(dir, 'sub', 'real.md'), path.join(dir, 'alias.md')); // same file as sub/real.md
  fs.symlinkSync(path.join(dir, 'other.txt'), path.join(dir, 'inside-link.md')); // other.txt is checked itself
  const hidden = path.join(dir, 'sub', '.drafts');
  fs.mkdirSync(hidden);
  fs.writeFileSync(path.join(hidden, 'kept.md'), `${WRONG}\n`); // in a hidden folder: not walked, so a link to it is the only way in
  fs.symlinkSync(path.join(hidden, 'kept.md'), path.join(dir, 'linked.md'));
  fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'escape.md'));
  fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'broken.md'));
  fs.symlinkSync(path.join(dir, 'sub'), path.join(dir, 'folder-link'));
  fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'notes.pdf')); // not a draft's name: ignored like any other file
  const r = cli(['check', dir]);
  assert.equal(r.status, 1, r.stderr);
  const files = [...new Set(r.stdout.split('\n').filter((l) => l.includes(' error ')).map((l) => l.split(':')[0]))];
  assert.deepEqual(files.sort(), [path.join(dir, 'linked.md'), path.join(dir, 'other.txt'), path.join(dir, 'sub', 'real.md')].sort());
  assert.match(r.stderr, /skipped .*escape\.md: a symbolic link that leads out of /);
  assert.match(r.stderr, /skipped .*broken\.md: a broken symbolic link/);
  assert.match(r.stderr, /skipped .*folder-link: a symbolic link to a folder \(not followed\)/);
  assert.doesNotMatch(r.stderr, /notes\.pdf/);
  assert.match(r.stderr, /skipped .*alias\.md: a symbolic link to .*sub\/real\.md, which is checked already/);
  assert.match(r.stderr, /skipped .*inside-link\.md: a symbolic link to .*other\.txt, which is checked already/);
  assert.doesNotMatch(r.stdout + r.stderr, /secret/);
});
