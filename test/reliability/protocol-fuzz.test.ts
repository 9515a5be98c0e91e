/**
 * Protocol fuzz against the real server process over stdio: a seeded PRNG drives thousands of bounded
 * operations; every request gets a result or an LSP error within a timeout, and the server is alive and
 * correct at the end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResponseError } from 'vscode-jsonrpc/node';
import { createTipLensService } from '../../server/src/service/index';
import { defaultSettings } from '../../server/src/service/settings';
import { NEVER_CANCELLED } from '../../server/src/service/types';
import { kb } from '../helpers/engine';
import { hostileText } from './helpers/hostile';
import { prng, RequestTimeout, startServer } from './helpers/lsp';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 8;
const OPS = process.env.FUZZ_OPS ? Number(process.env.FUZZ_OPS) : 3000;
const WRONG = 'In 2021, the Cambodian government convicted 83 traffickers.';

test(`protocol fuzz: ${OPS} random operations (seed ${SEED}) never hang or kill the server`, { timeout: 180_000 }, async (t) => {
  const rnd = prng(SEED);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)];
  const texts = fc.sample(hostileText, { seed: SEED, numRuns: 200 });
  const s = await startServer({ pull: true });
  const mirror = new Map<string, TextDocument>(); // what the server should hold for each open URI
  const uris = Array.from({ length: 6 }, (_, i) => `file:///fuzz/doc-${i}.md`);
  const counts: Record<string, number> = {};
  let answered = 0;
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  const internal: string[] = [];
  const inFlight: Promise<void>[] = [];
  const pos = (doc: TextDocument | undefined) => {
    const r = rnd();
    if (!doc || r < 0.2) return { line: int(50), character: int(200) }; // often out of range
    const p = doc.positionAt(int(doc.getText().length + 1));
    return r < 0.3 ? { line: p.line, character: p.character + int(20) } : p;
  };
  const malformed = [null, 5, 'x', {}, { textDocument: 5 }, { textDocument: { uri: 7 }, position: { line: 0, character: 0 } }, { textDocument: { uri: uris[0] }, position: { line: -1, character: 1.5 } }, { textDocument: { uri: uris[0] }, position: 'x' }, { textDocument: { uri: uris[0] }, range: { start: 1 } }];

  const req = (method: string, params: unknown, cancel: boolean) => {
    const p = s
      .request(method, params, cancel ? { cancelAfterMs: int(3) } : {})
      .then(
        () => void answered++,
        (e: unknown) => {
          if (e instanceof RequestTimeout) throw e;
          assert.ok(e instanceof ResponseError, `${method}: not an LSP error: ${String(e)}`);
          errors++;
          errorCodes[e.code] = (errorCodes[e.code] ?? 0) + 1;
          if (e.code === -32603) internal.push(`${method}: ${e.message} (params ${JSON.stringify(params)?.slice(0, 300)})`);
        },
      );
    inFlight.push(p);
  };

  for (let i = 0; i < OPS; i++) {
    const uri = rnd() < 0.9 ? pick(uris) : `file:///unknown/${int(1000)}.md`;
    const doc = mirror.get(uri);
    const cancel = rnd() < 0.15;
    const r = rnd();
    let op: string;
    if (r < 0.12) {
      op = 'open';
      const text = rnd() < 0.2 ? WRONG : pick(texts);
      const languageId = rnd() < 0.2 ? 'plaintext' : 'markdown';
      // Opening an already-open URI is a client bug; the server must survive it (and then holds the new text).
      await s.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      mirror.set(uri, TextDocument.create(uri, languageId, 1, text));
    } else if (r < 0.35) {
      op = 'change';
      const version = (doc?.version ?? 0) + 1;
      const changes = Array.from({ length: 1 + int(3) }, () => {
        const a = pos(doc);
        const b = rnd() < 0.5 ? a : pos(doc);
        const [start, end] = doc && doc.offsetAt(a) > doc.offsetAt(b) ? [b, a] : [a, b];
        return { range: { start, end }, text: rnd() < 0.3 ? '' : pick(texts).slice(0, 60) };
      });
      await s.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
      if (doc) mirror.set(uri, TextDocument.update(doc, changes, version));
    } else if (r < 0.40) {
      op = 'close';
      await s.notify('textDocument/didClose', { textDocument: { uri } });
      mirror.delete(uri);
    } else if (r < 0.50) {
      op = 'hover';
      req('textDocument/hover', { textDocument: { uri }, position: pos(doc) }, cancel);
    } else if (r < 0.60) {
      op = 'completion';
      req('textDocument/completion', { textDocument: { uri }, position: pos(doc), context: { triggerKind: 1 } }, cancel);
    } else if (r < 0.70) {
      op = 'codeAction';
      const a = pos(doc);
      req('textDocument/codeAction', { textDocument: { uri }, range: { start: a, end: rnd() < 0.5 ? a : pos(doc) }, context: { diagnostics: [], only: rnd() < 0.3 ? ['source.fixAll.tipLens'] : undefined } }, cancel);
    } else if (r < 0.75) {
      op = 'definition';
      req('textDocument/definition', { textDocument: { uri }, position: pos(doc) }, cancel);
    } else if (r < 0.85) {
      op = 'diagnostic';
      req('textDocument/diagnostic', { textDocument: { uri } }, cancel);
    } else if (r < 0.88) {
      op = 'other';
      const m = pick(['textDocument/references', 'textDocument/documentLink', 'textDocument/codeLens', 'workspace/symbol', 'tipLens/coverage', 'tipLens/searchItems', 'tipLens/checkDocument', 'tipLens/reportText', 'workspace/diagnostic']);
      req(m, { textDocument: { uri }, uri, position: pos(doc), context: { includeDeclaration: true }, query: pick(['', 'prosec', '83', '😀']), text: pick(texts), previousResultIds: [] }, cancel);
    } else if (r < 0.95) {
      op = 'malformed';
      req(pick(['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/definition', 'textDocument/diagnostic', 'tipLens/checkDocument', 'tipLens/searchItems']), pick(malformed), cancel);
    } else if (r < 0.97) {
      op = 'unknown-method';
      req(`tipLens/nope${int(3)}`, { x: 1 }, false);
    } else {
      op = 'bad-notification';
      await s.notify(pick(['textDocument/didChange', 'textDocument/didOpen', 'textDocument/didClose', 'workspace/didChangeConfiguration', '$/cancelRequest']), pick(malformed));
    }
    counts[op] = (counts[op] ?? 0) + 1;
    if (inFlight.length >= 16) await Promise.all(inFlight.splice(0));
  }
  await Promise.all(inFlight.splice(0));
  assert.ok(s.alive(), `server died; stderr:\n${s.stderr()}`);

  // Correct at the end: every open document's pulled diagnostics equal the engine's on the mirrored text.
  const engine = createTipLensService({ kb, settings: defaultSettings() });
  for (const [uri, doc] of mirror) {
    const report = await s.request<{ items: { code: string; range: unknown }[] }>('textDocument/diagnostic', { textDocument: { uri } });
    const expected = engine.diagnostics(TextDocument.create(uri + '#mirror', doc.languageId, doc.version, doc.getText()), NEVER_CANCELLED);
    assert.deepEqual(
      report.items.map((d) => [d.code, d.range]),
      expected.map((d) => [d.code, d.range]),
      `server's view of ${uri} differs from the mirrored text`,
    );
  }
  const known = 'file:///fuzz/final.md';
  await s.notify('textDocument/didOpen', { textDocument: { uri: known, languageId: 'markdown', version: 1, text: WRONG } });
  const final = await s.request<{ items: { code: string; range: { start: { character: number }; end: { character: number } } }[] }>('textDocument/diagnostic', { textDocument: { uri: known } });
  const mismatch = final.items.find((d) => d.code === 'figure.mismatch');
  assert.ok(mismatch, `final check: expected figure.mismatch, got ${JSON.stringify(final.items.map((d) => d.code))}`);
  assert.equal(WRONG.slice(mismatch.range.start.character, mismatch.range.end.character), '83');
  const code = await s.close();
  assert.equal(code, 0, 'server exits cleanly after shutdown/exit');
  const crashes = s.stderr().match(/uncaught|unhandled rejection/gi) ?? [];
  t.diagnostic(`${OPS} operations tried (${JSON.stringify(counts)}); ${answered} results, ${errors} LSP errors ${JSON.stringify(errorCodes)}; ${mirror.size} documents compared with the engine at the end`);
  assert.deepEqual(internal, [], 'InternalError answers mean a handler threw');
  assert.equal(crashes.length, 0, `server logged uncaught errors:\n${s.stderr().slice(0, 2000)}`);
});
