/** The wording of a quote's difference from the report: one word, several words, an insertion, a deletion. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeQuoteChanges, quoteChanges, quoteFixTitle } from '../../server/src/service/quoteDiff';

const R1 = 'Investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations, including complicit officials';

test('one word changed: "including senior officials" — the report has "including complicit officials"', () => {
  const draft = R1.replace('complicit', 'senior');
  assert.equal(describeQuoteChanges(draft, R1), '"including senior officials" — the report has "including complicit officials"');
  assert.equal(quoteFixTitle(draft, R1), 'Replace "senior" with the report\'s "complicit"');
});

test('several words changed in one place are one change', () => {
  const draft = R1.replace('forced labor crimes', 'human trafficking offences');
  assert.deepEqual(quoteChanges(draft, R1).map((c) => [c.removed, c.added]), [['human trafficking offences', 'forced labor crimes']]);
  assert.equal(describeQuoteChanges(draft, R1), '"in human trafficking offences in" — the report has "in forced labor crimes in"');
});

test('a word the draft adds: shown in place, with its neighbours', () => {
  const draft = R1.replace('complicit officials', 'complicit government officials');
  assert.equal(describeQuoteChanges(draft, R1), '"complicit government officials" — the report has "complicit officials"');
  assert.equal(quoteFixTitle(draft, R1), 'Remove "government" (not in the report)');
});

test('a word the draft leaves out: shown in place, with its neighbours', () => {
  const draft = R1.replace('cyber scam', 'scam');
  assert.equal(describeQuoteChanges(draft, R1), '"in scam" — the report has "in cyber scam"');
  assert.equal(quoteFixTitle(draft, R1), 'Put back the report\'s "cyber"');
});

test('two changes in different places are listed in order; beyond the limit they are counted', () => {
  const draft = R1.replace('Investigate', 'Examine').replace('complicit', 'senior');
  assert.equal(describeQuoteChanges(draft, R1), '"Examine and" — the report has "Investigate and"; "including senior officials" — the report has "including complicit officials"');
  assert.equal(quoteFixTitle(draft, R1), "Restore the report's wording (2 changes)");
  assert.match(describeQuoteChanges(draft.replace('cyber', 'online'), R1, 2), /; and 1 more change$/);
});

test('case, curly quotes and spacing alone are no change', () => {
  assert.equal(describeQuoteChanges(R1.toLowerCase().replace(/ /g, '  '), R1), '');
  assert.equal(describeQuoteChanges('the “whole” text', 'The "whole" text'), '');
  assert.equal(quoteFixTitle(R1, R1), 'Restore the exact wording of the report');
});
