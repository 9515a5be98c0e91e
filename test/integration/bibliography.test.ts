/**
 * A draft's own bibliography and the tipLens/bibliography export, over stdio on the built server
 * (dist/server.js): keys of the draft's bibliography file are not reference.unknown, an entry with the
 * State Department page's URL cites KHM-2023 (hover), a missing file is one warning naming draft and
 * file, and the export request returns CSL JSON and BibTeX.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentDiagnosticReport, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { BibliographyResult } from '../../server/src/protocol';
import { BibliographyRequest } from '../../server/src/requests';
import { positionOf, startServer, type TestClient } from './_client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-bib-srv-'));
fs.writeFileSync(
  path.join(dir, 'zotero.json'),
  JSON.stringify([
    { id: 'state2023cambodia', type: 'webpage', title: 'Cambodia', URL: 'https://www.state.gov/reports/2023-trafficking-in-persons-report/cambodia/' },
    { id: 'KHM-2023/R42', type: 'document', title: 'Our own numbering' },
  ]),
);
const DRAFT = `---
tip-report: KHM-2023
bibliography: [zotero.json, missing.bib]
---
Cambodia is on Tier 3 [@state2023cambodia]. See our note [@KHM-2023/R42] and [@R13; @KHM-2023/R43].
`;
const FILE = path.join(dir, 'draft.md');
const URI = pathToFileURL(FILE).href;
const items = (r: DocumentDiagnosticReport) => (r as { items: Diagnostic[] }).items;

describe("a draft's bibliography and the bibliography export over stdio", () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await startServer({ workspaceFolder: dir }));
    client.open(URI, DRAFT);
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('keys of the bibliography file are not unknown; a TIP key that is not there is', async () => {
    const found = items(await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI } })).filter((d) => d.code === 'reference.unknown');
    assert.deepEqual(found.map((d) => DRAFT.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)), ['KHM-2023/R43']);
  });

  test('the entry with the report page URL cites KHM-2023: its hover is the report hover', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: positionOf(DRAFT, 'state2023', 2) });
    assert.match((h.contents as MarkupContent).value, /2023 TIP Report — Cambodia/);
  });

  test('a missing bibliography file: one warning naming the draft and the file', async () => {
    const warned = await client.waitFor('the warning', () =>
      client.notificationsOf<{ message: string }>('window/showMessage').find((m) => m.message.includes('missing.bib')),
    );
    assert.equal(warned.message, `TIP Lens: ${FILE}: bibliography missing.bib: file not found; its keys are not known to TIP Lens`);
    await client.request('textDocument/hover', { textDocument: { uri: URI }, position: positionOf(DRAFT, 'R13', 1) });
    assert.equal(client.notificationsOf<{ message: string }>('window/showMessage').filter((m) => m.message.includes('missing.bib')).length, 1);
  });

  test('tipLens/bibliography: CSL JSON with items and the draft\'s short keys; BibTeX without items unless asked', async () => {
    const csl = await client.request<BibliographyResult>(BibliographyRequest.method, { format: 'csl-json', uri: URI });
    assert.equal(csl.extension, '.json');
    const ids = (JSON.parse(csl.text) as { id: string }[]).map((e) => e.id);
    assert.equal(ids.length, csl.entries);
    assert.ok(ids.includes('KHM-2023/R13') && ids.includes('R13') && ids.includes('KHM-2022/prosecution.2'));
    const bib = await client.request<BibliographyResult>(BibliographyRequest.method, { format: 'bibtex' });
    assert.equal(bib.extension, '.bib');
    assert.deepEqual([...bib.text.matchAll(/^@(\w+)\{([^,]+),$/gm)].map((m) => `${m[1]} ${m[2]}`), ['techreport KHM-2023', 'techreport KHM-2022']);
    await assert.rejects(client.request(BibliographyRequest.method, { format: 'docx' }), /expected \{format/);
  });
});
