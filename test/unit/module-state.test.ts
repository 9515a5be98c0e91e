/**
 * No module-level mutable state in any source file of the server or the client: a top-level `let` or
 * `var` is state no one owns or disposes (two sessions, two tests or a restart would share it). State
 * belongs to an object its owner creates and disposes; a lazily loaded library is the module system's.
 * Read with the TypeScript parser, so a `let` inside a function, a block or a class is not counted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const SOURCE_DIRS = ['server/src', 'client/src'];
/** Files still holding module-level `let`/`var`, to be given an owner; empty once none does. */
const ALLOWED: readonly string[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

/** `let x` / `var x` statements at the top level of a file (namespaces included), as "line: text". */
function moduleLevelMutables(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (statements: ts.NodeArray<ts.Statement>) => {
    for (const s of statements) {
      if (ts.isVariableStatement(s) && !(s.declarationList.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing))) {
        const line = sf.getLineAndCharacterOfPosition(s.getStart(sf)).line + 1;
        out.push(`${line}: ${s.getText(sf).split('\n')[0]}`);
      } else if (ts.isModuleDeclaration(s) && s.body && ts.isModuleBlock(s.body)) visit(s.body.statements);
    }
  };
  visit(sf.statements);
  return out;
}

test('the check sees a top-level let or var, and not one inside a function, block or class', () => {
  const found = moduleLevelMutables('x.ts', 'let a = 1;\nexport var b;\nconst c = 2;\nfunction f() { let d = 3; }\n{ let e; }\nclass K { m() { let g; } }\nnamespace N { let h; }\n');
  assert.deepEqual(found.map((f) => f.split(':')[0]), ['1', '2', '7']);
});

const files = SOURCE_DIRS.flatMap(sourceFiles);

test('the server and client sources are found', () => {
  assert.ok(files.some((f) => f.endsWith(join('server', 'src', 'server.ts'))));
  assert.ok(files.some((f) => f.endsWith(join('client', 'src', 'extension.ts'))));
});

for (const file of files) {
  const name = relative(ROOT, join(ROOT, file)).split('\\').join('/');
  if (ALLOWED.includes(name)) continue;
  test(`${name} declares no module-level let or var`, () => {
    const found = moduleLevelMutables(file, readFileSync(join(ROOT, file), 'utf8'));
    assert.deepEqual(found, [], `${name} keeps module-level mutable state; give it an owner (an object created and disposed by whoever uses it)`);
  });
}

test('every file on the allow-list exists and still needs to be on it', () => {
  for (const name of ALLOWED) {
    const found = moduleLevelMutables(name, readFileSync(join(ROOT, name), 'utf8'));
    assert.notDeepEqual(found, [], `${name} no longer declares module-level let or var: take it off the allow-list`);
  }
});
