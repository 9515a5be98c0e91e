/**
 * Completion in the races the VS Code suite runs into, over the real stdio connection: an untitled URI
 * closed and opened again at version 1 (VS Code reuses untitled:Untitled-1), the language set after the
 * open (a close and an open), and a client that polls every 200 ms while user narratives are warmed.
 * The server answers from the text of the latest didOpen in each race (the suite's flaky completion was
 * VS Code opening the new draft with a stale backup's text: see openDraft in test/vscode/helpers.ts).
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from './_client';

const U = 'untitled:Untitled-1';
const HOVER_DRAFT = 'The 2023 report urges Cambodia to "investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations, including senior officials" [@KHM-2023/R1].';
const DRAFT = 'Cambodia must act on forced labor [@scam';
const END = { line: 0, character: DRAFT.length };
const offersR1 = (l: CompletionList | null) => !!l?.items.some((i) => /KHM-2023\/R1(?!\d)/.test(`${i.detail ?? ''} ${i.textEdit?.newText ?? ''}`));
const complete = (c: TestClient, uri = U) => c.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: END, context: { triggerKind: 2, triggerCharacter: '@' } });

describe('completion races', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await startServer());
    // A first answer: the knowledge base is loaded and the settings read.
    client.open('untitled:Untitled-9', DRAFT);
    assert.ok(offersR1(await complete(client, 'untitled:Untitled-9')));
    client.close('untitled:Untitled-9');
  });
  after(async () => {
    await client.stop();
  });

  test('an untitled URI closed and opened again at version 1: completion at once sees the new text', async () => {
    client.open(U, HOVER_DRAFT);
    await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: U }, position: { line: 0, character: 150 } });
    // What VS Code sends on revert and close, then for the next draft (same name, version 1 again), with no wait between.
    client.change(U, { start: { line: 0, character: 0 }, end: { line: 0, character: HOVER_DRAFT.length } }, '');
    client.close(U);
    const stale = client.request('textDocument/diagnostic', { textDocument: { uri: U } });
    client.open(U, DRAFT);
    const [list] = await Promise.all([complete(client), stale]);
    assert.ok(offersR1(list), `KHM-2023/R1 offered: ${JSON.stringify(list?.items.map((i) => i.detail))}`);
    client.close(U);
  });

  test('a draft opened as plain text, then set to Markdown (close and open): completion answers', async () => {
    client.open(U, DRAFT, 'plaintext');
    const first = complete(client);
    client.close(U);
    client.open(U, DRAFT, 'markdown');
    const [a, b] = await Promise.all([first, complete(client)]);
    assert.ok(offersR1(b), 'the reopened draft is completed');
    assert.ok(a === null || offersR1(a), 'the first request saw the plain-text draft or none');
    client.close(U);
  });
});

describe('completion while user narratives are warmed, the client polling every 200 ms', () => {
  test('every poll is answered and the warm-up still finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tip-lens-warm-'));
    const base = JSON.parse(readFileSync(join(ROOT, 'server', 'reports', 'KHM-2022.json'), 'utf8')) as Record<string, unknown>;
    // Enough countries that the warm-up (each country's newest, a few ms each) outlasts several polls.
    const isos = Array.from({ length: 120 }, (_, i) => `Z${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);
    for (const iso of isos) {
      writeFileSync(join(dir, `${iso}-2023.json`), JSON.stringify({ ...base, id: `${iso}-2023`, iso3: iso, country: iso, edition: 2023, dataYear: 2022, text: `${iso}-2023.txt` }));
      copyFileSync(join(ROOT, 'server', 'reports', 'KHM-2022.txt'), join(dir, `${iso}-2023.txt`));
    }
    mkdirSync(join(dir, 'drafts'));
    const { client } = await startServer({ settings: { reports: [dir] }, workspaceFolder: dir });
    try {
      client.open(U, DRAFT);
      const warmed = () => client.notificationsOf<{ message: string }>('window/logMessage').find((m) => /warmed \d+ report/.test(m.message));
      // A client that asks again every 200 ms (the VS Code suite's waitFor), for as long as the warm-up takes.
      for (let polls = 0; !warmed(); polls++) {
        // Before the fix every poll postponed the warm-up by 300 ms again: it never finished.
        assert.ok(polls < 50, 'the warm-up finishes while the client keeps polling (it is not starved)');
        assert.ok(offersR1(await complete(client)), `poll ${polls} offers KHM-2023/R1`);
        await delay(200); // the client's polling interval, not a wait for the server
      }
    } finally {
      await client.stop();
    }
  });
});
