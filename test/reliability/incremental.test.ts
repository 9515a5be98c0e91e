/**
 * Incremental re-checks (service/blockChecks.ts) give exactly what a check from scratch gives: random
 * sequences of edits (typing, deleting, pasting claims, citations, edition statements, quotes, code
 * fences, comments, front matter) applied to one document, each version analysed with the document's
 * memo (blocks reused) and from scratch (no memo), diagnostics, findings and --explain notes compared
 * byte for byte. Also: the blocks an edit leaves alone are reused, and tipLens.fullCheck reuses none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDraft } from '../../bench/gen-draft';
import { loadKnowledgeBase } from '../../server/src/node/loadReports';
import { analyzeDocument, type DraftAnalysis } from '../../server/src/service/analysis';
import { createDraftMemo } from '../../server/src/service/check';
import { provideDiagnostics } from '../../server/src/service/diagnostics';
import { defaultSettings } from '../../server/src/service/settings';
import { NEVER_CANCELLED } from '../../server/src/service/types';

const kb = loadKnowledgeBase();
const settings = defaultSettings();
const brief = readFileSync(join(__dirname, '..', '..', 'examples', 'brief.md'), 'utf8');
const bases = [
  brief,
  generateDraft(6000, 11),
  'Cambodia remained on Tier 3 [@KHM-2023].\n\nIn 2021 the government convicted 83 traffickers.\n',
  // Blocks that read the edition stated before them ("last year's report"), and quotations across lines.
  'The 2023 report is the source here.\n\nLast year’s report put Cambodia on Tier 2.\n\nThis year’s report says Cambodia remained on Tier 3.\n\nLast year’s report says the government convicted 38 traffickers.\n\nThe report says "investigate and prosecute\ntraffickers involved in forced labor crimes" and 38 convictions.\n',
];

const SNIPPETS = [
  'x', ' ', '\n', '\n\n', '.', ',', '"', '“', '”', '8', '38', '83', '2021', '2022', '2023', '1,000',
  ' Tier 2', ' Tier 3', ' remained on Tier 2 Watch List', ' convicted 38 traffickers', ' prosecuted 200 suspects', ' sentenced to 20 years',
  ' [@KHM-2023/R1]', ' [@KHM-2022/prosecution.2]', ' [@R3]', ' [@KHM-2023/R99]', '[@', ']',
  ' The 2023 report found', ' the 2022 report says', " last year's report", ' this year’s report', ' according to the ILO,',
  ' The 2022 report', ' The 2023 report', '2022 report', ' Cambodia', ' Thailand', ' PRC nationals', ' "investigate and prosecute traffickers involved in forced labor"',
  '\n```\n', '`', '\n    code\n', '<!-- tip-lens-disable figure.mismatch -->', '<!-- tip-lens-enable -->', '<!-- tip-lens-disable-next-line -->\n',
  '\n# Heading 2023\n', '\n- item 38 convictions\n', '\n> quoted block 2021\n', '| 38 | 2021 |\n',
  '---\ntip-report: KHM-2022\n---\n', 'tip-report: KHM-2023\n', 'we trained 40 officers',
  // What reads lines above a block: quiz stems and sections, table headers, rejection labels, anaphora.
  '\n## Quiz: true or false?\n', '\n1. Cambodia is on Tier 2.\n', '\nQ1. Which tier?\n(a) Tier 2\n(b) Tier 3\n', '\n(a) 83 traffickers\n', '?',
  '\n| Indicator | 2020 | 2021 |\n| --- | --- | --- |\n', '| Convictions (2021) |', ' | FALSE |', 'Avoid: ', '❌ ', ' Of those cases, 37 involved sex trafficking.',
];

interface Edit {
  at: number;
  remove: number;
  insert: string;
}
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 120 })),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.constant('')),
}).map((e) => ({ at: e.at, remove: e.remove, insert: e.insert }) as Edit);

function apply(text: string, e: Edit): string {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** An analysis as data: report objects by id (they are the same objects in both runs anyway). */
function data(doc: TextDocument, a: DraftAnalysis): string {
  return JSON.stringify({ diagnostics: provideDiagnostics(doc, a, settings, NEVER_CANCELLED), findings: a.findings, problems: a.problems, notes: a.notes }, (k, v: unknown) =>
    (k === 'report' || k === 'target') && v && typeof v === 'object' && 'id' in v ? (v as { id: string }).id : v,
  );
}

test('incremental re-check = check from scratch, over random edit sequences (diagnostics, findings, problems, --explain notes)', () => {
  let reusedSomewhere = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: bases.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 }), fc.boolean(), (b, edits, plain) => {
      const languageId = plain ? 'plaintext' : 'markdown';
      const memo = createDraftMemo();
      let text = bases[b];
      for (let v = 0; v <= edits.length; v++) {
        if (v > 0) text = apply(text, edits[v - 1]);
        const doc = TextDocument.create('file:///draft.md', languageId, v + 1, text);
        const inc = analyzeDocument(doc, kb, settings, NEVER_CANCELLED, undefined, memo, true);
        const full = analyzeDocument(doc, kb, settings, NEVER_CANCELLED, undefined, undefined, true);
        assert.equal(data(doc, inc), data(doc, full), `version ${v + 1} after ${JSON.stringify(edits.slice(0, v))}`);
        reusedSomewhere += memo.blocks!.reused;
      }
    }),
    { numRuns: 150 },
  );
  assert.ok(reusedSomewhere > 0, 'blocks were reused');
});

test('an edit in one paragraph re-checks that block only; a changed front matter or edition statement re-checks what follows; fullCheck reuses nothing', () => {
  const text = generateDraft(30_000, 7);
  const memo = createDraftMemo();
  const at = (t: string, v: number, s = settings) => analyzeDocument(TextDocument.create('file:///big.md', 'markdown', v, t), kb, s, NEVER_CANCELLED, undefined, memo);
  at(text, 1);
  const total = memo.blocks!.checked;
  assert.ok(total > 20);
  // One character typed in the middle of a paragraph.
  const mid = text.indexOf('convicted', text.length >> 1);
  at(text.slice(0, mid) + 'x' + text.slice(mid), 2);
  assert.ok(memo.blocks!.checked <= 2, `one block checked again (checked ${memo.blocks!.checked}, reused ${memo.blocks!.reused})`);
  assert.ok(memo.blocks!.reused >= total - 2);
  // A front matter naming the default report changes every block's context.
  const fm = text.startsWith('---') ? text.replace(/tip-report:\s*\S+/, 'tip-report: KHM-2022') : `---\ntip-report: KHM-2022\n---\n${text}`;
  at(fm, 3);
  // Nothing is reused from the versions before; only a block that occurs twice with the same context ("The report is explicit:") is checked once.
  assert.ok(memo.blocks!.checked >= total - 3 && memo.blocks!.reused <= 3, `a changed front matter re-checks all (checked ${memo.blocks!.checked} of ${total})`);
  // An edition statement changed early in the draft: the blocks after it that read the stated edition are checked again, not the ones before.
  const ed = fm.indexOf('2023 TIP Report');
  at(fm.slice(0, ed) + '2022' + fm.slice(ed + 4), 5);
  assert.ok(memo.blocks!.checked > 2, `checked ${memo.blocks!.checked}`);
  // tipLens.fullCheck: nothing reused (the blocks memo is not used at all).
  const before = [memo.blocks!.reused, memo.blocks!.checked];
  at(fm, 6, { ...settings, fullCheck: true });
  assert.deepEqual([memo.blocks!.reused, memo.blocks!.checked], before, 'the blocks memo was not touched');
});
