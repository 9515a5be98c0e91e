/**
 * TIP Lens's additions to LSP are defined once (server/src/requests.ts, server/src/protocol.ts) and used by
 * both ends: the wire names are the documented ones, each method string is written in exactly one place of
 * the sources, and the commands are the ones package.json contributes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import * as requests from '../../server/src/requests';
import { Commands } from '../../server/src/protocol';

const ROOT = resolve(__dirname, '../..');

/** The wire names the README and the integration tests use: renaming one breaks other editors' set-ups. */
const WIRE = {
  ReportTextRequest: 'tipLens/reportText',
  CoverageRequest: 'tipLens/coverage',
  SearchItemsRequest: 'tipLens/searchItems',
  CheckDocumentRequest: 'tipLens/checkDocument',
  CiteSentenceRequest: 'tipLens/citeSentence',
  BibliographyRequest: 'tipLens/bibliography',
  ImportReportRequest: 'tipLens/importReport',
  StatusNotification: 'tipLens/status',
};

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourcesOf(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('every custom request and notification is a typed message type with its documented wire name', () => {
  const types = Object.entries(requests).filter(([, v]) => v instanceof RequestType || v instanceof NotificationType);
  assert.deepEqual(Object.fromEntries(types.map(([name, t]) => [name, (t as { method: string }).method])), WIRE);
});

test('each method string is written once in the client and server sources (in requests.ts)', () => {
  const files = [...sourcesOf(join(ROOT, 'server/src')), ...sourcesOf(join(ROOT, 'client/src'))];
  for (const method of Object.values(WIRE)) {
    const quoted = new RegExp(`['"]${method}['"]`, 'g');
    const where = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(quoted)].map(() => f.slice(ROOT.length + 1)));
    assert.deepEqual(where, ['server/src/requests.ts'], `${method} written in ${where.join(', ')}`);
  }
});

test('the commands in protocol.ts are those package.json contributes', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  assert.deepEqual(Object.values(Commands).sort(), pkg.contributes.commands.map((c) => c.command).sort());
});
