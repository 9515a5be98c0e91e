/** Property tests on the engine: hostile text never throws, never misplaces a range, never loses text. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { createTipLensService } from '../../server/src/service/index';
import { defaultSettings } from '../../server/src/service/settings';
import { NEVER_CANCELLED } from '../../server/src/service/types';
import { applyEdits, safeFixEdits } from '../../server/src/service/fixes';
import { readDraft } from '../../server/src/service/draft';
import { normalize } from '../../server/src/ingest/normalize';
import { splitSentences } from '../../server/src/ingest/sentences';
import { kb } from '../helpers/engine';
import { hostileText, RUNS, SEED, splitsPair } from './helpers/hostile';
import { lineStarts, rangeProblem } from './helpers/ranges';

const params = { seed: SEED, numRuns: RUNS };
let uriN = 0;
const settingsArb = fc.record({ defaultReport: fc.constantFrom('', 'KHM-2023', 'KHM-2022', 'XXX-0000') });
const languageArb = fc.constantFrom('markdown', 'plaintext');

describe('engine on hostile text', () => {
  test('diagnostics, hover, completion, code actions and definition never throw and every range lies inside the document on a code-point boundary', (t) => {
    let cases = 0;
    let diagnosticsSeen = 0;
    let requests = 0;
    fc.assert(
      fc.property(hostileText, settingsArb, languageArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (text, s, languageId, picks) => {
        cases++;
        const service = createTipLensService({ kb, settings: { ...defaultSettings(), ...s } });
        const doc = TextDocument.create(`file:///fuzz-${uriN++}.md`, languageId, 1, text);
        const starts = lineStarts(text);
        const check = (r: { start: { line: number; character: number }; end: { line: number; character: number } }, what: string) => {
          const p = rangeProblem(text, starts, r, what);
          assert.equal(p, undefined, `${p} in ${JSON.stringify(text)}`);
        };
        const diagnostics = service.diagnostics(doc, NEVER_CANCELLED);
        diagnosticsSeen += diagnostics.length;
        for (const d of diagnostics) {
          check(d.range, `diagnostic ${d.code}`);
          assert.ok(d.message.length > 0);
        }
        // Positions: some inside the text (any offset, even between surrogate halves), some past line ends and past the end.
        for (const pick of picks) {
          const off = text.length ? pick % (text.length + 1) : 0;
          const inside = doc.positionAt(off);
          const positions = [inside, { line: inside.line, character: inside.character + (pick % 7) + 1 }, { line: starts.length + (pick % 3), character: pick % 50 }];
          for (const pos of positions) {
            requests += 4;
            const hover = service.hover(doc, pos, NEVER_CANCELLED);
            if (hover?.range) check(hover.range, 'hover');
            const list = service.completion(doc, pos, NEVER_CANCELLED);
            for (const item of list?.items ?? []) {
              const te = (item as CompletionItem).textEdit;
              if (te && 'range' in te) check(te.range, `completion ${item.label}`);
              if (te && 'insert' in te) {
                check(te.insert, `completion insert ${item.label}`);
                check(te.replace, `completion replace ${item.label}`);
              }
            }
            const def = service.definition(doc, pos, NEVER_CANCELLED);
            if (def) assert.equal(typeof def.uri, 'string');
            const end = doc.positionAt(Math.min(text.length, doc.offsetAt(pos) + (pick % 13)));
            for (const a of service.codeActions(doc, { start: pos, end }, undefined, NEVER_CANCELLED)) {
              for (const e of a.edit?.changes?.[doc.uri] ?? []) check(e.range, `code action ${a.title}`);
            }
          }
        }
        const all = service.fixAll(doc, NEVER_CANCELLED);
        for (const e of all?.edit?.changes?.[doc.uri] ?? []) check(e.range, 'fix all');
        for (const l of service.documentLinks(doc, NEVER_CANCELLED)) check(l.range, 'document link');
        for (const l of service.codeLenses(doc, NEVER_CANCELLED)) check(l.range, 'code lens');
      }),
      params,
    );
    t.diagnostic(`${cases} documents, ${diagnosticsSeen} diagnostics, ${requests} position requests`);
  });

  test('readDraft: prose has the length and the line breaks of the text; masking never leaves half a surrogate pair', () => {
    fc.assert(
      fc.property(hostileText, languageArb, (text, languageId) => {
        const d = readDraft(text, languageId);
        assert.equal(d.prose.length, text.length);
        for (let i = 0; i < text.length; i++) {
          const c = text[i];
          const p = d.prose[i];
          if (c === '\n' || c === '\r' || p === '\n' || p === '\r') assert.equal(p, c, `line break at ${i} in ${JSON.stringify(text)}`);
          else if (p !== c) assert.equal(p, ' ', `prose[${i}] is neither the text nor a mask`);
        }
        for (const s of [...d.sentences, ...d.blocks]) {
          assert.ok(0 <= s.start && s.start <= s.end && s.end <= text.length, `span ${JSON.stringify(s)} outside 0..${text.length}`);
        }
      }),
      params,
    );
  });

  test('normalize: the offset map is monotonic, one longer than the text, and within [start, end]', () => {
    fc.assert(
      fc.property(hostileText, fc.nat(), fc.nat(), (text, a, b) => {
        const x = a % (text.length + 1);
        const y = b % (text.length + 1);
        const [start, end] = x <= y ? [x, y] : [y, x];
        const n = normalize(text, start, end);
        assert.equal(n.map.length, n.text.length + 1);
        assert.equal(n.map[n.map.length - 1], end);
        for (let i = 0; i < n.map.length; i++) {
          assert.ok(n.map[i] >= start && n.map[i] <= end, `map[${i}]=${n.map[i]} outside [${start}, ${end}]`);
          if (i > 0) assert.ok(n.map[i] >= n.map[i - 1], `map not monotonic at ${i}: ${n.map[i - 1]} > ${n.map[i]}`);
        }
        for (const s of splitSentences(text, start, end)) assert.ok(start <= s.start && s.start <= s.end && s.end <= end, `sentence ${JSON.stringify(s)} outside [${start}, ${end}]`);
      }),
      params,
    );
  });

  test('safe fixes change only their ranges: every character outside them is kept, in order', (t) => {
    let fixed = 0;
    // Half the cases carry a claim with a known safe fix so the property is exercised, not vacuous.
    const withClaim = fc.tuple(hostileText, fc.constantFrom('In 2021, the Cambodian government convicted 83 traffickers [@KHM-2022/prosecution.2].', 'In 2021, the Cambodian government convicted 83 traffickers.', ''), hostileText).map(([a, b, c]) => a + '\n\n' + b + '\n\n' + c);
    fc.assert(
      fc.property(fc.oneof(hostileText, withClaim), languageArb, (text, languageId) => {
        const service = createTipLensService({ kb, settings: defaultSettings() });
        const doc = TextDocument.create(`file:///fix-${uriN++}.md`, languageId, 1, text);
        const edits: TextEdit[] = safeFixEdits(doc, service.diagnostics(doc, NEVER_CANCELLED));
        if (edits.length === 0) return;
        fixed++;
        const out = applyEdits(doc, edits);
        const spans = edits.map((e) => ({ s: doc.offsetAt(e.range.start), e: doc.offsetAt(e.range.end), text: e.newText }));
        for (const sp of spans) assert.ok(!splitsPair(text, sp.s) && !splitsPair(text, sp.e), 'edit splits a surrogate pair');
        let expected = '';
        let at = 0;
        for (const sp of spans) {
          assert.ok(sp.s >= at, `edits overlap or are out of order at ${sp.s}`);
          expected += text.slice(at, sp.s) + sp.text;
          at = sp.e;
        }
        expected += text.slice(at);
        assert.equal(out, expected);
        // The fixed text checks again without throwing. (Not asserted: that it has no further safe fix; fixing a quote
        // can make a nearby tier claim checkable, e.g. "upgraded to Tier 2 … “the government did not fully meet …”".)
        const again = TextDocument.create(doc.uri, languageId, 2, out);
        for (const d of service.diagnostics(again, NEVER_CANCELLED)) assert.equal(rangeProblem(out, lineStarts(out), d.range, 'after fix'), undefined);
      }),
      params,
    );
    t.diagnostic(`${fixed} documents had safe fixes`);
    assert.ok(fixed > 10, 'the fix property was exercised');
  });
});
