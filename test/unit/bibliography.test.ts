/** Bibliography export (CSL JSON against a CSL 1.0 schema, BibTeX, RIS) and the reading of a draft's own bibliography. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import type { MarkupContent } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { draftItems, cslItems, inTextReferences, risOf, type CslItem } from '../../server/src/service/bibliography';
import { readDraft } from '../../server/src/service/draft';
import { normalUrl, parseBibliography, parseBibtexEntries, reportOfEntry } from '../../server/src/service/draftBibliography';
import { formatBibtex } from '../../server/src/node/bibtexFormat';
import { createBibliographyLoader, type BibliographyProblem } from '../../server/src/node/bibliographyFiles';
import { loadKnowledgeBase } from '../../server/src/node/loadReports';
import { createTipLensService } from '../../server/src/service/index';
import { Code } from '../../server/src/service/codes';
import { NEVER_CANCELLED } from '../../server/src/service/types';
import { carets } from '../helpers/carets';

const ROOT = path.resolve(__dirname, '../..');
const kb = loadKnowledgeBase([path.join(ROOT, 'test/fixtures/narratives/ZZL-2024.json')]);
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/csl/csl-data-1.0.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('CSL JSON export', () => {
  const items = cslItems(kb.all());

  test('the bundled and the user-loaded reports validate against the CSL 1.0 input-data schema', () => {
    assert.equal(kb.get('ZZL-2024')?.id, 'ZZL-2024', JSON.stringify(kb.problems));
    const ok = validate(JSON.parse(JSON.stringify(items)));
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5)));
  });

  test('control: the schema rejects what CSL does not define (an unknown variable, a number as publisher, a bad type)', () => {
    assert.equal(validate([{ ...items[0], tier: 'Tier 3' }]), false);
    assert.equal(validate([{ ...items[0], publisher: 3 }]), false);
    assert.equal(validate([{ ...items[0], type: 'country-narrative' }]), false);
    assert.equal(validate([{ title: 'no id' }]), false);
  });

  test('a report is a report of the State Department with its year and URL; an item is a chapter of it with section and key', () => {
    const report = items.find((i) => i.id === 'KHM-2023')!;
    assert.deepEqual(report, {
      id: 'KHM-2023',
      type: 'report',
      title: '2023 Trafficking in Persons Report: Cambodia',
      author: [{ literal: 'U.S. Department of State' }],
      publisher: 'U.S. Department of State',
      'publisher-place': 'Washington, DC',
      issued: { 'date-parts': [[2023]] },
      URL: 'https://www.state.gov/reports/2023-trafficking-in-persons-report/cambodia/',
      language: 'en',
      genre: 'Country narrative',
    });
    const r13 = items.find((i) => i.id === 'KHM-2023/R13')!;
    assert.equal(r13.type, 'chapter');
    assert.equal(r13.title, 'Prioritized Recommendation 13');
    assert.equal(r13['container-title'], '2023 Trafficking in Persons Report: Cambodia');
    assert.equal(r13.section, 'Prioritized Recommendations');
    assert.equal(r13.number, 'R13');
    assert.equal(r13.URL, report.URL);
    const p2 = items.find((i) => i.id === 'KHM-2022/prosecution.2')!;
    assert.equal(p2.title, 'Prosecution, paragraph 2');
    assert.equal(p2.section, 'Prosecution');
    assert.deepEqual(p2.issued, { 'date-parts': [[2022]] });
    // One entry per report, recommendation and paragraph; ids unique.
    const expected = kb.all().reduce((n, r) => n + 1 + r.recommendations.length + r.paragraphs.length, 0);
    assert.equal(items.length, expected);
    assert.equal(new Set(items.map((i) => i.id)).size, items.length);
    // A narrative without a URL has none (no empty URL); its publisher is the manifest's.
    const zzl = items.find((i) => i.id === 'ZZL-2024')!;
    assert.equal(zzl.URL, undefined);
    assert.equal(zzl.publisher, 'TIP Lens test fixtures');
    assert.deepEqual(cslItems(kb.all(), { items: false }).map((i) => i.id), kb.all().map((r) => r.id));
  });

  test("a draft's citations get entries: its items, and its short references under the key as written", () => {
    const service = createTipLensService({ kb });
    const doc = TextDocument.create('file:///d.md', 'markdown', 1, '---\ntip-report: KHM-2023\n---\nAsk [@R13; @R99] and [@KHM-2022/prosecution.2].\n');
    const aliases = draftItems(service.analyze(doc, NEVER_CANCELLED).references);
    assert.deepEqual(aliases.map((a) => [a.id, a.title, a['container-title']]), [
      ['R13', 'Prioritized Recommendation 13', '2023 Trafficking in Persons Report: Cambodia'],
      ['KHM-2022/prosecution.2', 'Prosecution, paragraph 2', '2022 Trafficking in Persons Report: Cambodia'],
    ]);
  });
});

test("in-text citations written in full (@KHM-2023/R5 says) are read for the export; bare short keys, e-mail addresses and code are not", () => {
  const draft = readDraft('@KHM-2023/R5 asks; so does @KHM-2022.\nMail ops@KHM-2023.org, `@KHM-2022/prosecution.2`, @R3 and [@KHM-2023/R1].\n', 'markdown');
  assert.deepEqual(inTextReferences(draft, kb).map((r) => r.target?.anchor), ['KHM-2023/R5', 'KHM-2022', 'KHM-2023/R1']);
});

describe('BibTeX and RIS', () => {
  const tricky: CslItem = { id: 'ZZZ-2020/R1', type: 'chapter', title: 'Fees & {costs}: 50% of $x_1 #2', 'container-title': 'Report', publisher: 'A & B', issued: { 'date-parts': [[2020]] }, URL: 'https://example.org/a_b?x=1&y=2' };

  test('BibTeX (Citation.js) keeps the drafts\' keys and escapes TeX\'s special characters', () => {
    const bib = formatBibtex([...cslItems(kb.all().filter((r) => r.id === 'KHM-2023')), tricky]);
    assert.match(bib, /^@techreport\{KHM-2023,$/m);
    assert.match(bib, /^@inbook\{KHM-2023\/R13,$/m);
    assert.match(bib, /institution = \{U\.S\. Department of State\}/);
    assert.match(bib, /booktitle = \{2023 \{Trafficking\} in \{Persons\} \{Report\}: Cambodia\}/);
    const entry = bib.slice(bib.indexOf('@inbook{ZZZ-2020/R1,'));
    assert.match(entry, /publisher = \{A \\& B\}/);
    assert.match(entry, /\\%/);
    assert.doesNotMatch(entry.replace(/\\[&%$#_{}]|\\text\w+\{\}/g, ''), /title = \{[^\n]*[&%$#_][^\n]*\}/);
    // And our own reader reads the keys, titles and URLs back.
    const back = parseBibtexEntries(bib);
    assert.equal(back.find((e) => e.id === 'KHM-2023')?.url, 'https://www.state.gov/reports/2023-trafficking-in-persons-report/cambodia/');
    assert.equal(back.find((e) => e.id === 'KHM-2023')?.title, '2023 Trafficking in Persons Report: Cambodia');
  });

  test('RIS: one line per field, a line break inside a value becomes a space, CRLF line ends, ER closes each record', () => {
    const ris = risOf([{ ...tricky, title: 'Two\nlines\r\nhere' }, cslItems([kb.get('KHM-2023')!], { items: false })[0]]);
    const lines = ris.split('\r\n');
    assert.ok(lines.includes('TI  - Two lines here'), ris);
    assert.ok(lines.includes('TY  - CHAP'));
    assert.ok(lines.includes('TY  - RPRT'));
    assert.ok(lines.includes('UR  - https://www.state.gov/reports/2023-trafficking-in-persons-report/cambodia/'));
    assert.equal(lines.filter((l) => l === 'ER  - ').length, 2);
    for (const l of lines) assert.ok(l === '' || /^[A-Z][A-Z0-9]  - /.test(l), JSON.stringify(l));
  });
});

describe("reading a draft's bibliography", () => {
  test('BibTeX: braces, quotes, concatenation, @string and @comment', () => {
    const entries = parseBibtexEntries(`@comment{ignore @this{x, title={no}} }
@string{st = "State"}
@misc{state2023cambodia,
  title = {{2023 Trafficking in Persons Report}: Cambodia},
  url = {https://www.state.gov/reports/2023-trafficking-in-persons-report/cambodia/},
}
@Book( smith2020 , title = "A " # st # " of {Things} \\& More", year = 2020 )
@online{web, howpublished = {\\url{https://example.org/x}}, title={Web}}`);
    assert.deepEqual(entries, [
      { id: 'state2023cambodia', title: '2023 Trafficking in Persons Report: Cambodia', url: 'https://www.state.gov/reports/2023-trafficking-in-persons-report/cambodia/' },
      { id: 'smith2020', title: 'A st of Things & More' },
      { id: 'web', url: 'https://example.org/x', title: 'Web' },
    ]);
  });

  test('CSL JSON and YAML entries; problems name the format and never repeat the content', () => {
    assert.deepEqual(parseBibliography('[{"id":"a","title":"T","URL":"u"},{"id":7},{"x":1}]', 'r.json').entries, [{ id: 'a', title: 'T', url: 'u' }, { id: '7' }]);
    assert.deepEqual(parseBibliography('references:\n- id: b\n  title: B\n', 'r.yaml').entries, [{ id: 'b', title: 'B' }]);
    for (const [text, file, words] of [
      ['SECRET-TOKEN-123 not json', 'r.json', /not valid JSON/],
      ['{"SECRET-TOKEN-123": 1}', 'r.json', /expected a JSON array/],
      ['a: [SECRET-TOKEN-123', 'r.yml', /not valid YAML/],
      ['SECRET-TOKEN-123', 'r.txt', /\.json.*\.bib/],
    ] as const) {
      const r = parseBibliography(text, file);
      assert.match(r.problem ?? '', words);
      assert.doesNotMatch(r.problem ?? '', /SECRET/);
    }
  });

  test("an entry with a loaded report's URL (any scheme, www., trailing slash) or title is that report", () => {
    assert.equal(normalUrl('HTTP://WWW.State.gov/reports/x/?utm=1#top'), 'state.gov/reports/x');
    assert.equal(reportOfEntry(kb, { id: 'a', url: 'http://state.gov/reports/2023-trafficking-in-persons-report/cambodia' })?.id, 'KHM-2023');
    assert.equal(reportOfEntry(kb, { id: 'b', title: '2022 trafficking in persons report — Cambodia' })?.id, 'KHM-2022');
    assert.equal(reportOfEntry(kb, { id: 'c', title: 'Trafficking in Persons Report: Cambodia', url: 'https://www.state.gov/reports/' }), undefined);
  });
});

describe('front-matter bibliography in the engine', () => {
  const FM = `---
tip-report: KHM-2023
references:
- id: KHM-2023/R99
  title: Our own note that happens to look like a TIP key
- id: state2023cambodia
  type: webpage
  title: Cambodia - United States Department of State
  URL: https://www.state.gov/reports/2023-trafficking-in-persons-report/cambodia/
---
`;
  const svc = createTipLensService({ kb });
  let n = 0;
  const open = (text: string) => TextDocument.create(`file:///fm/d${n++}.md`, 'markdown', 1, text);

  test('keys defined in the front matter are not reference.unknown; a TIP-looking key that is not there still is', () => {
    const { text, ranges } = carets(`${FM}Our note [@KHM-2023/R99] and the report [see @KHM-2023/R98, p. 2].
                                              ^^^^^^^^^^^^ unknown`);
    const doc = open(text);
    const unknown = svc.diagnostics(doc, NEVER_CANCELLED).filter((d) => d.code === Code.ReferenceUnknown);
    assert.equal(unknown.length, 1, JSON.stringify(unknown.map((d) => d.message)));
    assert.equal(doc.offsetAt(unknown[0].range.start), ranges[0].offsetStart);
    assert.equal(doc.offsetAt(unknown[0].range.end), ranges[0].offsetEnd);
  });

  test('an entry whose URL is a loaded narrative cites that report: hover and checks read it as [@KHM-2023]', () => {
    const { text, ranges } = carets(`${FM}Cambodia is a Tier 2 country [@state2023cambodia; @smith2020].
                               ^^^^^^^^^^^^^^^^^ key`);
    const doc = open(text);
    const refs = svc.analyze(doc, NEVER_CANCELLED).references;
    assert.deepEqual(refs.map((r) => [r.raw, r.target?.anchor, r.target?.kind, doc.offsetAt(doc.positionAt(r.span.start))]), [['state2023cambodia', 'KHM-2023', 'report', ranges[0].offsetStart]]);
    const hover = svc.hover(doc, doc.positionAt(ranges[0].offsetStart + 3), NEVER_CANCELLED);
    assert.match((hover?.contents as MarkupContent).value, /2023 TIP Report — Cambodia/);
    // The same claim cited as [@KHM-2023] gets the same findings.
    const codes = (t: string) => svc.diagnostics(open(t), NEVER_CANCELLED).map((d) => `${d.code} ${d.message}`);
    const viaBib = codes(text);
    const direct = codes(text.replace('@state2023cambodia', '@KHM-2023'));
    assert.ok(viaBib.some((c) => c.startsWith(Code.TierMismatch)), JSON.stringify(viaBib));
    assert.deepEqual(viaBib, direct);
  });

  test('bibliography: files are read by the front end\'s loader, relative to the draft; problems name the draft and the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-bib-'));
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@misc{zotero1, title={2022 Trafficking in Persons Report: Cambodia}}\n@misc{KHM-2022/prosecution.99, title={ours}}\n');
    fs.writeFileSync(path.join(dir, 'bad.json'), 'SECRET not json');
    const problems: BibliographyProblem[] = [];
    const s = createTipLensService({ kb, bibliography: createBibliographyLoader({ onProblem: (p) => problems.push(p) }) });
    const file = path.join(dir, 'draft.md');
    const doc = TextDocument.create(pathToFileURL(file).href, 'markdown', 1, '---\nbibliography:\n- refs.bib\n- bad.json\n- missing.yaml\n---\nSee [@zotero1] and [@KHM-2022/prosecution.99].\n');
    const refs = s.analyze(doc, NEVER_CANCELLED).references;
    assert.deepEqual(refs.map((r) => [r.raw, r.target?.anchor]), [['zotero1', 'KHM-2022']]);
    assert.equal(s.diagnostics(doc, NEVER_CANCELLED).filter((d) => d.code === Code.ReferenceUnknown).length, 0);
    assert.deepEqual(problems.map((p) => [p.draft, p.file, p.message]), [
      [file, 'bad.json', 'not valid JSON (a CSL JSON bibliography is a JSON array of entries)'],
      [file, 'missing.yaml', 'file not found'],
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

test('the bibliography loader reads only regular files of at most 5 MB, and says why not without quoting them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-bib-lim-'));
  const draft = pathToFileURL(path.join(dir, 'd.md')).href;
  fs.writeFileSync(path.join(dir, 'big.json'), Buffer.alloc(5 * 1024 * 1024 + 1, 0x20));
  fs.mkdirSync(path.join(dir, 'folder.json'));
  fs.writeFileSync(path.join(dir, 'bin.bib'), Buffer.from([0x40, 0, 0x41]));
  fs.writeFileSync(path.join(dir, 'latin1.bib'), Buffer.from('@misc{a, title={caf\xe9}}', 'latin1'));
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
  const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.json')]).status === 0;
  const load = createBibliographyLoader();
  const problem = (f: string) => load(draft, f).problem ?? '';
  assert.match(problem('big.json'), /too large .*the limit is 5 MB/);
  assert.match(problem('folder.json'), /folder/);
  assert.match(problem('bin.bib'), /binary data/);
  assert.match(problem('latin1.bib'), /not valid UTF-8/);
  assert.match(problem('zero.json'), /a device, not a regular file/);
  if (fifo) assert.match(problem('pipe.json'), /named pipe/);
  fs.rmSync(dir, { recursive: true, force: true });
});
