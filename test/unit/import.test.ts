/** The importer's pure parts: title headings of each era, the country table, semicolon recommendations, HTML and pasted text to the knowledge base. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseTitle, tierFromWording } from '../../server/src/import/title';
import { TIP_COUNTRIES, countryFromOption, findCountry } from '../../server/src/import/countries';
import { editionIn, importNarratives, splitSemicolons, type ImportedNarrative } from '../../server/src/import/convert';
import { htmlBlocks } from '../../server/src/import/html';
import { textBlocks } from '../../server/src/import/plainText';
import { checkNarrative } from '../../server/src/import/checkNarrative';
import { ingestReport, parseManifest } from '../../server/src/ingest';
import { loadReportFile } from '../../server/src/node/loadReports';
import { ERAS, renderHtml, semicolonEra, titleOf } from '../../scripts/fixtures/import-fixtures';
import { assertSameReport } from '../helpers/importCompare';
import type { Report } from '../../server/src/model/kb';

const load = (f: string): Report => loadReportFile(f).reports[0];
const zzl = load('test/fixtures/narratives/ZZL-2024.json');
const khm23 = load('server/reports/KHM-2023.json');
const khm22 = load('server/reports/KHM-2022.json');
const lumeria = countryFromOption('Lumeria=ZZL');
if (typeof lumeria === 'string') throw new Error(lumeria);

function ingest(n: ImportedNarrative): Report {
  const m = parseManifest(JSON.stringify(n.manifest), `${n.id}.json`);
  assert.deepEqual(m.problems, []);
  return ingestReport(m.manifest!, n.text, `${n.id}.txt`);
}

describe('title headings of each era', () => {
  const cases: [string, string, string | undefined][] = [
    ['HAITI (TIER 2 - WATCH LIST)', 'HTI', 'Tier 2 Watch List'],
    ['HONDURAS (TIER 2)', 'HND', 'Tier 2'],
    ['HONDURAS (Tier 2 Watch List)', 'HND', 'Tier 2 Watch List'],
    ['CAMBODIA: Tier 2 Watch List', 'KHM', 'Tier 2 Watch List'],
    ['Cambodia (Tier 3)', 'KHM', 'Tier 3'],
    ['CAMBODIA: TIER 2 WATCH LIST', 'KHM', 'Tier 2 Watch List'],
    ['SOMALIA: SPECIAL CASE', 'SOM', 'Special Case'],
    ['Somalia (Special Case)', 'SOM', 'Special Case'],
    ['BURMA: TIER 3', 'MMR', 'Tier 3'],
    ["CÔTE D'IVOIRE: TIER 2", 'CIV', 'Tier 2'],
    ['CONGO, DEMOCRATIC REPUBLIC OF THE: TIER 2 WATCH LIST', 'COD', 'Tier 2 Watch List'],
    ['ST. VINCENT AND THE GRENADINES: TIER 1', 'VCT', 'Tier 1'],
    ['THE GAMBIA: TIER 2', 'GMB', 'Tier 2'],
  ];
  for (const [heading, iso3, tier] of cases) {
    test(heading, () => {
      const t = parseTitle(heading);
      assert.equal(t?.country?.iso3, iso3);
      assert.equal(t?.tier, tier);
    });
  }
  test('text explaining the tier scale is not a title', () => {
    for (const s of ['Tier 1: Countries whose governments fully meet the minimum standards.', 'TIER 2 WATCH LIST', 'Tier 3 (Countries)', 'The Government of Cambodia (Tier 3) does not fully meet the minimum standards and is not making significant efforts to do so, so it remains there.']) {
      assert.equal(parseTitle(s), undefined, s);
    }
    assert.equal(tierFromWording('Tier 3 Watch List'), undefined);
  });
  test('a heading that is only a country name is a title only where asked (web pages)', () => {
    assert.equal(parseTitle('Cambodia'), undefined);
    assert.equal(parseTitle('Cambodia', { bare: true })?.country?.iso3, 'KHM');
  });
});

describe('country table', () => {
  test('covers every TIP country, each code once', () => {
    assert.ok(TIP_COUNTRIES.length >= 188, `${TIP_COUNTRIES.length} countries`);
    assert.equal(new Set(TIP_COUNTRIES.map((c) => c.iso3)).size, TIP_COUNTRIES.length);
  });
  test('usual alternative names', () => {
    for (const [name, iso3] of [['Myanmar', 'MMR'], ['Côte d’Ivoire', 'CIV'], ['Ivory Coast', 'CIV'], ['Swaziland', 'SWZ'], ['Türkiye', 'TUR'], ['St. Lucia', 'LCA'], ['Korea, South', 'KOR'], ['Congo (Brazzaville)', 'COG'], ['Kyrgyzstan', 'KGZ'], ['Bahamas', 'BHS'], ['Czechia', 'CZE']]) {
      assert.equal(findCountry(name)?.iso3, iso3, name);
    }
  });
  test('--country: name, ISO3 or NAME=ISO3; anything else a message', () => {
    assert.equal((countryFromOption('khm') as { name: string }).name, 'Cambodia');
    assert.equal((countryFromOption('Burma') as { iso3: string }).iso3, 'MMR');
    assert.match(countryFromOption('Atlantis') as string, /--country "Atlantis" is neither/);
  });
});

test('semicolon recommendations split at top-level semicolons only, without the leading "and"', () => {
  const t = 'Investigate cases (including; officials); fund shelters; and train judges.';
  assert.deepEqual(splitSemicolons(t).map((p) => t.slice(p.start, p.end)), ['Investigate cases (including; officials)', 'fund shelters', 'train judges.']);
});

test('edition from the document', () => {
  assert.equal(editionIn('2023 Trafficking in Persons Report: Cambodia'), 2023);
  assert.equal(editionIn('https://www.state.gov/reports/2019-trafficking-in-persons-report/haiti/'), 2019);
  assert.equal(editionIn('Trafficking in Persons Report, June 2007'), 2007);
  assert.equal(editionIn('Tier 2 Watch List in 2023'), undefined);
});

describe('a saved web page in each era imports to the knowledge base read from the plain text', () => {
  for (const era of ERAS) {
    for (const [original, country] of [[zzl, lumeria], [khm23, undefined], [khm22, undefined]] as const) {
      test(`${original.id} as a ${era} page (${titleOf(original.manifest.country, original.manifest.tier, era)})`, () => {
        const { blocks, meta } = htmlBlocks(renderHtml(original, era));
        const r = importNarratives(blocks, meta, { file: 'page.html', format: 'html', country });
        assert.deepEqual(r.problems, []);
        assert.equal(r.narratives.length, 1);
        const n = r.narratives[0];
        assert.equal(n.id, original.id);
        assert.equal(n.manifest.source.url, `https://www.state.gov/reports/${original.manifest.edition}-trafficking-in-persons-report/${original.manifest.country.toLowerCase()}/`);
        assert.match(n.manifest.source.title, new RegExp(`${original.manifest.edition} Trafficking in Persons Report: ${original.manifest.country}`));
        const imported = ingest(n);
        assertSameReport(imported, original, semicolonEra(era));
        if (original === zzl && !semicolonEra(era)) assert.equal(n.text, zzl.text, 'the same text, character for character');
        // Each origin line points at the block of the page it came from.
        const html = renderHtml(original, era);
        for (const [, s, e] of n.manifest.origin.lines) assert.match(html.slice(s, e), /^<(h1|h3|p|li)\b[\s\S]*<\/(h1|h3|p|li)>$/);
        assert.deepEqual(checkNarrative(imported).filter((f) => f.severity === 'error'), []);
      });
    }
  }
});

test('pasted plain text: the manifest inferred, the text unchanged', () => {
  const r = importNarratives(textBlocks(zzl.text), {}, { file: 'pasted', format: 'text', edition: 2024, country: lumeria });
  assert.deepEqual(r.problems, []);
  assert.equal(r.narratives[0].text, zzl.text);
  const m = r.narratives[0].manifest;
  assert.deepEqual([m.id, m.country, m.iso3, m.edition, m.dataYear, m.tier, m.firstSection, m.sections.join(',')], ['ZZL-2024', 'Lumeria', 'ZZL', 2024, 2023, 'Tier 2 Watch List', 'summary', 'summary,recommendations,prosecution,protection,prevention,profile']);
  assertSameReport(ingest(r.narratives[0]), zzl);
});

describe('what cannot be inferred gets a message naming the file and what to pass', () => {
  test('no edition', () => {
    const r = importNarratives(textBlocks(zzl.text), {}, { file: 'pasted.txt', format: 'text', country: lumeria });
    assert.deepEqual(r.problems, ['pasted.txt: cannot tell the edition (the document names no "20XX Trafficking in Persons Report"); pass --edition YEAR']);
  });
  test('a country the table lacks', () => {
    const r = importNarratives(textBlocks(zzl.text), {}, { file: 'pasted.txt', format: 'text', edition: 2024 });
    assert.deepEqual(r.narratives, []);
    assert.match(r.problems[0], /^pasted\.txt: the narrative headed "LUMERIA \(Tier 2 Watch List\)" names a country not in the TIP country table; pass --country "LUMERIA=ISO3"/);
  });
  test('no title heading', () => {
    const text = khm22.text.replace(/^/, 'PROSECUTION\n');
    const r = importNarratives(textBlocks(text), {}, { file: 'k.txt', format: 'text', edition: 2022 });
    assert.match(r.problems[0], /k\.txt: cannot tell which country .* pass --country NAME or ISO3/);
    const ok = importNarratives(textBlocks(text), {}, { file: 'k.txt', format: 'text', edition: 2022, country: findCountry('Cambodia') });
    assert.equal(ok.narratives[0].id, 'KHM-2022');
  });
  test('a web page that is not a narrative', () => {
    const page = '<html><head><title>Press briefing - United States Department of State</title></head><body><h1>Press Briefing</h1><p>The spokesperson took questions on the 2023 Trafficking in Persons Report.</p><h2>Tier 1 countries</h2><p>Tier 1: governments that fully meet the minimum standards.</p></body></html>';
    const { blocks, meta } = htmlBlocks(page);
    const r = importNarratives(blocks, meta, { file: 'briefing.html', format: 'html' });
    assert.deepEqual(r.narratives, []);
    assert.deepEqual(r.problems, ['briefing.html: no TIP country narrative found (no title heading such as "CAMBODIA: Tier 2 Watch List" and no section such as PROSECUTION)']);
  });
});

describe('kb check findings', () => {
  test('leftovers of a PDF, text run together, no tier', () => {
    const text = 'LUMERIA (Tier 2)\n\nPROSECUTION\n\nThe government convicted 5 traffickers. COUNTRY NARRATIVES 55\nthe government also traf- ficked nothing.\nCourts sentenced traffickers to prison and\n';
    const m = parseManifest(JSON.stringify({ id: 'ZZL-2024', country: 'Lumeria', iso3: 'ZZL', edition: 2024, sections: ['prosecution', 'annex'], text: 'x.txt' }), 'x.json').manifest!;
    const found = checkNarrative(ingestReport(m, text, 'x.txt')).map((f) => `${f.line} ${f.severity} ${f.message.slice(0, 40)}`);
    assert.deepEqual(found, [
      '0 warning no tier (the manifest has none and the t',
      '0 warning the manifest lists an unknown section "a',
      '5 warning prosecution.1 holds what looks like a ru',
      '5 warning prosecution.1 ends mid-sentence (columns',
      '6 warning prosecution.2 holds what looks like a wo',
      '6 warning prosecution.2 starts mid-sentence (colum',
      '7 warning prosecution.3 ends mid-sentence (columns',
    ]);
  });
});

test('the bundled KHM-2023.txt pasted as it is: the title run into other text, the edition from it; the bundled report', () => {
  const r = importNarratives(textBlocks(khm23.text), {}, { file: 'KHM-2023.txt', format: 'text' });
  assert.deepEqual(r.problems, []);
  const n = r.narratives[0];
  assert.deepEqual([n.id, n.manifest.tier, n.manifest.firstSection, n.manifest.sections.join(',')], ['KHM-2023', 'Tier 3', 'summary', 'summary,recommendations']);
  assertSameReport(ingest(n), khm23);
});

test('a table of contents on the page (list items that are only links) is not read as the narrative', () => {
  const page = renderHtml(zzl, '2023web').replace(
    '<h1 class="featured-content__headline">',
    '<ul class="toc"><li><a href="#p">PROSECUTION</a></li><li><a href="#q">PROTECTION</a></li></ul>\n<h1 class="featured-content__headline">',
  ).replace('</h1>', '</h1>\n<ul><li><a href="#r">Prioritized Recommendations</a></li><li><a href="#s">Prevention</a></li></ul>');
  const { blocks, meta } = htmlBlocks(page);
  const r = importNarratives(blocks, meta, { file: 'page.html', format: 'html', country: lumeria });
  assert.deepEqual(r.problems, []);
  assert.equal(r.narratives[0].text, zzl.text);
});
