/**
 * reference.mismatch on the real bundled reports: one test per fixture sentence (test/fixtures/referenceMismatch.ts),
 * named by it; then the message, the data, the fix that replaces only the key, and Cite this sentence.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnose } from '../helpers/engine';
import { FINE, WRONG } from '../fixtures/referenceMismatch';
import { Code } from '../../server/src/service/codes';
import { provideCiteSentence } from '../../server/src/service/codeActions';
import type { DiagnosticData } from '../../server/src/service/types';
import { bundledKb, draft, service, token } from './_lsp-fixtures';

const FRONT = '---\ntip-report: KHM-2023\n---\n';
const mismatches = (text: string, front = FRONT) => {
  const r = diagnose(front + text + '\n');
  return { ...r, found: r.diagnostics.filter((d) => d.code === Code.ReferenceMismatch) };
};
const dataOf = (d: Diagnostic) => d.data as DiagnosticData;
function apply(doc: TextDocument, edits: TextEdit[]): string {
  let t = doc.getText();
  for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) t = t.slice(0, doc.offsetAt(e.range.start)) + e.newText + t.slice(doc.offsetAt(e.range.end));
  return t;
}
const editsOf = (a: CodeAction, doc: TextDocument) => a.edit!.changes![doc.uri];

describe('wrong item cited: flagged, with the right item suggested', () => {
  for (const c of WRONG) {
    test(c.text, () => {
      const { found } = mismatches(c.text);
      assert.equal(found.length, 1, `expected one reference.mismatch, got ${found.map((d) => d.message).join(' | ') || 'none'}`);
      assert.equal(dataOf(found[0]).suggestedAnchor, c.right);
    });
  }
});

describe('correct, whole-report, multi-key, see-also and mention citations: never flagged', () => {
  for (const c of FINE) {
    test(c.text, () => {
      const { found } = mismatches(c.text);
      assert.deepEqual(found.map((d) => d.message), []);
    });
  }
});

describe('reference.mismatch: message, data and fix', () => {
  test('the message names both items with what each is about; data carries both anchors and both similarities', () => {
    const { found } = mismatches('The report asks Cambodia to allow restitution once a trafficker is convicted and to train officials on calculating it [@KHM-2023/R12].');
    const d = found[0];
    assert.equal(d.message, 'KHM-2023/R12 is about inspection and oversight of lending institutions; this sentence matches KHM-2023/R13 (restitution upon conviction of the trafficker).');
    assert.equal(d.severity, 2); // warning by default
    const data = dataOf(d);
    assert.equal(data.anchor, 'KHM-2023/R12');
    assert.equal(data.reportId, 'KHM-2023');
    assert.equal(data.suggestedAnchor, 'KHM-2023/R13');
    assert.ok(data.similarity && data.similarity.suggested > data.similarity.cited, JSON.stringify(data.similarity));
    assert.equal(data.safeFix, true);
    assert.equal(data.sourceUri, 'tip-lens:/KHM-2023.txt');
    assert.match(data.sourceText ?? '', /^Allow restitution upon conviction/);
  });

  test('the range is the key alone; the fix replaces only the key, keeping prefix, locator and other keys', () => {
    const text = 'Lending institutions and micro-finance lenders need closer inspection and oversight to cut debt-based coercion [see @R13, p. 4; @smith2020].';
    // A key that is not TIP Lens's may be what supports the sentence: silent.
    assert.equal(mismatches(text).found.length, 0);
    const { doc, found } = mismatches(text.replace('; @smith2020', ''));
    assert.equal(found.length, 1);
    assert.equal(doc.getText().slice(doc.offsetAt(found[0].range.start), doc.offsetAt(found[0].range.end)), 'R13');
    const actions = service().codeActions(doc, found[0].range, undefined, token);
    const fix = actions.find((a) => a.diagnostics?.[0]?.code === Code.ReferenceMismatch)!;
    assert.equal(fix.title, 'Cite R12 instead of R13');
    assert.equal(fix.isPreferred, true);
    assert.match(apply(doc, editsOf(fix, doc)), /coercion \[see @R12, p\. 4\]\.\n$/);
  });

  test('a full key is replaced by a full anchor, a figure in the paragraph next to the cited one by the paragraph that holds it', () => {
    const { doc, found } = mismatches('In 2021 the government convicted 38 traffickers [@KHM-2022/prosecution.7].');
    assert.equal(found[0].message, 'KHM-2022/prosecution.7 is about the government provided training to police; this sentence’s figure is in KHM-2022/prosecution.2 (the government convicted 38 traffickers).');
    const fix = service().codeActions(doc, found[0].range, undefined, token).find((a) => a.diagnostics?.[0]?.code === Code.ReferenceMismatch)!;
    assert.match(apply(doc, editsOf(fix, doc)), /traffickers \[@KHM-2022\/prosecution\.2\]\./);
  });

  test('a short key resolves through the front matter; without one it is reference.unknown, not a mismatch', () => {
    assert.equal(mismatches('Services for male victims, especially men and boys exploited in commercial fishing abroad, should be expanded [@R9].').found.length, 1);
    const none = mismatches('Services for male victims, especially men and boys exploited in commercial fishing abroad, should be expanded [@R9].', '');
    assert.equal(none.found.length, 0);
    assert.ok(none.diagnostics.some((d) => d.code === Code.ReferenceUnknown));
  });

  test('a citation after the full stop closes the sentence before it', () => {
    assert.equal(mismatches('The report urges NGO input into the policy on transferring custody of child victims. [@KHM-2023/R16]').found.length, 1);
  });

  test('two citations in one sentence: each is read against the words before it', () => {
    const { found } = mismatches('Restitution upon conviction of the trafficker and training officials on calculating restitution [@R13], and NGO input into the policy on transferring custody of child victims [@R16].');
    assert.deepEqual(found.map((d) => dataOf(d).suggestedAnchor), ['KHM-2023/R17']);
  });

  test('the severity setting turns it off; a suppression comment silences it', () => {
    const text = FRONT + 'The report urges NGO input into the policy on transferring custody of child victims [@KHM-2023/R16].\n';
    assert.equal(diagnose(text, { severity: { ...service().settings.severity, [Code.ReferenceMismatch]: 'off' } }).diagnostics.filter((d) => d.code === Code.ReferenceMismatch).length, 0);
    const off = diagnose(FRONT + '<!-- tip-lens-disable-next-line reference.mismatch -->\nThe report urges NGO input into the policy on transferring custody of child victims [@KHM-2023/R16].\n');
    assert.equal(off.diagnostics.filter((d) => d.code === Code.ReferenceMismatch).length, 0);
  });
});

describe('Cite this sentence', () => {
  test('the citation.missing quick fix inserts the best-supported anchor', () => {
    const svc = service();
    const { doc } = draft('In 2021 the Cambodian government convicted 38 traffickers.');
    const d = svc.diagnostics(doc, token).find((x) => x.code === Code.CitationMissing)!;
    assert.ok(d, 'citation.missing expected');
    const actions = svc.codeActions(doc, d.range, undefined, token).filter((a) => a.diagnostics?.[0] === d || a.diagnostics?.[0]?.code === Code.CitationMissing);
    assert.deepEqual(actions.map((a) => a.title), ['Insert citation [@KHM-2022/prosecution.2]']);
    assert.equal(apply(doc, editsOf(actions[0], doc)), 'In 2021 the Cambodian government convicted 38 traffickers [@KHM-2022/prosecution.2].');
  });

  test('two close items: two actions', () => {
    // The sentence states two figures held by two paragraphs.
    const svc = service();
    const { doc } = draft('In 2021 the Cambodian government convicted 38 traffickers and trained 12,814 law enforcement officers.');
    const d = svc.diagnostics(doc, token).find((x) => x.code === Code.CitationMissing)!;
    const titles = svc.codeActions(doc, d.range, undefined, token).filter((a) => a.diagnostics?.[0]?.code === Code.CitationMissing).map((a) => a.title);
    assert.deepEqual(titles, ['Insert citation [@KHM-2022/prosecution.7]', 'Insert citation [@KHM-2022/prosecution.2] (as close a match)']);
  });

  test('the command’s request: the best-supported anchor for a paraphrase, short under the front matter, before the full stop', () => {
    const svc = service();
    const { doc, at } = draft(FRONT + 'The report asks Cambodia to allow restitution once a trafficker^ is convicted and to train officials on calculating it.\n');
    const r = provideCiteSentence(doc, svc.analyze(doc, token), bundledKb(), at[0], token);
    assert.ok(r);
    assert.deepEqual(r.candidates.map((c) => c.insertText), [' [@R13]']);
    assert.equal(doc.offsetAt(r.insertAt), doc.getText().indexOf('.\n'));
  });

  test('nothing clearly supports the sentence: null', () => {
    const svc = service();
    const { doc, at } = draft(FRONT + 'We had a good meeting^ today.\n');
    assert.equal(provideCiteSentence(doc, svc.analyze(doc, token), bundledKb(), at[0], token), null);
  });
});
