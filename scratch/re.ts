import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTipLensService } from '../server/src/service/index';
import { NEVER_CANCELLED } from '../server/src/service/types';
import { kb } from '../test/helpers/engine';
import { generateDraft } from '../bench/gen-draft';
import { offeredContexts } from '../server/src/service/checks/notAsserted';
import { tableHeaders } from '../server/src/service/checks/tableColumns';
import { readDraft } from '../server/src/service/draft';
const service = createTipLensService({ kb });
const text = generateDraft(1000000, 7);
const d = readDraft(text, 'markdown');
let t = performance.now(); for (let i = 0; i < 10; i++) { offeredContexts(d.prose, d.lineStarts); } console.log('offeredContexts 1 MB', ((performance.now() - t) / 10).toFixed(1), 'ms');
t = performance.now(); for (let i = 0; i < 10; i++) { tableHeaders(d.prose, d.lineStarts); } console.log('tableHeaders 1 MB', ((performance.now() - t) / 10).toFixed(1), 'ms');
let v = 1;
service.diagnostics(TextDocument.create('file:///re.md', 'markdown', v++, text), NEVER_CANCELLED);
const N = 20; const t0 = performance.now();
for (let i = 0; i < N; i++) { const at = text.length >> 1; service.diagnostics(TextDocument.create('file:///re.md', 'markdown', v++, text.slice(0, at) + (i % 2 ? 'x' : 'y') + text.slice(at + 1)), NEVER_CANCELLED); }
console.log('per edit', ((performance.now() - t0) / N).toFixed(1), 'ms');
