/**
 * The figure check's gates (server/src/service/checks/figureGates.ts) are data: each reason must be reachable,
 * by a sentence of its own whose figure it silences (read from the analysis's explain notes), and the reasons
 * must be distinct so `--explain` says which gate spoke.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLAIM_GATES, LAYOUT_GATES } from '../../server/src/service/checks/figureGates';
import { createTipLensService } from '../../server/src/service/index';
import { defaultSettings } from '../../server/src/service/settings';
import { NEVER_CANCELLED } from '../../server/src/service/types';
import { doc, kb } from '../helpers/engine';

/** For each gate, in table order: a draft and the figure (its text) the gate must silence. */
const EXAMPLES: readonly { draft: string; figure: string }[] = [
  { draft: 'In 2021, 35 percent of Cambodian trafficking cases involved forced labor.', figure: '35' },
  { draft: 'A Cambodian prosecutor wrote in 2022: "we convicted 50 traffickers in 2021".', figure: '50' },
  { draft: 'Did Cambodia really convict 50 traffickers in 2021?', figure: '50' },
  { draft: 'Cambodia quiz, 2008 law. Trafficking an adult carries:\n(a) three to 5 years in prison\n(b) seven to 15 years in prison', figure: 'three' },
  { draft: '## 2 Prosecution data from the 2022 report on Cambodia', figure: '2' },
  { draft: '| Cambodia indicator | Target |\n| --- | --- |\n| Traffickers convicted, 2021 | 50 |', figure: '50' },
  { draft: 'Between 2018 and 2021 Cambodia convicted 50 traffickers.', figure: '50' },
  { draft: 'In 2021 the courts convicted 50 traffickers.', figure: '50' },
  { draft: 'In 2021 Thailand convicted 50 traffickers.', figure: '50' },
  { draft: 'In Cambodia we trained 50 police officers in 2021.', figure: '50' },
  { draft: 'Cambodia’s provincial courts rescheduled two sessions; we held nine sessions instead.', figure: 'two' },
  { draft: 'Cambodia, 2021: the TIP Report is silent here, while UNODC counted 50 convictions.', figure: '50' },
  { draft: 'According to the provincial prosecutor, Cambodian courts convicted about 50 traffickers in 2021, more than the 2022 report counts.', figure: 'about 50' },
  { draft: 'Cambodia course rules for 2021: maximum 25 participants per course.', figure: '25' },
  { draft: 'In 2021 Cambodian courts in Siem Reap province convicted 50 traffickers.', figure: '50' },
  { draft: 'In the Cambodian trafficking judgments we read, the median sentence was 7 years.', figure: '7' },
  { draft: 'A Cambodian police spokesman said 38 suspects had been charged since January.', figure: '38' },
  { draft: 'Were Cambodia to convict 50 traffickers in a year, its tier would change.', figure: '50' },
  { draft: 'In 2021, Cambodia did not convict 50 traffickers.', figure: '50' },
];
const GATES = [...LAYOUT_GATES, ...CLAIM_GATES];

test('every figure gate has an example, and their reasons are distinct', () => {
  assert.equal(EXAMPLES.length, GATES.length);
  assert.equal(new Set(GATES.map((g) => g.why)).size, GATES.length);
});

GATES.forEach((gate, i) => {
  const { draft, figure } = EXAMPLES[i];
  test(`${gate.why}: ${draft}`, () => {
    const service = createTipLensService({ kb, settings: defaultSettings(), explain: true });
    const d = doc(draft);
    const notes = service.analyze(d, NEVER_CANCELLED).notes.filter((n) => n.kind === 'figure' && draft.slice(n.span.start, n.span.end).startsWith(figure));
    assert.ok(notes.length > 0, `no figure note for ${figure}`);
    assert.deepEqual(notes.map((n) => [n.decision, n.why]), [['silent', gate.why]]);
    assert.deepEqual(service.diagnostics(d, NEVER_CANCELLED).filter((x) => x.severity !== undefined && x.severity <= 2), []);
  });
});
