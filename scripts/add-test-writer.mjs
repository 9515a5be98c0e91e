#!/usr/bin/env node
// Adds a writer's drafts (a folder with drafts/, expected.json, must_not_flag.json) wholly to the held-out
// test set (test/eval/test), unread: used for writers commissioned after the earlier test half had been
// folded into dev (see test/eval/README.md). The writer's README and VERIFY.txt go to test/eval/writers/<W>/.
//
//   node scripts/add-test-writer.mjs /work/eval-out/S
//   node scripts/add-test-writer.mjs --dev /work/eval-out/S    (a writer scored held out once already: straight to dev)
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const load = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : []);
const toDev = process.argv.includes('--dev');
const set = toDev ? 'dev' : 'test';
const dir = join(root, `test/eval/${set}`);
for (const src of process.argv.slice(2).filter((a) => a !== '--dev').map((p) => resolve(p))) {
  const writer = basename(src);
  mkdirSync(join(dir, 'drafts'), { recursive: true });
  for (const name of readdirSync(join(src, 'drafts'))) {
    if (existsSync(join(dir, 'drafts', name))) throw new Error(`${set}/drafts/${name} exists already`);
    cpSync(join(src, 'drafts', name), join(dir, 'drafts', name));
  }
  for (const out of ['expected.json', 'must_not_flag.json']) {
    const mine = load(join(src, out)).map((e) => ({ ...e, writer }));
    writeFileSync(join(dir, out), JSON.stringify([...load(join(dir, out)), ...mine], null, 2) + '\n');
  }
  const rec = join(root, 'test/eval/writers', writer);
  mkdirSync(rec, { recursive: true });
  for (const f of ['README.md', 'VERIFY.txt']) if (existsSync(join(src, f))) cpSync(join(src, f), join(rec, f));
  console.log(`${writer}: ${readdirSync(join(src, 'drafts')).length} drafts -> ${set}`);
}
