// The synthetic knowledge base generator (bench/gen-kb.ts): deterministic from its
// seed, and what it writes loads through the real loader with no problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_IDS, generateKb, writeKb } from '../../bench/gen-kb';
import { generateDraft } from '../../bench/gen-draft';
import { loadKnowledgeBase } from '../../server/src/node/loadReports';

test('gen-kb: the same seed gives the same narratives and manifests', () => {
  const a = [...generateKb(60, 42)];
  const b = [...generateKb(60, 42)];
  assert.equal(a.length, 60);
  assert.deepEqual(a, b);
  const c = [...generateKb(60, 43)];
  assert.notDeepEqual(
    a.map((r) => r.text),
    c.map((r) => r.text),
  );
});

test('gen-kb: 4,000 distinct ids, never a bundled one, every id matching its manifest', () => {
  const ids = new Set<string>();
  for (const r of generateKb(4000, 42)) {
    assert.match(r.id, /^[A-Z]{3}-\d{4}$/);
    assert.equal(r.manifest.id, r.id);
    assert.equal(r.manifest.text, `${r.id}.txt`);
    assert.equal(r.manifest.dataYear, r.manifest.edition - 1);
    assert.ok(!BUNDLED_IDS.includes(r.id), `${r.id} collides with a bundled report`);
    ids.add(r.id);
  }
  assert.equal(ids.size, 4000);
});

test('gen-kb: written files load through the real loader with no problems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tip-lens-genkb-'));
  try {
    const written = writeKb(dir, 40, 7);
    assert.equal(readdirSync(dir).length, 80);
    const kb = loadKnowledgeBase([dir]);
    assert.deepEqual(kb.problems, []);
    for (const id of written.ids) {
      const report = kb.get(id);
      assert.ok(report, `${id} loaded`);
      const manifest = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as { sections: string[]; tier: string };
      assert.deepEqual(
        report.sections.map((s) => s.slug),
        manifest.sections,
        `${id}: sections`,
      );
      assert.equal(report.partial, false, `${id}: a full narrative`);
      // Recommendations are the paragraphs between the headings "Prioritized Recommendations" and "PROSECUTION".
      const text = readFileSync(join(dir, `${id}.txt`), 'utf8');
      const recs = text.split('Prioritized Recommendations')[1].split('PROSECUTION')[0].split('\n').filter((l) => l.trim());
      assert.equal(report.recommendations.length, recs.length, `${id}: recommendations`);
      assert.ok(recs.length >= 5 && recs.length <= 20);
      assert.ok(report.facts.some((f) => f.kind === 'penalty'), `${id}: a penalty fact`);
      assert.ok(report.facts.some((f) => f.kind === 'count'), `${id}: count facts`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gen-draft: deterministic, about the requested size, smaller drafts are prefixes', () => {
  const big = generateDraft(50_000, 7);
  assert.equal(big, generateDraft(50_000, 7));
  assert.ok(Buffer.byteLength(big) >= 50_000 && Buffer.byteLength(big) < 51_000);
  const small = generateDraft(20_000, 7);
  assert.ok(big.startsWith(small.slice(0, small.lastIndexOf('\n\n'))));
  assert.match(small, /^---\ntitle: .*\ntip-report: KHM-2023\n/);
  assert.match(small, /\[@KHM-2023\/R\d+\]/);
});
