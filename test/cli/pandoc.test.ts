/**
 * Drafts render: `tip-lens kb export` (the real CLI, bin/tip-lens.js) writes CSL JSON and BibTeX, and the real
 * `pandoc --citeproc` renders examples/brief.md and a multi-key, locator-bearing draft with them: no citation
 * it cannot find (but the one the brief gets wrong on purpose, which `tip-lens check` flags too), and the
 * rendered text holds the reports' titles and publisher. CI installs Debian's pandoc (.ci/run); elsewhere
 * the test is skipped, saying so, when pandoc is absent.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'tip-lens.js');
const brief = path.join(root, 'examples', 'brief.md');

const pandocVersion = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
const havePandoc = pandocVersion.status === 0;
if (!havePandoc && process.env.CI) throw new Error('pandoc is not installed, but CI must run the pandoc rendering test (.ci/run installs Debian\'s pandoc)');
const skip = havePandoc ? false : 'pandoc is not installed (apt-get install pandoc); the rendering test runs in CI';

function tipLens(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function pandoc(bibliography: string, draft: string) {
  const r = spawnSync('pandoc', ['--citeproc', '-t', 'plain', '--wrap=none', '--bibliography', bibliography, draft], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const missing = [...r.stderr.matchAll(/Citeproc: citation (\S+) not found/g)].map((m) => m[1]);
  return { text: r.stdout, missing, stderr: r.stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-pandoc-'));
/** Several keys in one bracket, locators, a prefix, author-suppressed and in-text citations, report and paragraph keys. */
const MULTI = path.join(dir, 'multi.md');
fs.writeFileSync(
  MULTI,
  `---
title: Multi-key draft
---

Cambodia stayed on Tier 3 [@KHM-2023; @KHM-2022, p. 4].
Prosecutions fell [see @KHM-2022/prosecution.2, p. 2; @KHM-2022/prosecution.3, para. 1].
The government should act on scam compounds [-@KHM-2023/R1] and on restitution [@KHM-2023/R13, sec. 2].
@KHM-2023/R5 asks for more; so does the synthetic report [@ZZL-2024/R1].
`,
);
const fixtureReport = path.join(root, 'test', 'fixtures', 'narratives', 'ZZL-2024.json');

describe('pandoc --citeproc renders drafts with the exported bibliography', { skip }, () => {
  for (const format of ['csl-json', 'bibtex'] as const) {
    const file = path.join(dir, format === 'csl-json' ? 'tip.json' : 'tip.bib');
    // CSL JSON: every item by default. BibTeX: only the reports, plus what the drafts cite (--draft).
    const args = format === 'csl-json' ? ['--draft', brief] : ['--draft', brief, '--draft', MULTI];
    test(`${format}: kb export writes it, with the entries the drafts cite and the brief's short keys`, () => {
      const r = tipLens(['kb', 'export', '--format', format, '--report', fixtureReport, ...args, '-o', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`^wrote \\d+ entries \\(${format}\\) to `));
      assert.ok(fs.statSync(file).size > 1000);
    });

    test(`${format}: examples/brief.md renders; the only citation pandoc cannot find is the one tip-lens check flags`, () => {
      const out = pandoc(file, brief);
      // [@R18] is the brief's deliberate mistake: KHM-2023 has 17 recommendations.
      assert.deepEqual(out.missing, ['R18'], out.stderr);
      const check = tipLens(['check', brief, '--format', 'json']);
      const unknown = (JSON.parse(check.stdout) as { code: string; message: string }[]).filter((d) => d.code === 'reference.unknown');
      assert.deepEqual(unknown.map((d) => /there is no (R\d+)/.exec(d.message)?.[1]), ['R18']);
      assert.doesNotMatch(out.text, /\((?:KHM|R\d)[^)]*\?\)/, 'a TIP key rendered as "(KEY?)"');
      assert.match(out.text, /2023 Trafficking in Persons Report: Cambodia/);
      assert.match(out.text, /2022 Trafficking in Persons Report: Cambodia/);
      assert.match(out.text, /U\.S\. Department of State/);
      assert.match(out.text, /Prioritized Recommendation 13/);
      assert.match(out.text, /Prosecution, Paragraph 2/);
      assert.match(out.text, /https:\/\/www\.state\.gov\/reports\/2023-trafficking-in-persons-report\/cambodia\//);
    });

    test(`${format}: a multi-key, locator-bearing draft renders every key, with its locators`, () => {
      const out = pandoc(file, MULTI);
      assert.deepEqual(out.missing, [], out.stderr);
      assert.doesNotMatch(out.text, /\?\)/, out.text);
      assert.match(out.text, /\(U\.S\. Department of State 2023\w?; 2022\w?, 4\)/, out.text);
      assert.match(out.text, /on restitution \(U\.S\. Department of State 2023\w?, sec\. 2\)/, out.text);
      assert.match(out.text, /\(see U\.S\. Department of State 2022\w?, 2/, out.text);
      assert.match(out.text, /para\. 1/, out.text);
      assert.match(out.text, /2023 Trafficking in Persons Report: Cambodia/);
      assert.match(out.text, /TIP Lens test fixtures/, 'the user-loaded report renders with its own publisher');
      assert.match(out.text, /Prioritized Recommendation 5/);
    });
  }
});

test('kb export: bad usage is exit 2 with a message', () => {
  const r = tipLens(['kb', 'export', '--format', 'docx']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--format must be csl-json, bibtex, ris \(got "docx"\)/);
  const r2 = tipLens(['kb', 'export', '--report', 'XYZ-2001']);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /no report XYZ-2001 is loaded/);
  const help = tipLens(['--help']);
  assert.match(help.stdout, /tip-lens kb export/);
  assert.match(help.stdout, /--format csl-json\|bibtex\|ris/);
});

test('kb export: CSL JSON to standard output by default, items included; --no-items gives one entry per report', () => {
  const r = tipLens(['kb', 'export']);
  assert.equal(r.code, 0, r.stderr);
  const ids = (JSON.parse(r.stdout) as { id: string }[]).map((e) => e.id);
  assert.ok(ids.includes('KHM-2023/R13') && ids.includes('KHM-2022/prosecution.2'), ids.join(' '));
  const only = tipLens(['kb', 'export', '--no-items', '--report', 'KHM-2022']);
  assert.deepEqual((JSON.parse(only.stdout) as { id: string }[]).map((e) => e.id), ['KHM-2022']);
  const ris = tipLens(['kb', 'export', '--format', 'ris', '--report', 'KHM-2023']);
  assert.match(ris.stdout, /^TY {2}- RPRT\r\nID {2}- KHM-2023\r\n/);
  assert.doesNotMatch(ris.stdout, /KHM-2023\/R1\r/, 'RIS has no items unless asked');
});
