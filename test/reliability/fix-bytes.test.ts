/**
 * `--fix` changes only the fixed spans, byte for byte (issue 13, item 6): edits are applied to the bytes
 * read, in one pass; a file that is not valid UTF-8 is refused (exit 2, named) and left as it was; a file
 * that cannot be written is named with "permission denied".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyOffsetEdits, applyOffsetEditsToBytes, nonOverlapping, type OffsetEdit } from '../../server/src/service/fixes';
import { cli, tmp } from './helpers/fixtures';
import { fastest, measureGrowth } from './helpers/growth';

const CLAIM = 'In 2021, the Cambodian government convicted 83 traffickers [@KHM-2022/prosecution.2].';
const noStack = (stderr: string) => assert.ok(!stderr.includes('    at '), `stack trace on stderr:\n${stderr}`);

/** Text of code points (astral ones, CR/LF, a BOM, combining marks), and edits at code point boundaries that do not overlap. */
const textAndEdits = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('\r\n', '\n', '\ufeff', 'é', 'e\u0301', '😀', '83')), { maxLength: 40 })
  .map((parts) => parts.join(''))
  .chain((text) => {
    const bounds = [0];
    for (let i = 0; i < text.length; ) {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      bounds.push(i);
    }
    const edit = fc.tuple(fc.constantFrom(...bounds), fc.constantFrom(...bounds), fc.string({ unit: 'binary', maxLength: 5 })).map(([a, b, t]) => ({ start: Math.min(a, b), end: Math.max(a, b), text: t }));
    return fc.tuple(fc.constant(text), fc.array(edit, { maxLength: 8 }).map((es) => nonOverlapping(es)));
  });

test('property: for any text and any non-overlapping fix set, every byte outside the edited spans is unchanged', () => {
  fc.assert(
    fc.property(textAndEdits, ([text, edits]) => {
      const bytes = Buffer.from(text, 'utf8');
      const out = applyOffsetEditsToBytes(bytes, text, edits);
      // Walk the gaps between edits: each gap's bytes appear in the output, in order, unchanged, with exactly the new text between them.
      let inAt = 0;
      let outAt = 0;
      for (const e of [...edits].sort((a, b) => a.start - b.start)) {
        const gapEnd = Buffer.byteLength(text.slice(0, e.start));
        const gap = bytes.subarray(inAt, gapEnd);
        assert.deepEqual(out.subarray(outAt, outAt + gap.length), gap, `bytes before the edit at ${e.start} changed`);
        outAt += gap.length;
        const inserted = Buffer.from(e.text, 'utf8');
        assert.deepEqual(out.subarray(outAt, outAt + inserted.length), inserted);
        outAt += inserted.length;
        inAt = Buffer.byteLength(text.slice(0, e.end));
      }
      assert.deepEqual(out.subarray(outAt), bytes.subarray(inAt), 'bytes after the last edit changed');
      // The string form agrees with the byte form.
      assert.equal(out.toString('utf8'), applyOffsetEdits(text, edits));
    }),
    { numRuns: 500 },
  );
});

test('property: overlapping candidates are dropped, not merged; the kept ones are in document order', () => {
  const edit = fc.tuple(fc.nat(50), fc.nat(10), fc.string({ maxLength: 3 })).map(([s, n, t]) => ({ start: s, end: s + n, text: t }));
  fc.assert(
    fc.property(fc.array(edit, { maxLength: 30 }), (candidates) => {
      const kept = nonOverlapping(candidates);
      for (let i = 1; i < kept.length; i++) assert.ok(kept[i].start >= kept[i - 1].end || kept[i - 1].start === kept[i - 1].end, 'kept edits overlap or are out of order');
      for (const c of candidates) {
        if (kept.includes(c)) continue;
        assert.ok(
          kept.some((k) => (c.start === c.end ? k.start < c.start && c.start < k.end : c.start < k.end && k.start < c.end && k.end > k.start)),
          `edit ${c.start}-${c.end} dropped without overlapping a kept one`,
        );
      }
      assert.doesNotThrow(() => applyOffsetEdits('x'.repeat(70), kept));
    }),
  );
});

test('applying edits is linear: 4x the edits takes well under 16x the time (ratio, one process)', () => {
  const build = (n: number) => {
    const unit = 'In 2021 the government convicted 83 traffickers. ';
    const text = unit.repeat(n);
    const at = unit.indexOf('83');
    const edits: OffsetEdit[] = [];
    for (let i = 0; i < n; i++) edits.push({ start: i * unit.length + at, end: i * unit.length + at + 2, text: '38' });
    return { text, bytes: Buffer.from(text), edits: edits.reverse() };
  };
  const time = (n: number) => {
    const { text, bytes, edits } = build(n);
    return fastest(5, () => applyOffsetEditsToBytes(bytes, text, nonOverlapping(edits)));
  };
  const g = measureGrowth(time, { size: 6000, factor: 4, limit: 8, minMs: 5, maxSize: 48_000 });
  assert.ok(g.ratio < 8, `${g.size} edits ${g.small.toFixed(1)} ms, ${4 * g.size} edits ${g.large.toFixed(1)} ms: ratio ${g.ratio.toFixed(1)} in every attempt (quadratic would be 16)`);
});

test('check --fix on a UTF-8 file with a BOM, CRLF, é and an emoji changes only the fixed figure', () => {
  const dir = tmp('fix-bytes');
  const f = path.join(dir, 'brief.md');
  const before = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`Café notes.\r\n\r\n${CLAIM}\r\n\r\nEnd 😀.\r\n`, 'utf8')]);
  fs.writeFileSync(f, before);
  const r = cli(['check', '--fix', f]);
  noStack(r.stderr);
  assert.match(r.stderr, /fixed .*brief\.md:3:45: "83" -> "38"/);
  const after = fs.readFileSync(f);
  const at = before.indexOf('83 traffickers');
  assert.equal(after.length, before.length);
  assert.deepEqual(after.subarray(0, at), before.subarray(0, at));
  assert.equal(after.subarray(at, at + 2).toString(), '38');
  assert.deepEqual(after.subarray(at + 2), before.subarray(at + 2));
});

test('check --fix on a Latin-1 file (é as the byte E9): exit 2, names the file, leaves every byte as it was; check without --fix still works', () => {
  const dir = tmp('fix-bytes');
  const f = path.join(dir, 'latin1.md');
  const before = Buffer.from(`Caf\xe9 notes.\n\n${CLAIM}\n`, 'latin1');
  fs.writeFileSync(f, before);
  const r = cli(['check', '--fix', f]);
  assert.equal(r.status, 2, r.stderr);
  noStack(r.stderr);
  assert.match(r.stderr, /latin1\.md: not valid UTF-8.*--fix leaves it unchanged \(1 fix not applied\)/);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.deepEqual(fs.readFileSync(f), before, 'the file was rewritten');
  const plain = cli(['check', f]);
  assert.equal(plain.status, 1, plain.stderr);
  assert.match(plain.stdout, /figure\.mismatch/);
});

test('EACCES while --fix writes: "cannot write FILE: permission denied", exit 2, not an internal error', () => {
  // Root ignores file modes, so as root (CI) the CLI runs as the unprivileged user nobody, who may read but not write the file.
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-lens-fix-bytes-ro-'));
  fs.chmodSync(dir, 0o755);
  const f = path.join(dir, 'readonly.md');
  fs.writeFileSync(f, `${CLAIM}\n`);
  fs.chmodSync(f, 0o444);
  const r = cli(['check', '--fix', f], asRoot ? { uid: 65534, gid: 65534 } : {});
  assert.equal(r.status, 2, r.stderr);
  noStack(r.stderr);
  assert.match(r.stderr, /cannot write .*readonly\.md: permission denied; not fixed/);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.equal(fs.readFileSync(f, 'utf8'), `${CLAIM}\n`);
});
