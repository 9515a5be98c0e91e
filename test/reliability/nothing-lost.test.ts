/** Nothing is lost: checking never writes; --fix writes only the files it fixes; a server session without applied edits writes nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, hashTree, tmp } from './helpers/fixtures';
import { ROOT, startServer } from './helpers/lsp';

const WRONG = 'In 2021, the Cambodian government convicted 83 traffickers [@KHM-2022/prosecution.2].\n';
const CLEAN = 'The ministry met partners in Phnom Penh.\r\n';

function workspace(): string {
  const dir = tmp('ws');
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'wrong.md'), WRONG + '😀 ក្រុម\r\n');
  fs.writeFileSync(path.join(dir, 'clean.md'), CLEAN);
  fs.writeFileSync(path.join(dir, 'sub', 'notes.txt'), 'In 2021, Cambodia convicted 83 traffickers.\r');
  fs.writeFileSync(path.join(dir, 'sub', 'bom.markdown'), '\ufeff' + WRONG);
  fs.writeFileSync(path.join(dir, 'script.js'), 'require("fs").writeFileSync("pwned", "x")');
  fs.writeFileSync(path.join(dir, '.tip-lens.json'), '{"reports": ["x"]}');
  return dir;
}

test('CLI check (every format) on a folder leaves every file byte-identical and creates none', () => {
  const dir = workspace();
  const before = hashTree(dir);
  for (const format of ['text', 'json', 'sarif']) {
    const r = cli(['check', '.', '--format', format], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
  }
  assert.deepEqual(hashTree(dir), before);
  assert.ok(!fs.existsSync(path.join(dir, 'pwned')), 'nothing from the workspace ran');
});

test('CLI --fix writes only the files it fixes, and only inside the fixed ranges', () => {
  const dir = workspace();
  const before = hashTree(dir);
  const r = cli(['check', '.', '--fix'], { cwd: dir });
  assert.match(r.stderr, /fixed/);
  const after = hashTree(dir);
  const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k)).sort();
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'no file created or removed');
  assert.ok(changed.includes('wrong.md'), `changed: ${changed}`);
  for (const k of changed) assert.ok(/\.(md|markdown|txt)$/.test(k), `--fix wrote ${k}`);
  assert.ok(!changed.includes('clean.md') && !changed.includes('script.js') && !changed.includes('.tip-lens.json'));
  assert.equal(fs.readFileSync(path.join(dir, 'wrong.md'), 'utf8'), WRONG.replace('83', '38') + '😀 ក្រុម\r\n');
});

test('server session with opens, changes, code actions and fix-all (never applied) leaves every file byte-identical', async () => {
  const dir = workspace();
  fs.chmodSync(dir, 0o555); // read-only workspace
  const before = hashTree(dir);
  const s = await startServer({ rootPath: dir, pull: false, initializationOptions: { tipLens: { reports: ['.'] } } });
  try {
    for (const name of ['wrong.md', 'clean.md', 'sub/notes.txt', 'sub/bom.markdown']) {
      const file = path.join(dir, name);
      const uri = pathToFileURL(file).href;
      const text = fs.readFileSync(file, 'utf8');
      await s.notify('textDocument/didOpen', { textDocument: { uri, languageId: name.endsWith('.txt') ? 'plaintext' : 'markdown', version: 1, text } });
      await s.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Edited: ' }] });
      const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
      await s.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
      await s.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll.tipLens'] } });
      await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 52 } });
      await s.request('tipLens/coverage', { uri });
    }
    await new Promise((r) => setTimeout(r, 400)); // let pushed diagnostics run
    assert.ok([...s.pushed.values()].some((d) => d.length > 0), 'diagnostics were pushed');
    assert.ok(s.alive());
  } finally {
    await s.close();
    fs.chmodSync(dir, 0o755);
  }
  assert.deepEqual(hashTree(dir), before);
  assert.ok(!fs.existsSync(path.join(dir, 'pwned')));
  assert.ok(fs.existsSync(ROOT));
});
