/**
 * Issue 13.3: what the engine remembers of a document is bounded by its current and previous version,
 * however many edits come. An edit re-reads the sentence it changed; older versions' sentences are dropped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SentenceReadings, figuresIn } from '../../server/src/ingest/figures';
import { checkClaims, createDraftMemo } from '../../server/src/service/check';
import { findReferences, readDraft } from '../../server/src/service/draft';
import { kb } from '../helpers/engine';
import { NEVER_CANCELLED } from '../../server/src/service/types';

const SENTENCES = [
  'In 2021, the government prosecuted 109 suspected traffickers involved in 64 cases.',
  'The government convicted 38 traffickers, including one for sex trafficking and 35 for forced labor.',
  'Cambodia remained on Tier 3 in the 2023 report.',
  'The report says police "lacked the resources to monitor defendants released on judicial supervision".',
];

test('after 300 edits, the memo holds no more sentences than the last two versions have', () => {
  const memo = createDraftMemo();
  let text = '';
  for (let v = 0; v < 300; v++) {
    text = SENTENCES.join('\n\n') + `\n\nEdit number ${v}: police arrested ${v + 1} suspects in 2021.\n`;
    const draft = readDraft(text, 'markdown');
    checkClaims({ draft, kb, references: findReferences(draft, kb, undefined), memo }, NEVER_CANCELLED);
  }
  const perVersion = readDraft(text, 'markdown').sentences.length;
  assert.ok(memo.sentences.size <= 2 * perVersion, `memo holds ${memo.sentences.size} sentences; a version has ${perVersion}`);
});

test('a remembered reading is the same as a fresh one, whatever the order of versions (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: SENTENCES.length - 1 }), { minLength: 1, maxLength: 12 }), (picks) => {
      const readings = new SentenceReadings();
      for (const i of picks) {
        readings.nextVersion();
        const s = SENTENCES[i];
        assert.deepEqual(figuresIn(s, 10, readings), figuresIn(s, 10));
      }
    }),
  );
});
