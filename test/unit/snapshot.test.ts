/**
 * The build-time snapshot of the bundled reports (dist/kb-snapshot.json): used when it matches the texts,
 * manifests and ingest code (the reports then come ingested, the same as ingest makes them, and every
 * check gives the same diagnostics); never used when any of them changed (ingest on first use, as before).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ingestReport, isIngested } from '../../server/src/ingest';
import { sentenceTerms } from '../../server/src/ingest/snapshot';
import { KnowledgeBase, type Report } from '../../server/src/model/kb';
import { buildSnapshot } from '../../server/src/node/buildSnapshot';
import { BUNDLED_IDS, bundledReportsDir, loadBundledReports } from '../../server/src/node/loadReports';
import { currentEngineHash, engineHashFromSources, readSnapshot, snapshotPath } from '../../server/src/node/snapshot';
import { createTipLensService } from '../../server/src/service/index';
import { NEVER_CANCELLED } from '../../server/src/service/types';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'server', 'src');

/** Temporary folders made by this file's tests, removed when they are done. */
const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tip-lens-snapshot-test-'));
  made.push(dir);
  return dir;
}

/** A snapshot of the bundled reports as they are now, in a temporary file. */
function freshSnapshot(): string {
  const file = join(tempDir(), 'kb-snapshot.json');
  buildSnapshot(SRC, bundledReportsDir(), file);
  return file;
}

/** What ingest makes of a report, as data (JSON drops what is undefined, as the snapshot does). */
const ingested = (r: Report) => JSON.parse(JSON.stringify(ingestReport(r.manifest, r.text, r.file))) as Report;
const data = (r: Report) => JSON.parse(JSON.stringify({ ...pick(r) })) as unknown;
const pick = (r: Report) => ({ id: r.id, manifest: r.manifest, file: r.file, text: r.text, partial: r.partial, sections: r.sections, paragraphs: r.paragraphs, sentences: r.sentences, recommendations: r.recommendations, facts: r.facts, nonFacts: r.nonFacts });

test('fresh snapshot: the bundled reports come ingested, exactly as ingest makes them, with the retrieval terms', () => {
  const { reports, problems } = loadBundledReports({ snapshot: freshSnapshot() });
  assert.deepEqual(problems, []);
  assert.deepEqual(reports.map((r) => r.id), [...BUNDLED_IDS]);
  for (const r of reports) {
    assert.ok(isIngested(r), `${r.id} comes ingested`);
    assert.ok(r.sentenceTerms, `${r.id} brings its sentence terms`);
    assert.deepEqual(data(r), data(ingested(r)), `${r.id}: the snapshot's report is ingest's`);
    assert.deepEqual(r.sentenceTerms.map((t) => [...t]), sentenceTerms(r).map((t) => [...t]), `${r.id}: terms as the retrieval index makes them`);
  }
});

test('fresh snapshot: diagnostics, hovers and code actions are the same as with ingest on first use', () => {
  const fromSnapshot = new KnowledgeBase(loadBundledReports({ snapshot: freshSnapshot() }).reports);
  const lazy = new KnowledgeBase(loadBundledReports({ snapshot: null }).reports);
  assert.ok(lazy.all().every((r) => !isIngested(r)), 'without a snapshot the reports are lazy');
  const brief = readFileSync(join(ROOT, 'examples', 'brief.md'), 'utf8');
  const a = createTipLensService({ kb: fromSnapshot });
  const b = createTipLensService({ kb: lazy });
  const doc = TextDocument.create('file:///brief.md', 'markdown', 1, brief);
  const da = a.diagnostics(doc, NEVER_CANCELLED);
  assert.ok(da.length > 0);
  assert.deepEqual(JSON.parse(JSON.stringify(da)), JSON.parse(JSON.stringify(b.diagnostics(doc, NEVER_CANCELLED))));
  const range = { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } };
  assert.deepEqual(JSON.parse(JSON.stringify(a.codeActions(doc, range, undefined, NEVER_CANCELLED))), JSON.parse(JSON.stringify(b.codeActions(doc, range, undefined, NEVER_CANCELLED))));
  for (let line = 0; line < doc.lineCount; line += 3) {
    const p = { line, character: 12 };
    assert.deepEqual(a.hover(doc, p, NEVER_CANCELLED), b.hover(doc, p, NEVER_CANCELLED));
  }
});

test('stale snapshot: a changed text is ingested again, the unchanged report still comes from the snapshot', () => {
  const snapshot = freshSnapshot();
  const dir = tempDir();
  cpSync(bundledReportsDir(), dir, { recursive: true });
  const txt = join(dir, 'KHM-2022.txt');
  writeFileSync(txt, readFileSync(txt, 'utf8').replace('38 traffickers', '39 traffickers'));
  const { reports } = loadBundledReports({ dir, snapshot });
  const k22 = reports.find((r) => r.id === 'KHM-2022')!;
  const k23 = reports.find((r) => r.id === 'KHM-2023')!;
  assert.ok(isIngested(k23), 'the unchanged report is the snapshot’s');
  assert.ok(!isIngested(k22), 'the changed report is not taken from the snapshot');
  assert.equal(k22.sentenceTerms, undefined);
  assert.ok(k22.text.includes('39 traffickers'));
  assert.ok(k22.facts.some((f) => f.values[0] === 39 && f.unit === 'traffickers'), 'its facts are the new text’s');
  assert.deepEqual(data(k22), data(ingested(k22)));
});

test('stale snapshot: a changed manifest (data year) is ingested again', () => {
  const snapshot = freshSnapshot();
  const dir = tempDir();
  cpSync(bundledReportsDir(), dir, { recursive: true });
  const json = join(dir, 'KHM-2023.json');
  const m = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
  writeFileSync(json, JSON.stringify({ ...m, dataYear: 2021 }));
  const k23 = loadBundledReports({ dir, snapshot }).reports.find((r) => r.id === 'KHM-2023')!;
  assert.ok(!isIngested(k23));
});

test('stale snapshot: made by other ingest code, damaged, of another format or missing: never used', () => {
  const good = JSON.parse(readFileSync(freshSnapshot(), 'utf8')) as Record<string, unknown>;
  const dir = tempDir();
  const cases: [string, string][] = [
    ['other ingest code', JSON.stringify({ ...good, engine: '0'.repeat(64) })],
    ['another format', JSON.stringify({ ...good, format: 999 })],
    ['damaged JSON', JSON.stringify(good).slice(0, 500)],
    ['wrong shape', JSON.stringify({ ...good, reports: [{ id: 'KHM-2022' }] })],
  ];
  for (const [what, text] of cases) {
    const file = join(dir, `${what.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, text);
    assert.equal(readSnapshot(file), undefined, what);
    const { reports, problems } = loadBundledReports({ snapshot: file });
    assert.deepEqual(problems, [], what);
    assert.ok(reports.length === 2 && reports.every((r) => !isIngested(r)), `${what}: ingest on first use`);
  }
  const missing = loadBundledReports({ snapshot: join(dir, 'nope.json') });
  assert.ok(missing.reports.every((r) => !isIngested(r)), 'missing: ingest on first use');
});

test('the engine hash follows the ingest sources: one changed character in them makes another hash', () => {
  const copy = tempDir();
  for (const d of ['ingest', 'reading', 'model']) cpSync(join(SRC, d), join(copy, d), { recursive: true });
  assert.equal(engineHashFromSources(copy), engineHashFromSources(SRC));
  const f = join(copy, 'ingest', 'figures.ts');
  writeFileSync(f, readFileSync(f, 'utf8') + '\n');
  assert.notEqual(engineHashFromSources(copy), engineHashFromSources(SRC));
  assert.equal(currentEngineHash(), engineHashFromSources(SRC), 'from source, the running code is the sources');
});

test('the build wrote dist/kb-snapshot.json for the sources as they are (npm test builds first)', { skip: !existsSync(join(ROOT, 'dist', 'kb-snapshot.json')) && 'not built' }, () => {
  assert.equal(snapshotPath(), join(ROOT, 'dist', 'kb-snapshot.json'));
  const s = readSnapshot();
  assert.ok(s, 'dist/kb-snapshot.json matches the ingest sources (run `npm run build` after editing server/src/ingest, reading or model)');
  const { reports } = loadBundledReports();
  assert.ok(reports.every(isIngested), 'the bundled reports load ingested');
});
