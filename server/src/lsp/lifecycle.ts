/** initialize, initialized, configuration changes, shutdown and the document events: each a few lines asking the session. */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { describe } from './params';
import type { Session } from './session';

export const FIX_ALL_KIND = 'source.fixAll.tipLens';

export function registerLifecycle(s: Session): void {
  const { connection } = s;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    s.initialize(params);
    return { capabilities: capabilities(s.pull), serverInfo: { name: 'tip-lens', version: '0.1.0' } };
  });

  connection.onInitialized(async () => {
    s.log(`TIP Lens: initialize answered ${s.initializedAt.toFixed(0)} ms after the process started`);
    s.svc();
    if (s.caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tipLens' }).then(undefined, () => undefined);
    }
    await s.readClientSettings();
  });

  connection.onDidChangeConfiguration(async (change) => {
    try {
      await s.settingsChanged(change);
    } catch (e) {
      s.logError(`TIP Lens: reading settings failed: ${describe(e)}`);
    }
  });

  connection.onShutdown(() => {
    // A second shutdown is a request after shutdown too.
    if (s.shutDown) return new ResponseError(ErrorCodes.InvalidRequest, 'shutdown: the server is already shutting down; only exit is accepted') as unknown as void;
    s.shutdown();
  });
}

/** didOpen fires both events: the open is checked at once, later changes are debounced. */
export function registerDocumentEvents(s: Session): void {
  s.documents.onDidOpen((e) => {
    s.pauseWarming();
    s.justOpened.add(e.document.uri);
    s.schedule(e.document.uri, 0);
  });
  s.documents.onDidChangeContent((e) => {
    s.pauseWarming();
    if (!s.justOpened.delete(e.document.uri)) s.schedule(e.document.uri);
  });
  s.documents.onDidClose((e) => s.closed(e.document.uri));
}

function capabilities(pull: boolean): InitializeResult['capabilities'] {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['@', '/'], resolveProvider: true },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    definitionProvider: true,
    referencesProvider: true,
    documentLinkProvider: { resolveProvider: false },
    workspaceSymbolProvider: true,
    codeLensProvider: { resolveProvider: false },
    diagnosticProvider: pull ? { identifier: 'tip-lens', interFileDependencies: false, workspaceDiagnostics: true } : undefined,
  };
}
