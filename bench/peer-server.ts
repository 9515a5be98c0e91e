/**
 * The peer for start-up: the smallest language server vscode-languageserver makes
 * (no engine, no knowledge base), answering initialize with empty capabilities.
 * bench/run.ts bundles it like dist/server.js and times spawn → initialize result for
 * it, for the real server and for `node -e 0`, in the same run, so the figure says
 * what TIP Lens adds over Node and the LSP library themselves.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: {} }));
connection.listen();
