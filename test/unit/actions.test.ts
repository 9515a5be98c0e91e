/**
 * Actions are data (server/src/model/actions.ts): every entry of the table, and so any entry added to it,
 * is read from a report sentence and from a draft sentence, and a draft figure that disagrees is flagged.
 * The narrative is synthetic (a fictional country), built here in memory for each action.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ACTIONS } from '../../server/src/model/actions';
import { KnowledgeBase, type Action } from '../../server/src/model/kb';
import { ingestReport } from '../../server/src/ingest/index';
import { createTipLensService } from '../../server/src/service/index';
import { NEVER_CANCELLED } from '../../server/src/service/types';

const manifest = {
  id: 'ZZQ-2024',
  country: 'Quandaria',
  iso3: 'ZZQ',
  edition: 2024,
  dataYear: 2023,
  tier: 'Tier 2' as const,
  sections: ['summary', 'prosecution'],
  firstSection: 'summary',
  text: 'ZZQ-2024.txt',
  source: { publisher: 'TIP Lens test fixtures', title: 'A synthetic narrative', url: '' },
};

for (const action of Object.keys(ACTIONS) as Action[]) {
  const word = ACTIONS[action].words[0];
  test(`action "${action}" (the word "${word}") is read from the report and checked in a draft`, () => {
    const text = `QUANDARIA (Tier 2)\n\nThe Government of Quandaria does not fully meet the minimum standards.\n\nPROSECUTION\n\nIn 2023, authorities ${word} 47 traffickers.\n`;
    const report = ingestReport(manifest, text, 'memory:ZZQ-2024.txt');
    const fact = report.facts.find((f) => f.kind === 'count' && f.values[0] === 47);
    assert.ok(fact, `no fact read from "${word} 47 traffickers"`);
    assert.deepEqual(fact.actions, [action]);
    const service = createTipLensService({ kb: new KnowledgeBase([report]) });
    const check = (draft: string) => service.diagnostics(TextDocument.create(`file:///${action}-${draft.length}.md`, 'markdown', 1, draft), NEVER_CANCELLED).map((d) => d.code);
    assert.deepEqual(check(`In 2023, Quandaria's authorities ${word} 74 traffickers [@ZZQ-2024].`), ['figure.mismatch']);
    assert.deepEqual(check(`In 2023, Quandaria's authorities ${word} 47 traffickers [@ZZQ-2024].`), []);
  });
}
