import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = path.join(__dirname, '..', '..');
const brief = path.join('examples', 'brief.md');

/** The real CLI as a user runs it inside the repo: `npm exec tip-lens -- …`. */
function tipLens(args: string[], input?: string) {
  const r = spawnSync('npm', ['exec', '--no', '--', 'tip-lens', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => !/^npm warn/.test(l)).join('\n') };
}

interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
  data: { anchor: string } | null;
}

describe('tip-lens check', () => {
  test('--explain says for each claim why it flagged or stayed silent, with the report sentence it was compared with', () => {
    const draft = 'In 2021 the Cambodian government convicted 83 traffickers.\nOur programme trained 40 officers in 2021.\nCambodia is on Tier 2.\n';
    const r = tipLens(['check', '-', '--explain'], draft);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    const figure = at('-:1:44 figure "83": mismatch');
    assert.ok(figure >= 0, r.stdout);
    assert.match(lines[figure], /\[same action \(convicted\); same year \(2021\)\]/);
    assert.match(lines[figure + 1], /^ {4}KHM-2022\/prosecution\.2: The government convicted 38 traffickers/);
    assert.match(lines[at('-:2:23 figure "40"')], /silent — the author’s own number/);
    const tier = at('-:3:16 tier "Tier 2": mismatch');
    assert.ok(tier >= 0, r.stdout);
    assert.match(lines[tier + 1], /KHM-2023\/summary\.1: .*remained on Tier 3/);
  });

  test('--format json follows the contract: 0-based UTF-16 ranges, severity words, code, message, data with the anchor', () => {
    const r = tipLens(['check', brief, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const items = JSON.parse(r.stdout) as JsonDiagnostic[];
    assert.ok(Array.isArray(items) && items.length >= 7);
    for (const d of items) {
      assert.deepEqual(Object.keys(d).sort(), ['code', 'data', 'file', 'message', 'range', 'severity']);
      assert.equal(d.file, brief);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
      for (const p of [d.range.start, d.range.end]) assert.deepEqual(Object.keys(p).sort(), ['character', 'line']);
      assert.ok(typeof d.data?.anchor === 'string');
    }
    const text = fs.readFileSync(path.join(root, brief), 'utf8').split('\n');
    const at = (d: JsonDiagnostic) => text[d.range.start.line].slice(d.range.start.character, d.range.end.character);
    const byCode = new Map(items.map((d) => [d.code, d]));
    assert.deepEqual([...byCode.keys()].sort(), ['citation.missing', 'figure.mismatch', 'figure.wrong-year', 'quote.mismatch', 'quote.not-found', 'reference.unknown', 'tier.mismatch']);
    assert.equal(at(byCode.get('figure.mismatch')!), '83');
    assert.equal(at(byCode.get('tier.mismatch')!), 'Tier 2');
    assert.equal(at(byCode.get('reference.unknown')!), 'R18');
    assert.equal(byCode.get('figure.mismatch')!.severity, 'error');
    assert.equal(byCode.get('citation.missing')!.severity, 'hint');
  });

  test('--format text prints file:line:col severity code message, 1-based, and a summary', () => {
    const r = tipLens(['check', brief]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[lines.length - 1], /^1 file checked: 4 errors, 1 warning, 1 information, 1 hint$/);
    const json = JSON.parse(tipLens(['check', brief, '--format', 'json']).stdout) as JsonDiagnostic[];
    const first = json[0];
    assert.equal(lines[0], `${brief}:${first.range.start.line + 1}:${first.range.start.character + 1} ${first.severity} ${first.code} ${first.message}`);
    assert.ok(!r.stdout.includes('\x1b['), 'no colour when not on a terminal');
  });

  test('--format sarif validates against the SARIF 2.1.0 schema and carries rules, locations and fixes', () => {
    const r = tipLens(['check', brief, '--format', 'sarif']);
    assert.equal(r.code, 1);
    interface SarifLog { runs: { tool: { driver: { rules: { help: { text: string } }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[]; fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[] }[] }[] }
    const sarif = JSON.parse(r.stdout) as SarifLog;
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }) // the published 2.1.0 schema has a pattern that is only valid without the u flag;
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(structuredClone(sarif)), JSON.stringify(validate.errors?.slice(0, 5)));
    assert.ok(!validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ...sarif.runs[0].results[0], level: 'loud' }] }] }), 'the schema check can fail');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.rules.length, 8);
    assert.ok(run.tool.driver.rules.every((x) => x.help.text.length > 20));
    const mismatch = run.results.find((x) => x.ruleId === 'figure.mismatch')!;
    assert.equal(mismatch.locations[0].physicalLocation.region.startLine, 22);
    assert.equal(mismatch.fixes![0].artifactChanges[0].replacements[0].insertedContent.text, '38');
  });

  test('exit 0 on a clean draft, read from standard input', () => {
    const r = tipLens(['check', '-'], 'In 2021, the Cambodian government convicted 38 traffickers [@KHM-2022/prosecution.2].\n');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 errors/);
  });

  test('exit 2 with a one-line reason on bad usage or unreadable input', () => {
    for (const args of [['check'], ['check', 'no/such/file.md'], ['check', brief, '--format', 'xml'], ['frobnicate'], ['check', brief, '--severity', 'figure.mismatch=loud']]) {
      const r = tipLens(args);
      assert.equal(r.code, 2, args.join(' '));
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /^tip-lens: /);
    }
  });

  test('--fix applies only the fixes with one right answer, says what changed, and nothing is written without it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiplens-fix-'));
    const file = path.join(dir, 'draft.md');
    const original = 'In 2021, Cambodia convicted 83 traffickers.\n\nIn 2021, the Cambodian government convicted 38 traffickers.\n';
    fs.writeFileSync(file, original);
    assert.equal(tipLens(['check', file]).code, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), original, 'check without --fix writes nothing');
    const r = tipLens(['check', file, '--fix']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /fixed .*draft\.md:1:29: "83" -> "38"/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'In 2021, Cambodia convicted 38 traffickers.\n\nIn 2021, the Cambodian government convicted 38 traffickers.\n');
  });

  test('--report loads a user narrative; a bad one is named on stderr and checking goes on', () => {
    const fixture = path.join('test', 'fixtures', 'narratives', 'ZZL-2024.json');
    const r = tipLens(['check', '-', '--report', fixture, '--report', 'no/such/report.json'], 'In 2023, Lumeria convicted 75 traffickers [@ZZL-2024/prosecution.1].\n');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /gives 57 traffickers convicted in 2023; the draft says 75/);
    assert.match(r.stderr, /no\/such\/report\.json: file not found/);
  });
});

describe('tip-lens kb show', () => {
  test('--format json lists both bundled reports with their facts and source sentences', () => {
    const r = tipLens(['kb', 'show', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const kb = JSON.parse(r.stdout) as { id: string; edition: number; recommendations: unknown[]; facts: { text: string; anchor: string; sentence: { text: string } | null }[] }[];
    assert.deepEqual(kb.map((x) => x.id).sort(), ['KHM-2022', 'KHM-2023']);
    const k22 = kb.find((x) => x.id === 'KHM-2022')!;
    assert.equal(k22.edition, 2022);
    const f38 = k22.facts.find((f) => f.text === '38')!;
    assert.equal(f38.anchor, 'KHM-2022/prosecution.2');
    assert.match(f38.sentence!.text, /convicted 38 traffickers/);
    assert.equal(kb.find((x) => x.id === 'KHM-2023')!.recommendations.length, 17);
  });
  test('--report ID shows one report as text', () => {
    const r = tipLens(['kb', 'show', '--report', 'KHM-2023']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^KHM-2023 {2}2023 TIP Report — Cambodia \(Tier 3\)/);
    assert.ok(!r.stdout.includes('KHM-2022'));
  });
});
