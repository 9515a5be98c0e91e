/** The standard LSP features: each handler finds the document, then asks the engine (through the session). */
import { DocumentDiagnosticReportKind, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { TipLensService } from '../service/index';
import { BadParams, isObject, positionOf, queryOf, rangeOf } from './params';
import type { Session } from './session';

export function registerDiagnostics(s: Session): void {
  s.connection.languages.diagnostics.on(
    s.handle('textDocument/diagnostic', (params, token) => {
      const doc = s.anyDocOf(params);
      if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      s.svc();
      const id = s.resultId(doc);
      if (params.previousResultId === id) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: id };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items: s.diagnosticsOf(doc, token) };
    }),
  );
  s.connection.languages.diagnostics.onWorkspace(
    s.handle('workspace/diagnostic', (params, token) => {
      const ids: unknown = isObject(params) ? params.previousResultIds : undefined;
      if (ids !== undefined && ids !== null && !(Array.isArray(ids) && ids.every((p) => isObject(p) && typeof p.uri === 'string' && typeof p.value === 'string'))) {
        throw new BadParams('expected previousResultIds: a list of {uri, value} (strings)');
      }
      s.svc();
      const previous = new Map(((ids ?? []) as { uri: string; value: string }[]).map((p) => [p.uri, p.value]));
      const items: WorkspaceDocumentDiagnosticReport[] = s.documents.all().map((doc) => {
        const id = s.resultId(doc);
        if (previous.get(doc.uri) === id) return { kind: DocumentDiagnosticReportKind.Unchanged, uri: doc.uri, version: doc.version, resultId: id };
        return { kind: DocumentDiagnosticReportKind.Full, uri: doc.uri, version: doc.version, resultId: id, items: s.diagnosticsOf(doc, token) };
      });
      return { items };
    }),
  );
}

export function registerFeatures(s: Session): void {
  const c = s.connection;
  c.onHover(s.handle('textDocument/hover', (params, token) => withDoc(s, params, (doc) => s.svc().hover(doc, positionOf(params), token))));
  c.onCompletion(s.handle('textDocument/completion', (params, token) => withDoc(s, params, (doc) => s.svc().completion(doc, positionOf(params), token))));
  c.onCompletionResolve(
    s.handle('completionItem/resolve', (item: Parameters<TipLensService['resolveCompletion']>[0], token) => (isObject(item) ? s.svc().resolveCompletion(item, token) : item)),
  );
  c.onCodeAction(
    s.handle('textDocument/codeAction', (params, token) => {
      const only = Array.isArray(params?.context?.only) ? params.context.only : undefined;
      return withDoc(s, params, (doc) => s.svc().codeActions(doc, rangeOf(params), only, token));
    }),
  );
  c.onDefinition(s.handle('textDocument/definition', (params, token) => withDoc(s, params, (doc) => s.svc().definition(doc, positionOf(params), token))));
  c.onReferences(
    s.handle('textDocument/references', (params, token) =>
      withDoc(s, params, (doc) => s.svc().references(doc, positionOf(params), s.usableDocuments(), params?.context?.includeDeclaration === true, token)),
    ),
  );
  c.onDocumentLinks(s.handle('textDocument/documentLink', (params, token) => withDoc(s, params, (doc) => s.svc().documentLinks(doc, token))));
  c.onCodeLens(s.handle('textDocument/codeLens', (params, token) => withDoc(s, params, (doc) => s.svc().codeLenses(doc, token))));
  c.onWorkspaceSymbol(
    s.handle('workspace/symbol', (params, token) => {
      const query = queryOf(params, 'expected {query: string}', false);
      const svc = s.svc();
      const prefer = s.settings.defaultReport || s.usableDocuments().map((d) => svc.analyze(d, token).defaultReport).find((r) => r !== undefined);
      return svc.workspaceSymbols(query, token, prefer);
    }),
  );
}

/** `fn` on the document the params name, or null when it is not open or over the size limit. */
function withDoc<R>(s: Session, params: unknown, fn: (doc: NonNullable<ReturnType<Session['docOf']>>) => R): R | null {
  const doc = s.docOf(params);
  return doc ? fn(doc) : null;
}
