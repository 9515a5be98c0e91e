/**
 * The TIP Lens language server: wires an LSP connection to the engine
 * (server/src/service). Handlers are a few lines each; the features live in
 * the engine. Start it with `--stdio` or `--node-ipc` (or `--socket=PORT`).
 *
 * Nothing heavy happens before the initialize result: the knowledge base loads
 * when the client says `initialized` (or on the first request that needs it),
 * and fuzzy indexes are built the first time a report is searched.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { registerCustomRequests } from './lsp/customRequests';
import { registerDiagnostics, registerFeatures } from './lsp/features';
import { registerDocumentEvents, registerLifecycle } from './lsp/lifecycle';
import { describe } from './lsp/params';
import { defaultDeps, Session, type ServerDeps } from './lsp/session';
import { resyncFrames } from './frameResync';

export type { ServerDeps } from './lsp/session';
export { resyncFrames };

/** Wires a connection to one session: lifecycle, document events, features, TIP Lens's requests; then listens. */
export function startServer(connection: Connection, deps: ServerDeps = defaultDeps): void {
  const session = new Session(connection, deps);
  registerLifecycle(session);
  registerDocumentEvents(session);
  registerDiagnostics(session);
  registerFeatures(session);
  registerCustomRequests(session);
  session.documents.listen(connection);
}

/** `node dist/server.js --stdio` (or --node-ipc, --socket=N): stdio when no transport is named. */
function main(): void {
  const other = process.argv.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
  let connection: Connection;
  if (other) connection = createConnection(ProposedFeatures.all);
  else {
    // stdio through resyncFrames; what vscode-languageserver does for --stdio besides (console to the client) is done here.
    let warn = (m: string): void => {
      process.stderr.write(m + '\n');
    };
    connection = createConnection(ProposedFeatures.all, process.stdin.pipe(resyncFrames((m) => warn(m))), process.stdout);
    warn = (m: string): void => connection.console.warn(m);
    console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
    console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
    console.error = (...args: unknown[]) => connection.console.error(format(...args));
  }
  process.on('uncaughtException', (e) => connection.console.error(`TIP Lens: uncaught ${describe(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`TIP Lens: unhandled rejection ${describe(e)}`));
  startServer(connection);
  connection.listen();
}

if (require.main === module) main();

