/**
 * Layers point one way: model <- reading <- ingest <- service <- node/server/cli. The engine
 * (model, reading, ingest, service) is pure: no Node built-ins (no I/O, no network, no process).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../server/src');
const RANK: Record<string, number> = { model: 0, types: 0, protocol: 0, reading: 1, ingest: 2, import: 2, service: 3 };
/** The folders of the engine; protocol.ts (the LSP additions' types and names, shared with the client) sits with the model. */
const LAYERS = ['model', 'types', 'reading', 'ingest', 'import', 'service'];

function filesOf(dir: string): string[] {
  return readdirSync(join(SRC, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

for (const layer of LAYERS) {
  for (const file of filesOf(layer)) {
    test(`${file} imports only from its own layer or below, and no Node built-in`, () => {
      const text = readFileSync(join(SRC, file), 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        const spec = m[1];
        assert.ok(!spec.startsWith('node:') && !['fs', 'path', 'os', 'net', 'http', 'https', 'child_process'].includes(spec), `${file} imports ${spec}`);
        if (!spec.startsWith('.')) continue;
        const target = relative(SRC, resolve(join(SRC, file, '..'), spec)).split(/[\\/]/)[0];
        assert.ok(target in RANK, `${file} imports ${spec}, outside the engine`);
        assert.ok(RANK[target] <= RANK[layer], `${file} (${layer}) imports ${spec} (${target}), a layer above it`);
      }
    });
  }
}

// No module-level mutable cache in the engine: data derived from a report or knowledge base is kept on it
// (model/derived.ts), per-document memos by the service. A top-level `let`, or an empty Map, Set or WeakMap
// made at module level, is state no one owns or disposes.
for (const layer of LAYERS) {
  for (const file of filesOf(layer)) {
    test(`${file} keeps no module-level mutable state`, () => {
      const text = readFileSync(join(SRC, file), 'utf8');
      for (const m of text.matchAll(/^(?:export\s+)?(?:let\s+\w+|const\s+\w+(?::[^=]+)?\s*=\s*new\s+(?:WeakMap|WeakSet|WeakRef)\b|const\s+\w+(?::[^=]+)?\s*=\s*new\s+(?:Map|Set)(?:<[^>]*>)?\(\s*\))/gm)) {
        assert.fail(`${file}: module-level ${m[0].trim()}`);
      }
    });
  }
}
