/** tip-lens check --fix on reference.mismatch: the key is replaced only when one item clearly wins. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const bin = path.join(__dirname, '..', '..', 'bin', 'tip-lens.js');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

test('--fix replaces a wrong key when one item clearly wins, and leaves a key two items match about as well', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiplens-refmismatch-'));
  const file = path.join(dir, 'draft.md');
  const clear = 'The report asks Cambodia to allow restitution once a trafficker is convicted and to train officials on calculating it [see @R12, p. 3; @KHM-2023/R9].';
  const close = 'Labor recruitment licensure and contract rules, and inspections of private labor recruitment agencies and brokers, need strengthening [@R8].';
  const original = `---\ntip-report: KHM-2023\n---\n${clear}\n\n${close}\n`;
  fs.writeFileSync(file, original);
  const json = run(['check', file, '--format', 'json']);
  assert.equal(json.status, 0, json.stderr); // warnings only
  const found = (JSON.parse(json.stdout) as { code: string; data: { suggestedAnchor: string; safeFix: boolean } }[]).filter((d) => d.code === 'reference.mismatch');
  assert.deepEqual(found.map((d) => [d.data.suggestedAnchor, d.data.safeFix]), [['KHM-2023/R13', true], ['KHM-2023/R16', false]]);
  assert.equal(fs.readFileSync(file, 'utf8'), original, 'nothing written without --fix');
  const r = run(['check', file, '--fix']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /fixed .*draft\.md:4:\d+: "R12" -> "R13"/);
  assert.equal(fs.readFileSync(file, 'utf8'), original.replace('[see @R12, p. 3; @KHM-2023/R9]', '[see @R13, p. 3; @KHM-2023/R9]'));
  // Checked again after the fix: the first is gone, the second is still there to decide by hand.
  assert.match(r.stdout, /warning reference\.mismatch KHM-2023\/R8 is about/);
  assert.doesNotMatch(r.stdout, /KHM-2023\/R12 is about/);
});
