/**
 * The .vsix's layout (dist/server.js, dist/kb-snapshot.json, server/reports, no sources): the built server
 * takes the bundled reports from the snapshot there, ingests a report whose text no longer matches it, and
 * warms user narratives after initialized (the log says which).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { PUSH_CAPS, ROOT, TestClient } from './_client';

/** dist/server.js, dist/kb-snapshot.json, dist/lib and server/reports copied as the .vsix holds them (.vscodeignore). */
function packagedLayout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tip-lens-vsix-layout-'));
  mkdirSync(join(dir, 'dist'));
  for (const f of ['server.js', 'kb-snapshot.json']) copyFileSync(join(ROOT, 'dist', f), join(dir, 'dist', f));
  cpSync(join(ROOT, 'dist', 'lib'), join(dir, 'dist', 'lib'), { recursive: true });
  cpSync(join(ROOT, 'server', 'reports'), join(dir, 'server', 'reports'), { recursive: true });
  return dir;
}

async function start(dir: string, settings: unknown = null): Promise<TestClient> {
  const proc = spawn(process.execPath, [join(dir, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const client = new TestClient(proc, conn, settings);
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: PUSH_CAPS });
  void conn.sendNotification('initialized', {});
  return client;
}

const logs = (c: TestClient) => c.notificationsOf<{ message: string }>('window/logMessage').map((m) => m.message);
const loadedLine = (c: TestClient) => c.waitFor('the load log line', () => logs(c).find((m) => /loaded \d+ report/.test(m)));

test('.vscodeignore lets the snapshot and the lazily loaded libraries into the .vsix', () => {
  const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
  assert.match(ignore, /^!dist\/kb-snapshot\.json$/m);
  assert.match(ignore, /^!dist\/lib\/\*\.js$/m);
});

test('packaged server (no sources): the bundled reports come from the snapshot; diagnostics as usual', async () => {
  const dir = packagedLayout();
  const c = await start(dir);
  try {
    assert.match(await loadedLine(c), /loaded 2 report\(s\) in \d+ ms \(2 ingested at build time\)/);
    const uri = pathToFileURL(join(dir, 'brief.md')).href;
    c.open(uri, readFileSync(join(ROOT, 'examples', 'brief.md'), 'utf8'));
    const d = await c.waitFor('diagnostics', () => c.notificationsOf<{ uri: string; diagnostics: { code: string }[] }>('textDocument/publishDiagnostics').find((p) => p.uri === uri));
    assert.ok(d.diagnostics.some((x) => x.code === 'figure.mismatch'));
    // Front matter through the YAML library and completion through fuse.js: both from dist/lib.
    const other = pathToFileURL(join(dir, 'other.md')).href;
    c.open(other, '---\ntip-report: "KHM-2023"\n---\nSee [@scam\n');
    const list = await c.request<{ items: { label: string; detail?: string }[] } | null>('textDocument/completion', { textDocument: { uri: other }, position: { line: 3, character: 10 } });
    assert.ok(list && list.items.some((i) => i.detail === 'KHM-2023/R1'), JSON.stringify(list?.items.slice(0, 3)));
  } finally {
    await c.stop();
  }
});

test('packaged server: a bundled text changed after the build is ingested, not taken from the snapshot', async () => {
  const dir = packagedLayout();
  const txt = join(dir, 'server', 'reports', 'KHM-2022.txt');
  writeFileSync(txt, readFileSync(txt, 'utf8').replace('38 traffickers', '39 traffickers'));
  const c = await start(dir);
  try {
    assert.match(await loadedLine(c), /\(1 ingested at build time\)/);
  } finally {
    await c.stop();
  }
});

test('user narratives are warmed after initialized, off the request path', async () => {
  const dir = packagedLayout();
  const user = join(dir, 'narratives');
  mkdirSync(user);
  const base = JSON.parse(readFileSync(join(ROOT, 'server', 'reports', 'KHM-2022.json'), 'utf8')) as Record<string, unknown>;
  for (const e of [2019, 2020, 2021]) {
    writeFileSync(join(user, `THA-${e}.json`), JSON.stringify({ ...base, id: `THA-${e}`, iso3: 'THA', country: 'Thailand', edition: e, dataYear: e - 1, text: `THA-${e}.txt` }));
    copyFileSync(join(ROOT, 'server', 'reports', 'KHM-2022.txt'), join(user, `THA-${e}.txt`));
  }
  const c = await start(dir, { reports: [user] });
  try {
    // The newest Thai edition (each country's newest is warmed); the older ones stay lazy.
    const warmed = await c.waitFor('the warm-up log line', () => logs(c).find((m) => /warmed \d+ report/.test(m)));
    assert.match(warmed, /warmed 1 report\(s\)/);
  } finally {
    await c.stop();
  }
});
