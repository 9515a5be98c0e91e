/**
 * Child process for the pathological-draft figures (issue 13): each pattern that once made the checker
 * quadratic, repeated to 1 MB and 4 MB with no sentence end, checked by TIP Lens beside one pass of a
 * plain regex over the same text. Prints one JSON object.
 *
 *   node bench/.out/patterns.js [--quick]
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadKnowledgeBase } from '../server/src/node/loadReports';
import { createTipLensService } from '../server/src/service';
import { NEVER_CANCELLED } from '../server/src/service/types';
import { PATHOLOGICAL, repeatTo } from '../test/reliability/helpers/pathological';

export interface PatternResult {
  name: string;
  bytes: number;
  tipLensMs: number;
  regexMs: number;
  diagnostics: number;
  regexMatches: number;
}

const FLOOR = /\[@[^\]\n]*\]|\d[\d,.]*|["“”'`]/g;
const quick = process.argv.includes('--quick');
const kb = loadKnowledgeBase([]);
const sizes = quick ? [256 * 1024, 1024 * 1024] : [1024 * 1024, 4 * 1024 * 1024];
const results: PatternResult[] = [];
// Warm up once on a small text so the first pattern does not pay for the JIT.
createTipLensService({ kb }).diagnostics(TextDocument.create('file:///warm.md', 'markdown', 1, repeatTo('In 2021 the government convicted 38 traffickers. ', 64 * 1024)), NEVER_CANCELLED);
for (const [name, unit] of Object.entries(PATHOLOGICAL)) {
  for (const bytes of sizes) {
    const text = repeatTo(unit, bytes);
    const service = createTipLensService({ kb });
    const doc = TextDocument.create(`file:///pattern-${bytes}.md`, 'markdown', 1, text);
    let t = performance.now();
    const diagnostics = service.diagnostics(doc, NEVER_CANCELLED).length;
    const tipLensMs = performance.now() - t;
    t = performance.now();
    FLOOR.lastIndex = 0;
    let n = 0;
    while (FLOOR.exec(text) !== null) n++;
    const regexMs = performance.now() - t;
    results.push({ name, bytes, tipLensMs, regexMs, diagnostics, regexMatches: n });
  }
}
process.stdout.write(JSON.stringify({ sizes, results }) + '\n');
