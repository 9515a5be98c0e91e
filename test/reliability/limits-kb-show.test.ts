/**
 * `kb show` on a report whose text is one long sentence of numbers (issue 13, item 8): reading the report
 * grows linearly with the sentence (ratio in one process, 4x the text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ingestReport } from '../../server/src/ingest/index';
import { ROOT } from './helpers/lsp';
import { fastest, measureGrowth } from './helpers/growth';

const manifest = { ...JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'reports', 'KHM-2023.json'), 'utf8')), sections: ['summary'], firstSection: 'summary' };

for (const unit of ['83 ', '1,000 ', 'seven to ten years, ']) {
  test(`one sentence of ${JSON.stringify(unit)} repeated: 4x the text reads in under 7x the time (linear with noise)`, () => {
    const read = (chars: number) => {
      const text = `In 2021 the government convicted ${unit.repeat(Math.ceil(chars / unit.length))}cases.\n`;
      return fastest(3, () => ingestReport(manifest, text, 'numbers.txt'));
    };
    const g = measureGrowth(read, { size: 50_000, factor: 4, limit: 7 });
    assert.ok(g.ratio < 7, `50 KB ${g.small.toFixed(0)} ms, 200 KB ${g.large.toFixed(0)} ms: ratio ${g.ratio.toFixed(1)} in every attempt`);
  });
}
