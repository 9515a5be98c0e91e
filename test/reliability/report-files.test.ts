/**
 * Reports are read only from where they are meant to be (issue 13, items 1 and 2): a manifest's text
 * stays inside the manifest's folder (no `..`, no absolute path, no symbolic link that leads out), only
 * regular files are read, without blocking, and the byte limit holds while reading, not from stat.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledgeBase, loadReportFile } from '../../server/src/node/loadReports';
import { FileReadError, readRegularFile } from '../../server/src/node/readFile';
import { cli, tmp } from './helpers/fixtures';
import { ROOT, startServer } from './helpers/lsp';

const posix = process.platform !== 'win32';
const KHM = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'reports', 'KHM-2023.json'), 'utf8'));
const KHM_TEXT = fs.readFileSync(path.join(ROOT, 'server', 'reports', 'KHM-2023.txt'), 'utf8');
/** A line of /etc/passwd (or any outside file) must never reach a problem, a hover or an output. */
const SECRET = 'TOP-SECRET-LINE root:x:0:0';

/** A folder holding a secret outside a `reports/` subfolder, and a manifest in it whose text is `text`. */
function manifestNaming(text: string, prepare?: (reports: string, outside: string) => void): { manifest: string; reports: string; outside: string } {
  const dir = tmp('confine');
  const reports = path.join(dir, 'reports');
  fs.mkdirSync(reports);
  const outside = path.join(dir, 'secret.txt');
  fs.writeFileSync(outside, SECRET + '\n' + KHM_TEXT);
  prepare?.(reports, outside);
  const manifest = path.join(reports, 'EVL-2023.json');
  fs.writeFileSync(manifest, JSON.stringify({ ...KHM, id: 'EVL-2023', iso3: 'EVL', country: 'Evilland', text }));
  return { manifest, reports, outside };
}

function assertRefused(manifest: string, why: RegExp) {
  const r = loadReportFile(manifest);
  assert.equal(r.reports.length, 0, 'the report must not load');
  assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
  assert.match(r.problems[0].message, why);
  assert.ok(!r.problems[0].message.includes('root:x'), 'no content of the file in the message');
}

test('a manifest text that climbs out with .. is refused, naming the manifest', () => {
  const { manifest } = manifestNaming('../secret.txt');
  assertRefused(manifest, /leads outside the manifest's folder/);
  assert.equal(loadReportFile(manifest).problems[0].file, manifest);
});

test('a manifest text that is an absolute path is refused (even to a file in its own folder)', () => {
  const { manifest, outside } = manifestNaming('');
  fs.writeFileSync(manifest, JSON.stringify({ ...KHM, id: 'EVL-2023', iso3: 'EVL', text: outside }));
  assertRefused(manifest, /absolute path/);
  fs.writeFileSync(manifest, JSON.stringify({ ...KHM, id: 'EVL-2023', iso3: 'EVL', text: '/etc/passwd' }));
  assertRefused(manifest, /absolute path/);
  fs.writeFileSync(manifest, JSON.stringify({ ...KHM, id: 'EVL-2023', iso3: 'EVL', text: '/proc/self/status' }));
  assertRefused(manifest, /absolute path/);
});

test('a manifest text deep in ../../../../etc/passwd is refused', () => {
  const { manifest } = manifestNaming('../../../../../../../../etc/passwd');
  assertRefused(manifest, /leads outside/);
});

test('a symbolic link inside the folder that leads out of it is refused', { skip: !posix }, () => {
  const { manifest } = manifestNaming('link.txt', (reports, outside) => fs.symlinkSync(outside, path.join(reports, 'link.txt')));
  assertRefused(manifest, /symbolic link that leads outside/);
});

test('a symbolic link to /dev/zero is refused before anything is read', { skip: !posix }, () => {
  const { manifest } = manifestNaming('zero.txt', (reports) => fs.symlinkSync('/dev/zero', path.join(reports, 'zero.txt')));
  assertRefused(manifest, /leads outside/);
});

test('a text in a subfolder, or a symbolic link that stays inside, loads', { skip: !posix }, () => {
  const { manifest } = manifestNaming('texts/EVL-2023.txt', (reports) => {
    fs.mkdirSync(path.join(reports, 'texts'));
    fs.writeFileSync(path.join(reports, 'texts', 'EVL-2023.txt'), KHM_TEXT);
    fs.symlinkSync(path.join(reports, 'texts', 'EVL-2023.txt'), path.join(reports, 'same.txt'));
  });
  assert.deepEqual(loadReportFile(manifest).reports.map((r) => r.id), ['EVL-2023']);
  fs.writeFileSync(manifest, JSON.stringify({ ...KHM, id: 'EVL-2023', iso3: 'EVL', text: 'same.txt' }));
  assert.deepEqual(loadReportFile(manifest).reports.map((r) => r.id), ['EVL-2023']);
});

test('a FIFO with no writer as the text does not hang: named as a pipe, the rest loads', { skip: !posix }, () => {
  const { manifest } = manifestNaming('pipe.txt', (reports) => {
    const r = spawnSync('mkfifo', [path.join(reports, 'pipe.txt')]);
    assert.equal(r.status, 0, 'mkfifo');
  });
  assertRefused(manifest, /named pipe/);
  const kb = loadKnowledgeBase([path.dirname(manifest)], '/');
  assert.deepEqual(kb.all().map((r) => r.id).sort(), ['KHM-2022', 'KHM-2023']);
});

test('a FIFO named like a manifest in a reports folder does not hang either', { skip: !posix }, () => {
  const dir = tmp('fifo-manifest');
  assert.equal(spawnSync('mkfifo', [path.join(dir, 'PIP-2023.json')]).status, 0);
  const kb = loadKnowledgeBase([dir], '/');
  assert.match(kb.problems.map((p) => p.message).join(' | '), /named pipe/);
});

test('readRegularFile: devices are refused at once, whatever size they report', { skip: !fs.existsSync('/dev/zero') }, () => {
  for (const dev of ['/dev/zero', '/dev/urandom', '/dev/null']) {
    assert.throws(() => readRegularFile(dev, 1024), (e: unknown) => e instanceof FileReadError && e.code === 'ENOTREG' && /device/.test(e.message), dev);
  }
});

test('readRegularFile: the byte limit holds while reading (a file of exactly the limit reads, one byte more does not)', () => {
  const dir = tmp('limit');
  const f = path.join(dir, 'a.txt');
  fs.writeFileSync(f, 'x'.repeat(100));
  assert.equal(readRegularFile(f, 100).length, 100);
  assert.throws(() => readRegularFile(f, 99), (e: unknown) => e instanceof FileReadError && e.code === 'ETOOBIG');
  fs.writeFileSync(f, 'y'.repeat(200_000)); // more than one read chunk
  assert.equal(readRegularFile(f, 200_000).toString(), 'y'.repeat(200_000));
  assert.throws(() => readRegularFile(f, 150_000), /too large/);
});

test('CLI: --report with an escaping manifest warns naming it, echoes nothing of the file, and still checks', () => {
  const { manifest } = manifestNaming('../secret.txt');
  const dir = path.dirname(path.dirname(manifest));
  const draft = path.join(dir, 'draft.md');
  fs.writeFileSync(draft, 'In 2021, the Cambodian government convicted 83 traffickers.\n');
  for (const format of ['text', 'json', 'sarif']) {
    const r = cli(['check', draft, '--report', manifest, '--format', format]);
    assert.equal(r.status, 1, `${format}: the draft's error is still found: ${r.stderr}`);
    assert.ok(!(r.stdout + r.stderr).includes('TOP-SECRET'), `${format}: the outside file leaked`);
    assert.match(r.stderr, /EVL-2023\.json: the manifest's "text" \(\.\.\/secret\.txt\) leads outside/);
  }
});

test('server: a workspace setting naming an escaping manifest loads nothing of it and keeps serving', async () => {
  const { manifest, outside } = manifestNaming('../secret.txt');
  const s = await startServer({ configuration: { reports: [manifest] } });
  try {
    await s.request('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } });
    await s.notify('initialized', {});
    const uri = 'file:///tmp/report-files-draft.md';
    await s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'Evilland is on Tier 1. [@EVL-2023]\n' } });
    const text = await s.request<string | null>('tipLens/reportText', { uri: 'tip-lens-report:/EVL-2023.txt' }).catch(() => null);
    assert.ok(!String(text ?? '').includes('TOP-SECRET'), 'reportText returned the outside file');
    const hover = await s.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 27 } });
    assert.ok(!JSON.stringify(hover ?? '').includes('TOP-SECRET'), 'hover showed the outside file');
    assert.ok(!JSON.stringify(s.messages).includes('TOP-SECRET'));
    assert.ok(JSON.stringify(s.messages).includes('leads outside'), 'the problem is reported: ' + JSON.stringify(s.messages).slice(0, 400));
    assert.ok(fs.existsSync(outside));
    assert.ok(s.alive());
  } finally {
    await s.close();
  }
});

test('CLI: a draft that is a FIFO with no writer or a device exits 2 at once, naming it', { skip: !posix || !fs.existsSync('/dev/zero') }, () => {
  const dir = tmp('fifo-draft');
  const fifo = path.join(dir, 'draft.md');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  for (const [file, why] of [[fifo, /named pipe/], ['/dev/zero', /device/]] as const) {
    const r = cli(['check', file]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`cannot read ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: is .*not a regular file`));
    assert.match(r.stderr, why);
  }
});
