/** The checks registry: every diagnostic code belongs to exactly one registered check, and each check does something. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Code } from '../../server/src/service/codes';
import { CHECKS } from '../../server/src/service/checks/registry';

test('every code is reported by exactly one registered check', () => {
  const owner = new Map<string, string>();
  for (const check of CHECKS) {
    for (const code of check.codes) {
      assert.ok(!owner.has(code), `${code} is claimed by both ${owner.get(code)} and ${check.name}`);
      owner.set(code, check.name);
    }
  }
  assert.deepEqual([...owner.keys()].sort(), Object.values(Code).sort());
});

test('each check has a unique name, at least one code and at least one step', () => {
  assert.equal(new Set(CHECKS.map((c) => c.name)).size, CHECKS.length);
  for (const c of CHECKS) {
    assert.ok(c.codes.length > 0, c.name);
    assert.ok(c.start || c.sentence || c.finish, `${c.name} has no step`);
  }
});

test('citation.missing runs after every check that finds matches', () => {
  const last = CHECKS.findIndex((c) => c.codes.includes(Code.CitationMissing));
  assert.equal(last, CHECKS.length - 1);
});
