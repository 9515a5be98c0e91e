/**
 * The TIP Lens language server: wires an LSP connection to the engine
 * (server/src/service). Handlers are a few lines each; the features live in
 * the engine. Start it with `--stdio` or `--node-ipc` (or `--socket=PORT`).
 *
 * Nothing heavy happens before the initialize result: the knowledge base loads
 * when the client says `initialized` (or on the first request that needs it),
 * and fuzzy indexes are built the first time a report is searched.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type Diagnostic,
  type Range,
  type WorkspaceDocumentDiagnosticReport,
  DiagnosticSeverity,
  CancellationToken as Token,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TipLensService } from './service/index';
import type { KnowledgeBase } from './model/kb';
import { defaultSettings, validateSettings, type TipLensSettings } from './service/settings';
import { CancelledError, NEVER_CANCELLED } from './service/types';
import { CheckDocumentRequest, CiteSentenceRequest, CoverageRequest, ReportTextRequest, SearchItemsRequest, StatusNotification } from './requests';
import { ImportReportRequest, type ImportReportParams } from './importProtocol';
import { importReportRequest } from './importRequest';
import {
  MAX_DRAFT_BYTES,
  MAX_LOGGED_PROBLEMS,
  MAX_QUERY_CHARS,
  problemSummary,
  type CheckDocumentParams,
  type CiteSentenceParams,
  type CoverageParams,
  type ReportTextParams,
  type SearchItemsParams,
  type StatusParams,
} from './protocol';

export interface ServerDeps {
  /** Loads the bundled reports plus `paths` (relative ones against `base`). */
  loadKnowledgeBase(paths: readonly string[], base: string): KnowledgeBase;
  /** Debounce of pushed diagnostics per document, in ms (default 150). */
  pushDelay?: number;
}

/*
 * The engine, the report ingest and their libraries (yaml, fuse.js) load on first
 * use, after the initialize result is sent: a fast start for every editor.
 */
const engine = () => require('./service/index') as typeof import('./service/index');
const reportsFromDisk = () => require('./node/loadReports') as typeof import('./node/loadReports');
const warmUpModule = () => require('./node/warmUp') as typeof import('./node/warmUp');
/** Quiet time after the last request before the warm-up goes on, in ms. */
const WARM_RESUME_MS = 300;

const defaultDeps: ServerDeps = { loadKnowledgeBase: (paths, base) => reportsFromDisk().loadKnowledgeBase(paths, base) };

const FIX_ALL_KIND = 'source.fixAll.tipLens';

/** A request whose parameters are not what the protocol says: answered with InvalidParams. */
class BadParams extends Error {}

const MAX_CHECK_CHARS = 10 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function startServer(connection: Connection, deps: ServerDeps = defaultDeps): void {
  // Neovim and Helix call plain text "text"; the engine knows it as "plaintext".
  // A didOpen without a string text (a client bug) must not leave a document whose getText() is undefined:
  // every later request on it, and every workspace-wide one, would fail with InternalError.
  const documents = new TextDocuments({
    create: (uri: string, languageId: string, version: number, content: string) =>
      TextDocument.create(uri, languageId === 'text' ? 'plaintext' : typeof languageId === 'string' ? languageId : 'markdown', typeof version === 'number' ? version : 0, typeof content === 'string' ? content : ''),
    update: TextDocument.update,
  });
  const pushDelay = deps.pushDelay ?? 150;
  let caps: ClientCapabilities = {};
  let base = process.cwd();
  let initRaw: unknown;
  let settings: TipLensSettings = defaultSettings();
  let settingsProblems: string[] = [];
  let service: TipLensService | undefined;
  let loadedReports: string | undefined;
  /** Bumped whenever settings or reports change: part of every diagnostic result id. */
  let generation = 0;
  let pull = false;
  let statusHandledByClient = false;
  let initializedAt = 0;
  /** Settles once the client's settings are read after initialized (or 2 s later), so no result uses settings about to change. */
  let settingsRead = false;
  let markSettingsRead: () => void = () => undefined;
  const settingsReady = new Promise<void>((resolve) => {
    markSettingsRead = () => {
      settingsRead = true;
      resolve();
    };
  });
  const shown = new Set<string>();
  /** Set by shutdown: every later request is answered with InvalidRequest (LSP: only exit may follow). */
  let shutDown = false;
  const timers = new Map<string, NodeJS.Timeout>();
  /** User narratives being ingested ahead of use (see node/warmUp.ts): paused by every request, resumed when they stop. */
  let warmUp: import('./node/warmUp').WarmUp | undefined;
  let warmResume: NodeJS.Timeout | undefined;

  const log = (m: string) => connection.console.log(m);
  const logError = (m: string) => connection.console.error(m);

  // ---------------------------------------------------------------- engine

  function svc(): TipLensService {
    if (!service || loadedReports !== settings.reports.join('\0')) {
      const t = performance.now();
      const kb = deps.loadKnowledgeBase(settings.reports, base);
      service = engine().createTipLensService({ kb, settings });
      loadedReports = settings.reports.join('\0');
      generation++;
      const ready = kb.all().filter((r) => r.sentenceTerms !== undefined).length;
      log(`TIP Lens: loaded ${kb.reports.size} report(s) in ${(performance.now() - t).toFixed(0)} ms${ready ? ` (${ready} ingested at build time)` : ''}: ${kb.all().map((r) => r.id).slice(0, 20).join(', ')}${kb.reports.size > 20 ? ', …' : ''}`);
      reportStatus();
      startWarming(kb);
    } else if (service.settings !== settings) {
      service.settings = settings;
      generation++;
    }
    return service;
  }

  /** Ingests the user narratives the open drafts name and each country's newest, off the request path (after this turn of the event loop). */
  function startWarming(kb: KnowledgeBase): void {
    warmUp?.cancel();
    const w = warmUpModule();
    const order = w.warmUpOrder(kb, documents.all().map((d) => d.getText().slice(0, 1 << 20)));
    if (order.length === 0) return;
    warmUp = w.startWarmUp(order, (n, ms) => log(`TIP Lens: warmed ${n} report(s) in ${ms.toFixed(0)} ms of idle time`));
  }

  /** A request or an edit came in: the warm-up waits until they stop for WARM_RESUME_MS. */
  function pauseWarming(): void {
    if (!warmUp || warmUp.done) return;
    warmUp.pause();
    clearTimeout(warmResume);
    warmResume = setTimeout(() => warmUp?.resume(), WARM_RESUME_MS);
    warmResume.unref?.();
  }

  /**
   * Loaded reports and problems: all of them in tipLens/status; the ones not reported before in one log
   * message (the first MAX_LOGGED_PROBLEMS listed) and, for clients that do not show tipLens/status, one
   * window/showMessage summing them up.
   */
  function reportStatus(): void {
    if (!service) return;
    const problems = [...settingsProblems.map((message) => ({ file: '', message })), ...service.kb.problems];
    const status: StatusParams = { reports: service.kb.all().map((r) => r.id), problems };
    void connection.sendNotification(StatusNotification, status).catch(() => undefined);
    const fresh: string[] = [];
    for (const p of problems) {
      const message = p.file ? `${p.file}: ${p.message}` : p.message;
      if (shown.has(message)) continue;
      shown.add(message);
      fresh.push(message);
    }
    if (fresh.length === 0) return;
    const more = fresh.length - MAX_LOGGED_PROBLEMS;
    connection.console.warn(
      `TIP Lens: ${fresh.length} problem${fresh.length === 1 ? '' : 's'} loading reports or settings:\n` +
        fresh.slice(0, MAX_LOGGED_PROBLEMS).map((m) => `  ${m}`).join('\n') +
        (more > 0 ? `\n  … and ${more} more (all of them in tipLens/status)` : ''),
    );
    if (!statusHandledByClient) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: problemSummary(fresh) });
  }

  function applySettings(raw: unknown): void {
    const result = validateSettings(raw);
    settings = result.settings;
    settingsProblems = result.problems;
    const reload = service !== undefined && loadedReports !== settings.reports.join('\0');
    svc();
    if (!reload) reportStatus();
    refreshDiagnostics();
  }

  async function readConfiguration(): Promise<unknown> {
    const fromInit = isObject(initRaw) ? initRaw : {};
    if (!caps.workspace?.configuration) return fromInit;
    try {
      const fromClient: unknown = await connection.workspace.getConfiguration({ section: 'tipLens' });
      return isObject(fromClient) ? { ...fromInit, ...fromClient } : fromInit;
    } catch (e) {
      logError(`TIP Lens: workspace/configuration failed: ${String(e)}`);
      return fromInit;
    }
  }

  // ------------------------------------------------------------ diagnostics

  function refreshDiagnostics(): void {
    if (pull) {
      if (caps.workspace?.diagnostics?.refreshSupport) connection.languages.diagnostics.refresh();
    } else {
      for (const doc of documents.all()) schedule(doc.uri, 0);
    }
    if (caps.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh').then(undefined, () => undefined);
  }

  function schedule(uri: string, delay = pushDelay): void {
    if (pull) return;
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(async () => {
        timers.delete(uri);
        if (!settingsRead) await settingsReady;
        const doc = documents.get(uri);
        if (!doc) return;
        try {
          void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnosticsOf(doc, NEVER_CANCELLED) });
        } catch (e) {
          logError(`TIP Lens: diagnostics for ${uri} failed: ${describe(e)}`);
        }
      }, delay),
    );
  }

  const resultId = (doc: TextDocument) => `${generation}:${doc.version}`;

  // ------------------------------------------------------------- size limit

  /** Open documents over MAX_DRAFT_BYTES, by URI: the version measured and its size in bytes (undefined: within the limit). */
  const sizes = new Map<string, { version: number; bytes: number | undefined }>();

  /** The UTF-8 size of an open document over the limit, or undefined. Linear in the text, once per version. */
  function oversize(doc: TextDocument): number | undefined {
    const known = sizes.get(doc.uri);
    if (known?.version === doc.version) return known.bytes;
    const text = doc.getText();
    const bytes = text.length * 3 <= MAX_DRAFT_BYTES ? undefined : text.length > MAX_DRAFT_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
    const over = bytes !== undefined && bytes > MAX_DRAFT_BYTES ? bytes : undefined;
    sizes.set(doc.uri, { version: doc.version, bytes: over });
    if (over !== undefined && known?.bytes === undefined) connection.console.warn(`TIP Lens: ${tooLargeMessage(doc.uri, over)}`);
    return over;
  }

  function tooLargeMessage(uri: string, bytes: number): string {
    return `${uri} is ${(bytes / 1048576).toFixed(1)} MB (${bytes.toLocaleString('en-US')} bytes), over TIP Lens's limit of ${MAX_DRAFT_BYTES / 1048576} MB: it is not checked (no diagnostics, hover, completion or fixes) until it is smaller`;
  }

  /** Open documents the engine may read: every one within the size limit. */
  const usableDocuments = () => documents.all().filter((d) => oversize(d) === undefined);

  /** A document's diagnostics: the engine's, or for one over the size limit a single warning that says so. */
  function diagnosticsOf(doc: TextDocument, token: Parameters<TipLensService['diagnostics']>[1]): Diagnostic[] {
    const over = oversize(doc);
    if (over === undefined) return svc().diagnostics(doc, token);
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: 'tip-lens', code: 'document.too-large', message: tooLargeMessage(doc.uri, over) }];
  }

  // ---------------------------------------------------------------- helpers

  /** Wraps a handler: cancellation -> RequestCancelled, bad params -> InvalidParams, anything else -> logged InternalError. The server keeps serving. */
  function handle<P, R>(name: string, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
    // vscode-jsonrpc spreads positional params (an array) into the arguments, so the token is not the second argument then.
    const handler = async (...args: unknown[]): Promise<R | ResponseError<never>> => {
      const token: CancellationToken = (args.find((a) => Token.is(a)) as CancellationToken | undefined) ?? Token.None;
      const params = args[0] as P;
      pauseWarming();
      try {
        if (shutDown) return new ResponseError(ErrorCodes.InvalidRequest, `${name}: the server is shutting down (shutdown was received); only exit is accepted`);
        if (!Token.is(args[1])) throw new BadParams('expected the parameters as one object (by name), not a list');
        if (!settingsRead && initializedAt > 0) await settingsReady;
        if (token.isCancellationRequested) throw new CancelledError();
        return await fn(params, token);
      } catch (e) {
        if (e instanceof CancelledError || token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
        if (e instanceof BadParams) {
          connection.console.warn(`TIP Lens: ${name}: ${e.message}`);
          return new ResponseError(ErrorCodes.InvalidParams, `${name}: ${e.message}`);
        }
        logError(`TIP Lens: ${name} failed: ${describe(e)}`);
        return new ResponseError(ErrorCodes.InternalError, `TIP Lens: ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    return handler as (params: P, token: CancellationToken) => Promise<R | ResponseError<never>>;
  }

  /** The open document the params name; undefined for a URI the client never opened or one over the size limit. */
  function docOf(params: unknown): TextDocument | undefined {
    const doc = anyDocOf(params);
    return doc && oversize(doc) === undefined ? doc : undefined;
  }

  function anyDocOf(params: unknown): TextDocument | undefined {
    const uri = isObject(params) && isObject(params.textDocument) ? params.textDocument.uri : undefined;
    if (typeof uri !== 'string') throw new BadParams('expected textDocument.uri (a string)');
    return documents.get(uri);
  }

  function queryOf(params: unknown, name: string, required: boolean): string {
    const query = isObject(params) ? params.query : undefined;
    if (typeof query !== 'string') {
      if (required) throw new BadParams(name);
      return '';
    }
    if (query.length > MAX_QUERY_CHARS) throw new BadParams(`the query is ${query.length} characters; the limit is ${MAX_QUERY_CHARS}`);
    return query;
  }

  function positionOf(params: unknown): Position {
    const p = isObject(params) ? params.position : undefined;
    if (!isObject(p) || !isCount(p.line) || !isCount(p.character)) throw new BadParams('expected position {line, character} with non-negative integers');
    return { line: p.line, character: p.character };
  }

  function rangeOf(params: unknown): Range {
    const r = isObject(params) ? params.range : undefined;
    if (!isObject(r)) throw new BadParams('expected range {start, end}');
    return { start: positionOf({ position: r.start }), end: positionOf({ position: r.end }) };
  }

  // -------------------------------------------------------------- lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities ?? {};
    pull = !!caps.textDocument?.diagnostic;
    const io: unknown = params.initializationOptions;
    initRaw = isObject(io) && isObject(io.tipLens) ? io.tipLens : io;
    statusHandledByClient = isObject(io) && io.statusNotification === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder?.startsWith('file:')) base = fileURLToPath(folder);
    else if (params.rootPath) base = params.rootPath;
    const result = validateSettings(isObject(initRaw) ? initRaw : undefined);
    settings = result.settings;
    settingsProblems = result.problems;
    initializedAt = performance.now();
    // Without workspace/configuration the settings are the initialization options, known now; with it, wait for them (at most 2 s).
    if (caps.workspace?.configuration) setTimeout(markSettingsRead, 2000).unref();
    else markSettingsRead();
    return {
      capabilities: {
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
      },
      serverInfo: { name: 'tip-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    log(`TIP Lens: initialize answered ${initializedAt.toFixed(0)} ms after the process started`);
    svc();
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tipLens' }).then(undefined, () => undefined);
    }
    if (caps.workspace?.configuration) {
      try {
        applySettings(await readConfiguration());
      } finally {
        markSettingsRead();
      }
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    try {
      const pushed = isObject(change?.settings) ? change.settings.tipLens : undefined;
      const raw = caps.workspace?.configuration ? await readConfiguration() : isObject(pushed) ? { ...(isObject(initRaw) ? initRaw : {}), ...pushed } : initRaw;
      applySettings(raw);
    } catch (e) {
      logError(`TIP Lens: reading settings failed: ${describe(e)}`);
    }
  });

  connection.onShutdown(() => {
    // A second shutdown is a request after shutdown too.
    if (shutDown) return new ResponseError(ErrorCodes.InvalidRequest, 'shutdown: the server is already shutting down; only exit is accepted') as unknown as void;
    shutDown = true;
    warmUp?.cancel();
    clearTimeout(warmResume);
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  // didOpen fires both events: the open is checked at once, later changes are debounced.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => {
    pauseWarming();
    justOpened.add(e.document.uri);
    schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    pauseWarming();
    if (!justOpened.delete(e.document.uri)) schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    sizes.delete(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // --------------------------------------------------------------- features

  connection.languages.diagnostics.on(
    handle('textDocument/diagnostic', (params, token) => {
      const doc = anyDocOf(params);
      if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      svc();
      const id = resultId(doc);
      if (params.previousResultId === id) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: id };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items: diagnosticsOf(doc, token) };
    }),
  );

  connection.languages.diagnostics.onWorkspace(
    handle('workspace/diagnostic', (params, token) => {
      const ids: unknown = isObject(params) ? params.previousResultIds : undefined;
      if (ids !== undefined && ids !== null && !(Array.isArray(ids) && ids.every((p) => isObject(p) && typeof p.uri === 'string' && typeof p.value === 'string'))) {
        throw new BadParams('expected previousResultIds: a list of {uri, value} (strings)');
      }
      svc();
      const previous = new Map(((ids ?? []) as { uri: string; value: string }[]).map((p) => [p.uri, p.value]));
      const items: WorkspaceDocumentDiagnosticReport[] = documents.all().map((doc) => {
        const id = resultId(doc);
        if (previous.get(doc.uri) === id) return { kind: DocumentDiagnosticReportKind.Unchanged, uri: doc.uri, version: doc.version, resultId: id };
        return { kind: DocumentDiagnosticReportKind.Full, uri: doc.uri, version: doc.version, resultId: id, items: diagnosticsOf(doc, token) };
      });
      return { items };
    }),
  );

  connection.onHover(
    handle('textDocument/hover', (params, token) => {
      const doc = docOf(params);
      return doc ? svc().hover(doc, positionOf(params), token) : null;
    }),
  );

  connection.onCompletion(
    handle('textDocument/completion', (params, token) => {
      const doc = docOf(params);
      return doc ? svc().completion(doc, positionOf(params), token) : null;
    }),
  );

  connection.onCompletionResolve(
    handle('completionItem/resolve', (item: Parameters<TipLensService['resolveCompletion']>[0], token) => (isObject(item) ? svc().resolveCompletion(item, token) : item)),
  );

  connection.onCodeAction(
    handle('textDocument/codeAction', (params, token) => {
      const doc = docOf(params);
      const only = Array.isArray(params?.context?.only) ? params.context.only : undefined;
      return doc ? svc().codeActions(doc, rangeOf(params), only, token) : null;
    }),
  );

  connection.onDefinition(
    handle('textDocument/definition', (params, token) => {
      const doc = docOf(params);
      return doc ? svc().definition(doc, positionOf(params), token) : null;
    }),
  );

  connection.onReferences(
    handle('textDocument/references', (params, token) => {
      const doc = docOf(params);
      return doc ? svc().references(doc, positionOf(params), usableDocuments(), params?.context?.includeDeclaration === true, token) : null;
    }),
  );

  connection.onDocumentLinks(
    handle('textDocument/documentLink', (params, token) => {
      const doc = docOf(params);
      return doc ? svc().documentLinks(doc, token) : null;
    }),
  );

  connection.onCodeLens(
    handle('textDocument/codeLens', (params, token) => {
      const doc = docOf(params);
      return doc ? svc().codeLenses(doc, token) : null;
    }),
  );

  connection.onWorkspaceSymbol(
    handle('workspace/symbol', (params, token) => {
      const query = queryOf(params, 'expected {query: string}', false);
      const s = svc();
      const prefer = settings.defaultReport || usableDocuments().map((d) => s.analyze(d, token).defaultReport).find((r) => r !== undefined);
      return s.workspaceSymbols(query, token, prefer);
    }),
  );

  // ---------------------------------------------------------- custom requests

  connection.onRequest(
    ReportTextRequest,
    handle(ReportTextRequest.method, (params: ReportTextParams) => {
      if (!isObject(params) || typeof params.uri !== 'string') throw new BadParams('expected {uri: "tip-lens:/KHM-2023.txt"}');
      return svc().reportText(params.uri);
    }),
  );

  connection.onRequest(
    CoverageRequest,
    handle(CoverageRequest.method, (params: CoverageParams, token) => {
      if (!isObject(params) || typeof params.uri !== 'string') throw new BadParams('expected {uri}');
      const doc = documents.get(params.uri);
      return doc && oversize(doc) === undefined ? svc().coverage(doc, token) : null;
    }),
  );

  connection.onRequest(
    SearchItemsRequest,
    handle(SearchItemsRequest.method, (params: SearchItemsParams, token) => {
      const query = queryOf(params, 'expected {query: string, uri?, limit?}', true);
      const found = isObject(params) && typeof params.uri === 'string' ? documents.get(params.uri) : undefined;
      const doc = found && oversize(found) === undefined ? found : undefined;
      const limit = typeof params.limit === 'number' && params.limit > 0 ? Math.min(Math.floor(params.limit), 500) : undefined;
      return svc().searchItems(query, doc, limit, token);
    }),
  );

  connection.onRequest(
    CiteSentenceRequest,
    handle(CiteSentenceRequest.method, (params: CiteSentenceParams, token) => {
      if (!isObject(params) || typeof params.uri !== 'string') throw new BadParams('expected {uri, position}');
      const doc = docOf({ textDocument: { uri: params.uri } });
      const s = svc();
      return doc && s.settings.enable ? engine().provideCiteSentence(doc, s.analyze(doc, token), s.kb, positionOf(params), token) : null;
    }),
  );

  connection.onRequest(
    CheckDocumentRequest,
    handle(CheckDocumentRequest.method, (params: CheckDocumentParams, token) => {
      if (!isObject(params) || typeof params.uri !== 'string' || typeof params.text !== 'string') throw new BadParams('expected {uri: string, text: string, languageId?}');
      if (params.text.length > MAX_CHECK_CHARS) throw new BadParams(`text of ${params.uri} is over 10 MB; not checked`);
      const languageId = typeof params.languageId === 'string' ? params.languageId : /\.txt$/i.test(params.uri) ? 'plaintext' : 'markdown';
      // A fresh document each time (version -1), so the check never reuses an open document's analysis by mistake.
      return svc().diagnostics(TextDocument.create(params.uri, languageId, -1, params.text), token);
    }),
  );

  // TIP Lens: Import Report… (the importer loads on the first import).
  connection.onRequest(ImportReportRequest, handle(ImportReportRequest.method, (params: ImportReportParams) => importReportRequest(params)));

  documents.listen(connection);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

const EMPTY: Buffer = Buffer.alloc(0);
/** Header bytes kept while no blank line ends the header (garbage without a header is dropped beyond this). */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_LINE = /content-length:[ \t]*(\d+)[ \t]*$/i;
/** A raw "Content-Length: N" line: it cannot occur inside a JSON body (raw CR/LF are invalid in JSON strings, letters outside them). */
const RAW_HEADER = /Content-Length:[ \t]*\d+\r\n/gi;

/**
 * The base protocol's framing, made to recover from a wrong Content-Length: stdin passes through this
 * before vscode-jsonrpc's reader, which on its own waits forever for bytes that never come (a length too
 * large) or reads the next message as the rest of a body (too small), leaving the server deaf but alive.
 * Here a frame whose body holds a raw Content-Length header is cut there and reading starts again at
 * that header; a header block without a usable Content-Length is dropped, and garbage before a
 * Content-Length line is skipped. Each repair is logged. Well-formed frames pass through unchanged.
 * What is lost is the broken message itself (its id is unknown, so it gets no answer).
 */
export function resyncFrames(warn: (message: string) => void): Transform {
  let head: Buffer = EMPTY; // header bytes not yet ended by a blank line
  let want = -1; // body length of the current frame; -1 while reading a header
  let body: Buffer[] = [];
  let bodyLen = 0;
  let tail: Buffer = EMPTY; // last bytes of the body so far, so a header split across chunks is seen
  const rawHeaderAt = (buf: Buffer): number => {
    const text = buf.toString('latin1');
    RAW_HEADER.lastIndex = 0;
    const m = RAW_HEADER.exec(text);
    return m ? m.index : -1;
  };
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      let data: Buffer = chunk;
      while (data.length > 0) {
        if (want < 0) {
          head = head.length ? Buffer.concat([head, data]) : data;
          data = EMPTY;
          const end = head.indexOf('\r\n\r\n');
          if (end < 0) {
            if (head.length > MAX_HEADER_BYTES) {
              warn(`TIP Lens: dropped ${head.length - 64} bytes of input with no message header`);
              head = head.subarray(head.length - 64);
            }
            break;
          }
          const lines = head.subarray(0, end).toString('latin1').split('\r\n');
          data = head.subarray(end + 4);
          head = EMPTY;
          let length = -1;
          let garbage = false;
          for (const line of lines) {
            const m = HEADER_LINE.exec(line);
            if (m) {
              length = Number(m[1]);
              garbage ||= !/^content-length:/i.test(line);
            } else if (!/^[\w-]+:/.test(line)) garbage = true;
          }
          if (length < 0 || !Number.isSafeInteger(length)) {
            warn(`TIP Lens: dropped a message header without a valid Content-Length: ${JSON.stringify(lines.join('\r\n').slice(0, 200))}`);
            continue;
          }
          if (garbage) warn('TIP Lens: skipped bytes before a message header (the message before had a wrong Content-Length?)');
          want = length;
          body = [];
          bodyLen = 0;
          tail = EMPTY;
          if (want === 0) {
            this.push(Buffer.from('Content-Length: 0\r\n\r\n'));
            want = -1;
          }
        } else {
          const piece = data.subarray(0, want - bodyLen);
          data = data.subarray(piece.length);
          const scan = tail.length ? Buffer.concat([tail, piece]) : piece;
          const at = rawHeaderAt(scan);
          if (at >= 0) {
            warn(`TIP Lens: dropped a message whose Content-Length (${want}) runs into the next message's header; reading again from that header`);
            data = Buffer.concat([scan.subarray(at), data]);
            want = -1;
            body = [];
            bodyLen = 0;
            tail = EMPTY;
            continue;
          }
          body.push(piece);
          bodyLen += piece.length;
          tail = scan.subarray(Math.max(0, scan.length - 40));
          if (bodyLen === want) {
            this.push(Buffer.from(`Content-Length: ${want}\r\n\r\n`, 'ascii'));
            for (const b of body) this.push(b);
            want = -1;
            body = [];
            bodyLen = 0;
            tail = EMPTY;
          }
        }
      }
      done();
    },
  });
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

