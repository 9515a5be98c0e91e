#!/usr/bin/env node
// Moves a writer's evaluation drafts (test/eval/incoming/<W>/) into the dev and test sets by a rule fixed
// before anyone looks at them: a draft whose file name's SHA-1 starts with 0-7 goes to dev, 8-f to test.
// Its expected and must-not-flag entries go with it. The writer's README, VERIFY.txt and scripts are kept
// under test/eval/writers/<W>/ for the record.
//
//   node scripts/split-eval.mjs test/eval/incoming/B
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const load = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : []);
for (const src of process.argv.slice(2).map((p) => resolve(p))) {
  const writer = basename(src);
  const expected = load(join(src, 'expected.json'));
  const mustNot = load(join(src, 'must_not_flag.json'));
  for (const name of readdirSync(join(src, 'drafts')).sort()) {
    const set = parseInt(createHash('sha1').update(name).digest('hex')[0], 16) < 8 ? 'dev' : 'test';
    const dir = join(root, 'test/eval', set);
    mkdirSync(join(dir, 'drafts'), { recursive: true });
    if (existsSync(join(dir, 'drafts', name))) throw new Error(`${set}/drafts/${name} exists already`);
    renameSync(join(src, 'drafts', name), join(dir, 'drafts', name));
    const file = `drafts/${name}`;
    for (const [list, out] of [[expected, 'expected.json'], [mustNot, 'must_not_flag.json']]) {
      const prev = load(join(dir, out));
      const mine = list.filter((e) => e.file === file).map((e) => ({ ...e, writer }));
      writeFileSync(join(dir, out), JSON.stringify([...prev, ...mine], null, 2) + '\n');
    }
    console.log(`${writer}: ${name} -> ${set}`);
  }
  const keep = join(root, 'test/eval/writers', writer);
  mkdirSync(keep, { recursive: true });
  for (const f of readdirSync(src)) if (f !== 'drafts' && !f.endsWith('.json')) cpSync(join(src, f), join(keep, f), { recursive: true });
  rmSync(src, { recursive: true });
}
