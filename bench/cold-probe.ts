/**
 * Fresh-server open → first pulled diagnostics, with the server's own phase timestamps (stderr log lines)
 * and optionally a CPU profile: for finding where the cold path goes.
 *
 *   node --import tsx bench/cold-probe.ts [--size 20000] [--runs 5] [--prof DIR] [--push] [--flags 'NODE FLAGS'] [--node PATH]
 *     [--server dist/server.js[,other/server.js …]]   (several: alternated run by run)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { generateDraft } from './gen-draft';
import { SERVER_NODE_FLAGS } from '../server/src/protocol';

const ROOT = resolve(__dirname, '..');
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const size = Number(arg('--size', '20000'));
const runs = Number(arg('--runs', '5'));
const prof = argv.includes('--prof') ? resolve(arg('--prof', '')) : undefined;
const push = argv.includes('--push');
const servers = arg('--server', join(ROOT, 'dist', 'server.js')).split(',').map((s) => resolve(s));
const nodeBin = arg('--node', process.execPath);
const extraFlags = arg('--flags', '').split(' ').filter(Boolean);

async function once(serverJs: string, text: string, uri: string): Promise<{ init: number; diag: number; n: number; logs: string[] }> {
  const t0 = performance.now();
  const args = [...SERVER_NODE_FLAGS, ...extraFlags, ...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof, '--cpu-prof-interval', '200'] : []), serverJs, '--stdio'];
  const proc = spawn(nodeBin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const logs: string[] = [];
  conn.onNotification('window/logMessage', (p: { message: string }) => logs.push(`${(performance.now() - t0).toFixed(0)} ms: ${p.message.slice(0, 160)}`));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ reports: [] })));
  for (const m of ['client/registerCapability', 'window/workDoneProgress/create', 'workspace/diagnostic/refresh', 'workspace/codeLens/refresh']) conn.onRequest(m, () => null);
  let pushed: (() => void) | undefined;
  let pushedN = 0;
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
    if (p.uri === uri) {
      pushedN = p.diagnostics.length;
      pushed?.();
    }
  });
  conn.listen();
  const ws = pathToFileURL(join(ROOT, 'bench', '.out')).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: ws,
    workspaceFolders: [{ uri: ws, name: 'out' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, diagnostics: { refreshSupport: true } },
      textDocument: { synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true }, ...(push ? {} : { diagnostic: { dynamicRegistration: false } }) },
    },
  });
  const init = performance.now() - t0;
  await conn.sendNotification('initialized', {});
  const gotPush = new Promise<void>((r) => (pushed = r));
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  let n: number;
  if (push) {
    await gotPush;
    n = pushedN;
  } else {
    const rep = (await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    n = rep.kind === 'full' ? rep.items.length : -1;
  }
  const diag = performance.now() - t0;
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await new Promise((r) => proc.once('exit', r));
  conn.dispose();
  return { init, diag, n, logs };
}

async function main(): Promise<void> {
  const text = generateDraft(size, 7);
  const dir = join(ROOT, 'bench', '.out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `probe-${size}.md`);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  for (const s of servers) await once(s, text, uri);
  const inits = servers.map((): number[] => []);
  const diags = servers.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < servers.length; k++) {
      const r = await once(servers[k], text, uri);
      inits[k].push(r.init);
      diags[k].push(r.diag);
      if (i === runs - 1 && servers.length === 1) for (const l of r.logs) console.log('  ' + l);
      if (servers.length === 1) console.log(`run ${i + 1}: initialize ${r.init.toFixed(0)} ms, diagnostics ${r.diag.toFixed(0)} ms (${r.n})`);
    }
  }
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  servers.forEach((s, k) => console.log(`${s.replace(ROOT + '/', '')}: median initialize ${med(inits[k]).toFixed(0)} ms, open → diagnostics ${med(diags[k]).toFixed(0)} ms`));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
