/**
 * The server's limits and protocol edges over real stdio (issue 13, items 5, 7 and 8): a document over the
 * size limit is not analysed (one diagnostic says so) while the others are served; long queries are
 * refused with InvalidParams; load problems make one notification; positional params and a bad
 * previousResultIds are InvalidParams; requests after shutdown are InvalidRequest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { ResponseError } from 'vscode-jsonrpc/node';
import { resyncFrames } from '../../server/src/server';
import { MAX_DRAFT_BYTES, MAX_LOGGED_PROBLEMS, MAX_QUERY_CHARS } from '../../server/src/protocol';
import { tmp } from './helpers/fixtures';
import { SERVER, startServer, type Session } from './helpers/lsp';

const WRONG = 'In 2021, the Cambodian government convicted 83 traffickers.';
type Diag = { code?: string; message: string; severity?: number };
type Report = { kind: string; items?: Diag[] };

/** The error a request is answered with (fails if it is answered with a result). */
async function errorOf(s: Session, method: string, params: unknown): Promise<ResponseError<unknown>> {
  try {
    await s.request(method, params);
  } catch (e) {
    assert.ok(e instanceof ResponseError, `${method}: ${String(e)}`);
    return e;
  }
  assert.fail(`${method} ${JSON.stringify(params)?.slice(0, 80)}: answered with a result, not an error`);
}

const diagnostics = async (s: Session, uri: string) => (await s.request<Report>('textDocument/diagnostic', { textDocument: { uri } })).items ?? [];

test(`a document over ${MAX_DRAFT_BYTES / 1048576} MB (didOpen or didChange) is not analysed: one diagnostic names it and the limit; other documents are served`, { timeout: 120_000 }, async () => {
  const s = await startServer({ pull: true, timeoutMs: 60_000 });
  try {
    // ASCII, so characters are bytes: one byte over the limit, and a paragraph that would be flagged if it were checked.
    const big = `${WRONG}\n\n`.padEnd(MAX_DRAFT_BYTES + 1, 'x');
    const bigUri = 'file:///limits/big.md';
    const smallUri = 'file:///limits/small.md';
    await s.notify('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'markdown', version: 1, text: big } });
    await s.notify('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'markdown', version: 1, text: WRONG } });

    const onBig = await diagnostics(s, bigUri);
    assert.equal(onBig.length, 1, JSON.stringify(onBig));
    assert.equal(onBig[0].code, 'document.too-large');
    assert.ok(onBig[0].message.includes(bigUri) && onBig[0].message.includes('64 MB'), onBig[0].message);
    assert.equal(await s.request('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: 0, character: 45 } }), null);

    assert.deepEqual((await diagnostics(s, smallUri)).map((d) => d.code), ['figure.mismatch']);
    assert.ok(await s.request('textDocument/hover', { textDocument: { uri: smallUri }, position: { line: 0, character: 45 } }), 'hover on the small document');
    const symbols = await s.request<unknown[]>('workspace/symbol', { query: 'restitution' });
    assert.ok(symbols.length > 0);

    // Shrunk under the limit: analysed again.
    await s.notify('textDocument/didChange', { textDocument: { uri: bigUri, version: 2 }, contentChanges: [{ text: WRONG }] });
    assert.deepEqual((await diagnostics(s, bigUri)).map((d) => d.code), ['figure.mismatch']);

    // Grown over the limit by an incremental change: not analysed.
    await s.notify('textDocument/didChange', { textDocument: { uri: smallUri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: WRONG.length }, end: { line: 0, character: WRONG.length } }, text: big }] });
    assert.deepEqual((await diagnostics(s, smallUri)).map((d) => d.code), ['document.too-large']);
    assert.deepEqual((await diagnostics(s, bigUri)).map((d) => d.code), ['figure.mismatch']);
    const ws = await s.request<{ items: { uri: string; items: Diag[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(ws.items.map((i) => [i.uri, i.items.map((d) => d.code)]).sort(), [[bigUri, ['figure.mismatch']], [smallUri, ['document.too-large']]].sort());
    assert.ok(s.alive());
  } finally {
    await s.close();
  }
});

test(`queries longer than ${MAX_QUERY_CHARS} characters: InvalidParams naming the limit (tipLens/searchItems, workspace/symbol)`, async () => {
  const s = await startServer({ pull: true });
  try {
    const long = 'restitution '.repeat(100_000); // 1.2 MB
    for (const [method, params] of [
      ['tipLens/searchItems', { query: long }],
      ['workspace/symbol', { query: long }],
      ['tipLens/searchItems', { query: 'r'.repeat(MAX_QUERY_CHARS + 1) }],
    ] as const) {
      const e = await errorOf(s, method, params);
      assert.equal(e.code, -32602, `${method}: ${e.message}`);
      assert.match(e.message, new RegExp(`limit is ${MAX_QUERY_CHARS}`));
    }
    // At the limit: answered.
    const atLimit = `restitution ${'x'.repeat(MAX_QUERY_CHARS - 12)}`;
    assert.ok(Array.isArray(await s.request('tipLens/searchItems', { query: atLimit })));
    assert.ok(Array.isArray(await s.request('workspace/symbol', { query: atLimit })));
    assert.ok((await s.request<unknown[]>('tipLens/searchItems', { query: 'restitution' })).length > 0);
  } finally {
    await s.close();
  }
});

test('a folder of 500 broken manifests: one window/showMessage summing them up, one log message, every problem in tipLens/status', async () => {
  const dir = tmp('limits-manifests');
  const n = 500;
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `broken-${String(i).padStart(3, '0')}.json`), '{ "id": ');
  const s = await startServer({ initializationOptions: { reports: [dir] } });
  try {
    // A request that needs the knowledge base: its answer comes after every notification the load sent.
    await s.request('workspace/symbol', { query: 'restitution' });
    const shown = s.messages.filter((m) => m.method === 'window/showMessage').map((m) => (m.params as { message: string }).message);
    assert.equal(shown.length, 1, shown.slice(0, 3).join('\n'));
    assert.match(shown[0], /^TIP Lens: 500 problems loading reports or settings, the first: .*broken-000\.json: .*TIP Lens output/);
    const logged = s.messages.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message).filter((m) => m.includes('broken-'));
    assert.equal(logged.length, 1);
    assert.equal(logged[0].split('\n').filter((l) => l.includes('broken-')).length, MAX_LOGGED_PROBLEMS);
    assert.match(logged[0], new RegExp(`and ${n - MAX_LOGGED_PROBLEMS} more \\(all of them in tipLens/status\\)`));
    const status = s.messages.filter((m) => m.method === 'tipLens/status').map((m) => m.params as { reports: string[]; problems: unknown[] });
    assert.ok(status.length >= 1);
    assert.equal(status.at(-1)!.problems.length, n);
    assert.ok(status.at(-1)!.reports.includes('KHM-2023'), 'the bundled reports still load');
    // A settings change that reloads nothing new shows nothing new.
    await s.notify('workspace/didChangeConfiguration', { settings: { tipLens: { reports: [dir] } } });
    await s.request('workspace/symbol', { query: 'restitution' });
    assert.equal(s.messages.filter((m) => m.method === 'window/showMessage').length, 1);
  } finally {
    await s.close();
  }
});

test('positional params ([]) and a previousResultIds that is not a list of {uri, value}: InvalidParams, never InternalError', async () => {
  const s = await startServer({ pull: true });
  try {
    await s.notify('textDocument/didOpen', { textDocument: { uri: 'file:///limits/a.md', languageId: 'markdown', version: 1, text: WRONG } });
    const methods = [
      'textDocument/hover',
      'textDocument/completion',
      'completionItem/resolve',
      'textDocument/codeAction',
      'textDocument/definition',
      'textDocument/references',
      'textDocument/documentLink',
      'textDocument/codeLens',
      'textDocument/diagnostic',
      'workspace/diagnostic',
      'workspace/symbol',
      'tipLens/coverage',
      'tipLens/searchItems',
      'tipLens/checkDocument',
      'tipLens/reportText',
    ];
    for (const m of methods) {
      for (const params of [[], [{ query: 'x' }, 2]]) {
        const e = await errorOf(s, m, params);
        assert.equal(e.code, -32602, `${m} ${JSON.stringify(params)}: ${e.code} ${e.message}`);
      }
    }
    for (const previousResultIds of [5, 'x', {}, [1], [{ uri: 1, value: 'a' }], [{ uri: 'file:///limits/a.md' }]]) {
      const e = await errorOf(s, 'workspace/diagnostic', { previousResultIds });
      assert.equal(e.code, -32602, `previousResultIds ${JSON.stringify(previousResultIds)}: ${e.code} ${e.message}`);
      assert.match(e.message, /previousResultIds/);
    }
    assert.ok(Array.isArray((await s.request<{ items: unknown[] }>('workspace/diagnostic', { previousResultIds: [] })).items));
    assert.ok(s.alive());
  } finally {
    await s.close();
  }
});

test('after shutdown every request is answered with InvalidRequest, a second shutdown too; exit then ends the process with 0', async () => {
  const s = await startServer({ pull: true });
  await s.notify('textDocument/didOpen', { textDocument: { uri: 'file:///limits/a.md', languageId: 'markdown', version: 1, text: WRONG } });
  assert.equal(await s.request('shutdown', null), null);
  for (const [method, params] of [
    ['textDocument/hover', { textDocument: { uri: 'file:///limits/a.md' }, position: { line: 0, character: 45 } }],
    ['textDocument/diagnostic', { textDocument: { uri: 'file:///limits/a.md' } }],
    ['workspace/symbol', { query: 'restitution' }],
    ['tipLens/searchItems', { query: 'restitution' }],
    ['shutdown', null],
  ] as const) {
    const e = await errorOf(s, method, params);
    assert.equal(e.code, -32600, `${method}: ${e.code} ${e.message}`);
    assert.match(e.message, /shutting down/);
  }
  const exited = new Promise<number | null>((resolve) => s.child.on('exit', (code) => resolve(code)));
  await s.notify('exit', null);
  assert.equal(await exited, 0);
  s.conn.dispose();
});

test('a wrong Content-Length (too large, too small, not a number, missing) does not leave the server deaf: the next well-formed message is answered', { timeout: 30_000 }, async () => {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const answers = new Map<number, (v: unknown) => void>();
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('latin1');
    for (const m of out.matchAll(/"id":(\d+),"result"/g)) answers.get(Number(m[1]))?.(true);
  });
  const answered = (id: number) => new Promise((resolve) => answers.set(id, resolve));
  const frame = (obj: unknown, delta = 0, header?: string) => {
    const b = Buffer.from(JSON.stringify(obj));
    return Buffer.concat([Buffer.from(header ?? `Content-Length: ${b.length + delta}\r\n\r\n`), b]);
  };
  const req = (id: number) => ({ jsonrpc: '2.0', id, method: 'workspace/symbol', params: { query: 'restitution' } });
  try {
    const init = answered(0);
    child.stdin.write(frame({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    await init;
    child.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
    let id = 1;
    for (const broken of [frame(req(900), 100_000), frame(req(901), -10), frame(req(902), 0, 'Content-Length: abc\r\n\r\n'), frame(req(903), 0, 'Content-Type: application/json\r\n\r\n')]) {
      const next = answered(id);
      child.stdin.write(broken);
      child.stdin.write(frame(req(id)));
      await next; // no answer: the test times out
      id++;
    }
    const last = answered(id);
    child.stdin.write(frame(req(id)));
    await last;
    assert.equal(child.exitCode, null, 'alive');
    assert.ok(!out.includes('"id":900,"result"'), 'the broken message is not answered');
    assert.match(out, /dropped a message whose Content-Length \(\d+\) runs into the next message's header/);
  } finally {
    child.kill();
  }
});

test('resyncFrames passes well-formed frames through unchanged, however the bytes are chunked', () => {
  const frames = fc.array(fc.jsonValue().map((v) => JSON.stringify({ jsonrpc: '2.0', id: 1, result: v })), { minLength: 1, maxLength: 5 });
  fc.assert(
    fc.property(frames, fc.array(fc.nat(200), { maxLength: 10 }), (bodies, cuts) => {
      const input = Buffer.concat(bodies.map((b) => Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(b)}\r\n\r\n`), Buffer.from(b)])));
      const warnings: string[] = [];
      const t = resyncFrames((m) => warnings.push(m));
      const out: Buffer[] = [];
      t.on('data', (d: Buffer) => out.push(d));
      let at = 0;
      for (const c of [...cuts].sort((a, b) => a - b)) {
        const end = Math.min(input.length, c);
        if (end > at) t.write(input.subarray(at, end));
        at = Math.max(at, end);
      }
      t.write(input.subarray(at));
      t.end();
      assert.deepEqual(Buffer.concat(out), input);
      assert.deepEqual(warnings, []);
    }),
    { numRuns: 300 },
  );
});
