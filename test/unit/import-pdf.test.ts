/**
 * PDFs written by scripts/fixtures/import-fixtures.ts (two columns, running heads, the country in the
 * margin, a photo caption, hyphenated line ends) read by the real pdf.js and imported: each equals the
 * knowledge base read from the plain text; bad PDFs get a message and nothing is written.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { convertInput, importReport } from '../../server/src/node/importReport';
import { pdfBlocks } from '../../server/src/node/pdfText';
import { joinLines, pdfLayoutBlocks } from '../../server/src/import/pdfLayout';
import { countryFromOption, findCountry, type CountryEntry } from '../../server/src/import/countries';
import { ingestReport, parseManifest } from '../../server/src/ingest';
import { loadReportFile } from '../../server/src/node/loadReports';
import { ERAS, encryptedPdf, imageOnlyPdf, longPdf, multiCountry, renderHtml, renderPdf, semicolonEra } from '../../scripts/fixtures/import-fixtures';
import { assertSameReport } from '../helpers/importCompare';
import type { Report } from '../../server/src/model/kb';
import type { ImportedNarrative } from '../../server/src/import/convert';

const load = (f: string): Report => loadReportFile(f).reports[0];
const zzl = load('test/fixtures/narratives/ZZL-2024.json');
const khm23 = load('server/reports/KHM-2023.json');
const khm22 = load('server/reports/KHM-2022.json');
const lumeria = countryFromOption('Lumeria=ZZL') as CountryEntry;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-import-pdf-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function ingest(n: ImportedNarrative): Report {
  const m = parseManifest(JSON.stringify(n.manifest), `${n.id}.json`);
  assert.deepEqual(m.problems, []);
  return ingestReport(m.manifest!, n.text, `${n.id}.txt`);
}

async function pdfFile(name: string, bytes: Uint8Array | Promise<Uint8Array>): Promise<string> {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, await bytes);
  return f;
}

describe('a two-column PDF in each era imports to the knowledge base read from the plain text', () => {
  for (const era of ERAS) {
    test(`ZZL-2024, ${era} layout`, async () => {
      const f = await pdfFile(`zzl-${era}.pdf`, renderPdf([zzl], { era, edition: 2024 }));
      const r = await convertInput({ input: f, out: tmp, country: lumeria });
      assert.deepEqual(r.problems, []);
      assert.equal(r.format, 'pdf');
      assert.equal(r.narratives.length, 1);
      assertSameReport(ingest(r.narratives[0]), zzl, semicolonEra(era));
      if (!semicolonEra(era)) assert.equal(r.narratives[0].text, zzl.text);
    });
  }
  test('the layout that was removed: running heads, margin name, caption; hyphenated words rejoined; offsets into the extracted text', async () => {
    const f = await pdfFile('zzl.pdf', renderPdf([zzl], { era: '2023pdf', edition: 2024 }));
    const bytes = fs.readFileSync(f);
    const got = await pdfBlocks(bytes, f, { maxPages: 10 });
    assert.ok(!('problem' in got));
    const all = got.blocks.map((b) => b.text).join('\n');
    assert.doesNotMatch(all, /COUNTRY NARRATIVES|Fishing boats moored|TRAFFICKING IN PERSONS REPORT/);
    assert.match(got.text, /COUNTRY NARRATIVES 55/, 'the extracted text has them');
    assert.match(got.text, /\p{Ll}-\n/u, 'the PDF breaks words at line ends');
    assert.doesNotMatch(all, /\p{Ll}- \p{Ll}/u);
    for (const b of got.blocks) {
      const first = b.text.split(' ')[0].replace(/-$/, '');
      assert.ok(got.text.slice(b.start, b.end).startsWith(first.slice(0, 3)), `block "${b.text.slice(0, 30)}" starts at its own characters`);
    }
  });
  test('the bundled KHM-2023 rendered as a PDF imports to the bundled report', async () => {
    const f = await pdfFile('khm23.pdf', renderPdf([khm23], { era: '2023pdf', edition: 2023 }));
    const r = await convertInput({ input: f, out: tmp });
    assert.deepEqual(r.problems, []);
    assert.equal(r.narratives[0].id, 'KHM-2023');
    assertSameReport(ingest(r.narratives[0]), khm23);
  });
  test('KHM-2022 (its title names no tier): with --country, the bundled report', async () => {
    const f = await pdfFile('khm22.pdf', renderPdf([khm22], { era: '2023pdf', edition: 2022 }));
    const without = await convertInput({ input: f, out: tmp });
    assert.match(without.problems[0], /cannot tell which country .*--country/);
    const r = await convertInput({ input: f, out: tmp, country: findCountry('Cambodia') });
    assert.deepEqual(r.problems, []);
    assertSameReport(ingest(r.narratives[0]), khm22);
  });
});

test('a PDF of 20 narratives: 20 reports, each the one rendered, in under 10 s', async () => {
  const reports = multiCountry(zzl, 20);
  const f = await pdfFile('multi.pdf', renderPdf(reports, { era: '2023pdf', edition: 2024 }));
  const out = path.join(tmp, 'multi-out');
  const t0 = performance.now();
  const r = await importReport({ input: f, out });
  const ms = performance.now() - t0;
  assert.deepEqual(r.problems, []);
  assert.equal(r.written.length, 20);
  assert.ok(ms < 10_000, `${ms} ms`);
  for (const original of reports) {
    const loaded = loadReportFile(path.join(out, `${original.id}.json`));
    assert.deepEqual(loaded.problems, []);
    assertSameReport(loaded.reports[0], original);
  }
  const one = await convertInput({ input: f, out, country: findCountry('Burma') });
  assert.deepEqual(one.narratives.map((n) => n.id), ['MMR-2024'], '--country takes that narrative only');
});

test('a PDF of several narratives: one that cannot be imported is skipped with its reason, the others are written', async () => {
  const f = await pdfFile('mixed.pdf', renderPdf([...multiCountry(zzl, 2), zzl, ...multiCountry(zzl, 3).slice(2)], { era: '2023pdf', edition: 2024 }));
  const out = path.join(tmp, 'mixed-out');
  const r = await importReport({ input: f, out });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.written.map((w) => w.id), ['BIH-2024', 'MMR-2024', 'CIV-2024']);
  assert.deepEqual(r.skipped, [`${f}: the narrative headed "LUMERIA: TIER 2 WATCH LIST" names a country not in the TIP country table; pass --country "LUMERIA=ISO3"`]);
  assert.deepEqual(fs.readdirSync(out).length, 6);
});

describe('bad PDFs: a message naming the file, nothing written', () => {
  const cases: [string, () => Promise<Uint8Array>, RegExp][] = [
    ['encrypted', encryptedPdf, /encrypted.pdf: the PDF is encrypted \(it needs a password\)/],
    ['image-only', imageOnlyPdf, /image-only.pdf: the PDF has no text to read \(2 pages of images: a scan\?\); run it through OCR/],
    ['long-600', () => longPdf(600), /long-600.pdf: the PDF has no text to read \(600 pages of images: a scan\?\)/],
  ];
  for (const [name, make, message] of cases) {
    test(name, async () => {
      const f = await pdfFile(`${name}.pdf`, make());
      const out = path.join(tmp, `out-${name}`);
      const r = await importReport({ input: f, out });
      assert.equal(r.problems.length, 1);
      assert.match(r.problems[0], message);
      assert.deepEqual(r.written, []);
      assert.ok(!fs.existsSync(out));
      assert.deepEqual(fs.readdirSync(tmp).filter((n) => n.includes('.import-')), [], 'no temporary folder left');
    });
  }
  test('more pages than --max-pages', async () => {
    const f = await pdfFile('long-1200.pdf', longPdf(1200));
    const r = await importReport({ input: f, out: path.join(tmp, 'out-long') });
    assert.deepEqual(r.problems, [`${f}: 1200 pages is more than the 1000 an import reads; import the regional or country PDF, or pass --max-pages 1200`]);
    const small = await importReport({ input: f, out: path.join(tmp, 'out-long'), maxPages: 100 });
    assert.match(small.problems[0], /1200 pages is more than the 100 an import reads/);
    assert.ok(!fs.existsSync(path.join(tmp, 'out-long')));
  });
  test('a damaged PDF', async () => {
    const f = await pdfFile('damaged.pdf', Buffer.from('%PDF-1.7\nthis is not a PDF body'));
    const r = await importReport({ input: f, out: path.join(tmp, 'out-damaged') });
    assert.match(r.problems[0], /damaged.pdf: not a readable PDF/);
  });
});

test('paragraphs told apart by an indented first line when there is no space between them; a sentence run on across columns', () => {
  const item = (str: string, x: number, y: number) => ({ str, x, y, width: str.length * 4.5, size: 10, rotated: false, eol: true });
  const page = {
    width: 612,
    height: 792,
    items: [
      item('PROSECUTION', 54, 700),
      item('The government convicted five traffickers in the', 54, 688),
      item('capital.', 54, 676),
      item('Courts sentenced them to prison terms of ten to', 66, 664),
      item('twelve years, and the government', 54, 652),
      item('appealed two acquittals.', 320, 700),
    ],
  };
  const { blocks } = pdfLayoutBlocks([page]);
  assert.deepEqual(blocks.map((b) => `${b.kind}: ${b.text}`), [
    'heading: PROSECUTION',
    'paragraph: The government convicted five traffickers in the capital.',
    'paragraph: Courts sentenced them to prison terms of ten to twelve years, and the government appealed two acquittals.',
  ]);
});

test('an older page saved as Windows-1252 is read in its encoding', async () => {
  const html = renderHtml(zzl, '2007').replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">');
  const f = path.join(tmp, 'cp1252.html');
  // ’ is 0x92 in Windows-1252 (not valid UTF-8 on its own).
  fs.writeFileSync(f, Buffer.from(html.replace(/’/g, '\x92'), 'latin1'));
  const r = await convertInput({ input: f, out: tmp, country: lumeria });
  assert.deepEqual(r.problems, []);
  assert.match(r.narratives[0].text, /10 to 25 years’ imprisonment/);
});

test('lines joined: a word broken at the line end joined again, a hyphen of the word kept', () => {
  assert.equal(joinLines('efforts against traf-', 'ficking.'), 'efforts against trafficking.');
  assert.equal(joinLines('the national anti-', 'trafficking committee'), 'the national anti-trafficking committee');
  assert.equal(joinLines('adopted a 2024-', '2028 national action plan'), 'adopted a 2024-2028 national action plan');
  assert.equal(joinLines('the Sino-', 'Lumerian border'), 'the Sino-Lumerian border');
  assert.equal(joinLines('a soft\u00ad', 'hyphen'), 'a softhyphen');
  assert.equal(joinLines('traffickers -', 'and officials'), 'traffickers - and officials');
  assert.equal(joinLines('the end.', 'Next'), 'the end. Next');
});
