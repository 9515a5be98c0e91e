#!/usr/bin/env node
// Folds the whole held-out test set (test/eval/test) into dev (test/eval/dev) once it has been scored for
// the record (test/eval/README.md says when): drafts move, answer-key entries are appended to dev's.
//
//   node scripts/fold-test-into-dev.mjs
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const load = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : []);
const test = join(root, 'test/eval/test');
const dev = join(root, 'test/eval/dev');
const names = readdirSync(join(test, 'drafts'));
for (const name of names) if (existsSync(join(dev, 'drafts', name))) throw new Error(`dev/drafts/${name} exists already`);
mkdirSync(join(dev, 'drafts'), { recursive: true });
for (const name of names) renameSync(join(test, 'drafts', name), join(dev, 'drafts', name));
for (const out of ['expected.json', 'must_not_flag.json']) {
  writeFileSync(join(dev, out), JSON.stringify([...load(join(dev, out)), ...load(join(test, out))], null, 2) + '\n');
  writeFileSync(join(test, out), '[]\n');
}
console.log(`${names.length} drafts folded from test into dev`);
