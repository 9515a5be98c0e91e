/** `tip-lens kb import` and `tip-lens kb check` through the real binary (bin/tip-lens.js after the build). */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadReportFile } from '../../server/src/node/loadReports';
import { multiCountry, renderHtml, renderPdf } from '../../scripts/fixtures/import-fixtures';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'tip-lens.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-import-cli-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const zzl = loadReportFile(path.join(root, 'test/fixtures/narratives/ZZL-2024.json')).reports[0];

function tipLens(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmp, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tip-lens kb import', () => {
  const page = path.join(tmp, 'lumeria.html');
  fs.writeFileSync(page, renderHtml(zzl, '2023web'));
  const out = path.join(tmp, 'tip-reports');

  test('a saved web page: a report that kb show, check and kb check read like a bundled one', () => {
    const r = tipLens(['kb', 'import', 'lumeria.html', '--country', 'Lumeria=ZZL']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ZZL-2024 {2}tip-reports\/ZZL-2024\.txt {2}tip-reports\/ZZL-2024\.json\n1 report imported into tip-reports; check them with: tip-lens kb check tip-reports\n$/);
    assert.deepEqual(fs.readdirSync(out).sort(), ['ZZL-2024.json', 'ZZL-2024.txt']);
    assert.deepEqual(fs.readdirSync(tmp).filter((n) => n.includes('.import-')), []);
    assert.equal(fs.readFileSync(path.join(out, 'ZZL-2024.txt'), 'utf8'), zzl.text);

    const show = tipLens(['kb', 'show', '--report', 'tip-reports', '--format', 'json']);
    assert.equal(show.code, 0, show.stderr);
    const kb = JSON.parse(show.stdout) as { id: string; tier: string; recommendations: unknown[]; source: { url: string } }[];
    const mine = kb.find((x) => x.id === 'ZZL-2024')!;
    assert.equal(mine.tier, 'Tier 2 Watch List');
    assert.equal(mine.recommendations.length, 9);
    assert.equal(mine.source.url, 'https://www.state.gov/reports/2024-trafficking-in-persons-report/lumeria/');

    fs.writeFileSync(path.join(tmp, 'draft.md'), '---\ntip-report: ZZL-2024\n---\n\nLumeria is on Tier 3 [@ZZL-2024]. Courts should be trained [@ZZL-2024/R8].\n');
    const check = tipLens(['check', 'draft.md', '--report', 'tip-reports', '--format', 'json']);
    const diags = (JSON.parse(check.stdout) as { code: string }[]).map((d) => d.code);
    assert.ok(diags.includes('tier.mismatch'), check.stdout);
    assert.ok(!diags.includes('reference.unknown'), check.stdout);

    const kbCheck = tipLens(['kb', 'check', 'tip-reports']);
    assert.equal(kbCheck.code, 0, kbCheck.stdout);
    assert.equal(kbCheck.stdout, '1 report checked: 0 errors, 0 warnings\n');
  });

  test('a report already there is replaced only with --force', () => {
    const again = tipLens(['kb', 'import', 'lumeria.html', '--country', 'Lumeria=ZZL']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /tip-reports: already holds ZZL-2024; pass --force to replace it\ntip-lens: nothing written\n/);
    assert.equal(tipLens(['kb', 'import', 'lumeria.html', '--country', 'Lumeria=ZZL', '--force']).code, 0);
  });

  test('pasted text on standard input', () => {
    const r = tipLens(['kb', 'import', '-', '--edition', '2024', '--country', 'Lumeria=ZZL', '--out', 'pasted'], zzl.text);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(tmp, 'pasted', 'ZZL-2024.txt'), 'utf8'), zzl.text);
    const noEdition = tipLens(['kb', 'import', '-', '--country', 'Lumeria=ZZL', '--out', 'pasted2'], zzl.text);
    assert.equal(noEdition.code, 2);
    assert.match(noEdition.stderr, /<stdin>: cannot tell the edition .*; pass --edition YEAR/);
    assert.ok(!fs.existsSync(path.join(tmp, 'pasted2')));
  });

  test('a page that is not a narrative, a missing file, bad options: a message, exit 2, nothing written', () => {
    fs.writeFileSync(path.join(tmp, 'news.html'), '<html><body><h1>News</h1><p>Nothing about any country here.</p></body></html>');
    const cases: [string[], RegExp][] = [
      [['kb', 'import', 'news.html', '--out', 'x'], /news\.html: no TIP country narrative found/],
      [['kb', 'import', 'missing.pdf', '--out', 'x'], /missing\.pdf: no such file/],
      [['kb', 'import', 'lumeria.html', '--out', 'x', '--edition', 'abc'], /--edition must be a year such as 2023 \(got "abc"\)/],
      [['kb', 'import', 'lumeria.html', '--out', 'x', '--country', 'Atlantis'], /--country "Atlantis" is neither a TIP country name nor an ISO3 code/],
      [['kb', 'import', '--out', 'x'], /kb import takes one FILE/],
    ];
    for (const [args, message] of cases) {
      const r = tipLens(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.ok(!fs.existsSync(path.join(tmp, 'x')));
    }
  });

  test('a multi-country PDF: one report per narrative; kb check says which text is broken, with file and line', async () => {
    fs.writeFileSync(path.join(tmp, 'region.pdf'), await renderPdf(multiCountry(zzl, 20), { era: '2023pdf', edition: 2024 }));
    const r = tipLens(['kb', 'import', 'region.pdf', '--out', 'region']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /20 reports imported into region/);
    assert.equal(tipLens(['kb', 'check', 'region']).stdout, '20 reports checked: 0 errors, 0 warnings\n');
    const broken = path.join(tmp, 'region', 'BIH-2024.txt');
    fs.writeFileSync(broken, fs.readFileSync(broken, 'utf8').replace('PROSECUTION\n\n', 'PROSECUTION\n\nthe COUNTRY NARRATIVES 57 and\n'));
    const c = tipLens(['kb', 'check', 'region']);
    assert.equal(c.code, 0, 'warnings only');
    assert.match(c.stdout, /region\/BIH-2024\.txt:19: warning: BIH-2024: prosecution\.1 holds what looks like a running head/);
    assert.match(c.stdout, /region\/BIH-2024\.txt:19: warning: BIH-2024: prosecution\.1 starts mid-sentence/);
    fs.writeFileSync(broken, 'BOSNIA AND HERZEGOVINA (Tier 1)\n\nPROSECUTION\n');
    const e = tipLens(['kb', 'check', 'region']);
    assert.equal(e.code, 1);
    assert.match(e.stdout, /BIH-2024\.txt:1: error: BIH-2024: no paragraphs/);
    assert.equal(e.stdout.split('\n').filter((l) => /no paragraphs/.test(l)).length, 1, e.stdout);
    assert.match(e.stdout, /20 reports checked: 1 error, 0 warnings\n$/);
  });
});
