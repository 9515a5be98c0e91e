/** The server's warm-up of user narratives (node/warmUp.ts): what it picks, and that a request pauses it and cancel stops it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIngested, lazyReport } from '../../server/src/ingest';
import { KnowledgeBase } from '../../server/src/model/kb';
import { loadBundledReports } from '../../server/src/node/loadReports';
import { startWarmUp, warmUpOrder } from '../../server/src/node/warmUp';

const base = loadBundledReports({ snapshot: null }).reports.find((r) => r.id === 'KHM-2022')!;
function kbOf(n: number): KnowledgeBase {
  const kb = new KnowledgeBase();
  for (let e = 2000; e < 2000 + n; e++) {
    kb.add(lazyReport({ ...base.manifest, id: `THA-${e}`, iso3: 'THA', country: 'Thailand', edition: e }, base.text, base.file));
    kb.add(lazyReport({ ...base.manifest, id: `FRA-${e}`, iso3: 'FRA', country: 'France', edition: e }, base.text, base.file));
  }
  return kb;
}
const turn = () => new Promise<void>((r) => setImmediate(r));

test('warm-up order: reports the open drafts name first, then each country’s newest edition, nothing already ingested', () => {
  const kb = kbOf(5);
  void kb.get('FRA-2004')!.facts;
  assert.deepEqual(warmUpOrder(kb, ['see [@THA-2001/prosecution.2] and [@tha-2002]']).map((r) => r.id), ['THA-2001', 'THA-2002', 'THA-2004']);
  assert.equal(warmUpOrder(kb, [], 1).length, 1, 'at most max');
});

test('warm-up: runs between turns of the event loop, pauses, resumes and cancels', async () => {
  const kb = kbOf(6);
  const reports = kb.all();
  let done = -1;
  const w = startWarmUp(reports, (n) => (done = n));
  assert.equal(reports.filter(isIngested).length, 0, 'nothing on the caller’s turn');
  w.pause();
  for (let i = 0; i < 5; i++) await turn();
  assert.equal(reports.filter(isIngested).length, 0, 'paused: nothing more');
  w.resume();
  while (!w.done) await turn();
  assert.equal(done, reports.length);
  assert.ok(reports.every(isIngested));
  const kb2 = kbOf(6);
  const w2 = startWarmUp(kb2.all());
  w2.cancel();
  for (let i = 0; i < 5; i++) await turn();
  w2.resume();
  for (let i = 0; i < 5; i++) await turn();
  assert.equal(kb2.all().filter(isIngested).length, 0, 'cancelled for good');
});
