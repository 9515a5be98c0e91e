/**
 * The language server's state, in one owner: the client's capabilities, the settings, the knowledge base and
 * its service, one generation counter for diagnostic result ids, the open documents' debounce timers and size
 * checks, and the warm-up of user narratives. Handlers (lsp/*.ts) only ask it.
 */
import { fileURLToPath } from 'node:url';
import {
  CodeLensRefreshRequest,
  DiagnosticSeverity,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  CancellationToken as Token,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { KnowledgeBase } from '../model/kb';
import { MAX_DRAFT_BYTES, MAX_LOGGED_PROBLEMS, problemSummary, type StatusParams } from '../protocol';
import { StatusNotification } from '../requests';
import type { TipLensService } from '../service/index';
import { defaultSettings, validateSettings, type TipLensSettings } from '../service/settings';
import { CancelledError, NEVER_CANCELLED } from '../service/types';
import { BadParams, describe, isObject, uriOf } from './params';

export interface ServerDeps {
  /** Loads the knowledge base (bundled reports plus the paths in settings), relative to the workspace folder. */
  loadKnowledgeBase(paths: readonly string[], base: string): KnowledgeBase;
  /** Debounce of pushed diagnostics per document, in ms (default 150). */
  pushDelay?: number;
}

/*
 * The engine, the report ingest and their libraries (yaml, fuse.js) load on first
 * use, after the initialize result is sent: a fast start for every editor.
 */
export const engine = () => require('../service/index') as typeof import('../service/index');
const reportsFromDisk = () => require('../node/loadReports') as typeof import('../node/loadReports');
const warmUpModule = () => require('../node/warmUp') as typeof import('../node/warmUp');
const bibliographyFiles = () => require('../node/bibliographyFiles') as typeof import('../node/bibliographyFiles');
/** Quiet time after the last request before the warm-up goes on, in ms. */
const WARM_RESUME_MS = 300;

export const defaultDeps: ServerDeps = { loadKnowledgeBase: (paths, base) => reportsFromDisk().loadKnowledgeBase(paths, base) };

export class Session {
  // Neovim and Helix call plain text "text"; the engine knows it as "plaintext".
  // A didOpen without a string text (a client bug) must not leave a document whose getText() is undefined:
  // every later request on it, and every workspace-wide one, would fail with InternalError.
  /**
   * Which opening of its URI a document is (TextDocument.update keeps the object): part of its diagnostic
   * result ids, so a document closed and opened again at the same URI and version (untitled:Untitled-1,
   * reused) is never answered "unchanged" with the closed one's diagnostics.
   */
  readonly #openings = new WeakMap<TextDocument, number>();
  #nextOpening = 0;
  readonly documents = new TextDocuments({
    create: (uri: string, languageId: string, version: number, content: string) => {
      const doc = TextDocument.create(uri, languageId === 'text' ? 'plaintext' : typeof languageId === 'string' ? languageId : 'markdown', typeof version === 'number' ? version : 0, typeof content === 'string' ? content : '');
      this.#openings.set(doc, ++this.#nextOpening);
      return doc;
    },
    update: TextDocument.update,
  });
  caps: ClientCapabilities = {};
  /** Pull diagnostics (the client asks) rather than push. */
  pull = false;
  settings: TipLensSettings = defaultSettings();
  /** Bumped whenever settings or reports change: part of every diagnostic result id. */
  generation = 0;
  initializedAt = 0;
  /** Set by shutdown: every later request is answered with InvalidRequest (LSP: only exit may follow). */
  shutDown = false;
  /** Documents opened whose first change event (didOpen fires both) is not to be debounced. */
  readonly justOpened = new Set<string>();
  #base = process.cwd();
  #initRaw: unknown;
  #settingsProblems: string[] = [];
  #service: TipLensService | undefined;
  #loadedReports: string | undefined;
  #statusHandledByClient = false;
  /** Settles once the client's settings are read after initialized (or 2 s later), so no result uses settings about to change. */
  #settingsRead = false;
  #markSettingsRead: () => void = () => undefined;
  readonly #settingsReady = new Promise<void>((resolve) => {
    this.#markSettingsRead = () => {
      this.#settingsRead = true;
      resolve();
    };
  });
  readonly #shown = new Set<string>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** User narratives being ingested ahead of use (see node/warmUp.ts): paused by every request, resumed when they stop. */
  #warmUp: import('../node/warmUp').WarmUp | undefined;
  #warmResume: NodeJS.Timeout | undefined;
  /** Open documents over MAX_DRAFT_BYTES, by URI: the version measured and its size in bytes (undefined: within the limit). */
  readonly #sizes = new Map<string, { version: number; bytes: number | undefined }>();
  readonly #pushDelay: number;

  constructor(
    readonly connection: Connection,
    private readonly deps: ServerDeps,
  ) {
    this.#pushDelay = deps.pushDelay ?? 150;
  }

  log(m: string): void {
    this.connection.console.log(m);
  }

  logError(m: string): void {
    this.connection.console.error(m);
  }

  // ---------------------------------------------------------------- lifecycle

  /** What initialize tells: capabilities, settings from the initialization options, the workspace folder. */
  initialize(params: InitializeParams): void {
    this.caps = params.capabilities ?? {};
    this.pull = !!this.caps.textDocument?.diagnostic;
    const io: unknown = params.initializationOptions;
    this.#initRaw = isObject(io) && isObject(io.tipLens) ? io.tipLens : io;
    this.#statusHandledByClient = isObject(io) && io.statusNotification === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder?.startsWith('file:')) this.#base = fileURLToPath(folder);
    else if (params.rootPath) this.#base = params.rootPath;
    const result = validateSettings(isObject(this.#initRaw) ? this.#initRaw : undefined);
    this.settings = result.settings;
    this.#settingsProblems = result.problems;
    this.initializedAt = performance.now();
    // Without workspace/configuration the settings are the initialization options, known now; with it, wait for them (at most 2 s).
    if (this.caps.workspace?.configuration) setTimeout(this.#markSettingsRead, 2000).unref();
    else this.#markSettingsRead();
  }

  /** After initialized: the client's settings read (when it offers workspace/configuration), then the wait for them ends. */
  async readClientSettings(): Promise<void> {
    if (!this.caps.workspace?.configuration) return;
    try {
      this.applySettings(await this.#readConfiguration());
    } finally {
      this.#markSettingsRead();
    }
  }

  /** didChangeConfiguration: the settings read again (from the client, or as pushed). */
  async settingsChanged(change: unknown): Promise<void> {
    const pushed = isObject(change) && isObject(change.settings) ? change.settings.tipLens : undefined;
    const init = isObject(this.#initRaw) ? this.#initRaw : {};
    const raw = this.caps.workspace?.configuration ? await this.#readConfiguration() : isObject(pushed) ? { ...init, ...pushed } : this.#initRaw;
    this.applySettings(raw);
  }

  shutdown(): void {
    this.shutDown = true;
    this.#warmUp?.cancel();
    clearTimeout(this.#warmResume);
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }

  applySettings(raw: unknown): void {
    const before = JSON.stringify([this.settings, this.#settingsProblems]);
    const result = validateSettings(raw);
    this.settings = result.settings;
    this.#settingsProblems = result.problems;
    const reload = this.#service !== undefined && this.#loadedReports !== this.settings.reports.join('\0');
    this.svc();
    if (!reload) this.#reportStatus();
    // (The same settings again — the client's answer at start-up, most often — change no diagnostic: no second pull.)
    if (reload || JSON.stringify([this.settings, this.#settingsProblems]) !== before) this.refreshDiagnostics();
  }

  async #readConfiguration(): Promise<unknown> {
    const fromInit = isObject(this.#initRaw) ? this.#initRaw : {};
    if (!this.caps.workspace?.configuration) return fromInit;
    try {
      const fromClient: unknown = await this.connection.workspace.getConfiguration({ section: 'tipLens' });
      return isObject(fromClient) ? { ...fromInit, ...fromClient } : fromInit;
    } catch (e) {
      this.logError(`TIP Lens: workspace/configuration failed: ${String(e)}`);
      return fromInit;
    }
  }

  // ---------------------------------------------------------------- engine

  /** The service for the current settings: the knowledge base (re)loaded when the report paths changed. */
  svc(): TipLensService {
    const settings = this.settings;
    if (!this.#service || this.#loadedReports !== settings.reports.join('\0')) {
      const t = performance.now();
      const kb = this.deps.loadKnowledgeBase(settings.reports, this.#base);
      this.#service = engine().createTipLensService({ kb, settings, bibliography: this.#draftBibliographies() });
      this.#loadedReports = settings.reports.join('\0');
      this.generation++;
      const ready = kb.all().filter((r) => r.sentenceTerms !== undefined).length;
      this.log(`TIP Lens: loaded ${kb.reports.size} report(s) in ${(performance.now() - t).toFixed(0)} ms${ready ? ` (${ready} ingested at build time)` : ''}: ${kb.all().map((r) => r.id).slice(0, 20).join(', ')}${kb.reports.size > 20 ? ', …' : ''}`);
      this.#reportStatus();
      this.#startWarming(kb);
    } else if (this.#service.settings !== settings) {
      this.#service.settings = settings;
      this.generation++;
    }
    return this.#service;
  }

  /** Tells the user once (log and message) about a problem, by its text. */
  warnOnce(message: string): void {
    if (this.#shown.has(message)) return;
    this.#shown.add(message);
    this.connection.console.warn(`TIP Lens: ${message}`);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `TIP Lens: ${message}` });
  }

  /** Reads the bibliography files drafts name; a problem with one is logged once (and shown once) naming the draft and the file. */
  #draftBibliographies(): import('../service/draftBibliography').BibliographyLoader {
    return bibliographyFiles().createBibliographyLoader({
      base: this.#base,
      onProblem: (p) => this.warnOnce(`${p.draft}: bibliography ${p.file}: ${p.message}; its keys are not known to TIP Lens`),
    });
  }

  /** Ingests the user narratives the open drafts name and each country's newest, off the request path (after this turn of the event loop). */
  #startWarming(kb: KnowledgeBase): void {
    this.#warmUp?.cancel();
    const w = warmUpModule();
    const order = w.warmUpOrder(kb, this.documents.all().map((d) => d.getText().slice(0, 1 << 20)));
    if (order.length === 0) return;
    this.#warmUp = w.startWarmUp(order, (n, ms) => this.log(`TIP Lens: warmed ${n} report(s) in ${ms.toFixed(0)} ms of idle time`));
  }

  /**
   * A request or an edit came in: the warm-up waits WARM_RESUME_MS from the first of them, not from the last
   * (a client that polls more often than that, or types faster, would hold it off for good).
   */
  pauseWarming(): void {
    const warmUp = this.#warmUp;
    if (!warmUp || warmUp.done) return;
    warmUp.pause();
    if (this.#warmResume) return;
    this.#warmResume = setTimeout(() => {
      this.#warmResume = undefined;
      this.#warmUp?.resume();
    }, WARM_RESUME_MS);
    this.#warmResume.unref?.();
  }

  /**
   * Loaded reports and problems: all of them in tipLens/status; the ones not reported before in one log
   * message (the first MAX_LOGGED_PROBLEMS listed) and, for clients that do not show tipLens/status, one
   * window/showMessage summing them up.
   */
  #reportStatus(): void {
    const service = this.#service;
    if (!service) return;
    const problems = [...this.#settingsProblems.map((message) => ({ file: '', message })), ...service.kb.problems];
    const status: StatusParams = { reports: service.kb.all().map((r) => r.id), problems };
    void this.connection.sendNotification(StatusNotification, status).catch(() => undefined);
    const fresh: string[] = [];
    for (const p of problems) {
      const message = p.file ? `${p.file}: ${p.message}` : p.message;
      if (this.#shown.has(message)) continue;
      this.#shown.add(message);
      fresh.push(message);
    }
    if (fresh.length === 0) return;
    const more = fresh.length - MAX_LOGGED_PROBLEMS;
    this.connection.console.warn(
      `TIP Lens: ${fresh.length} problem${fresh.length === 1 ? '' : 's'} loading reports or settings:\n` +
        fresh.slice(0, MAX_LOGGED_PROBLEMS).map((m) => `  ${m}`).join('\n') +
        (more > 0 ? `\n  … and ${more} more (all of them in tipLens/status)` : ''),
    );
    if (!this.#statusHandledByClient) void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: problemSummary(fresh) });
  }

  // ------------------------------------------------------------ diagnostics

  refreshDiagnostics(): void {
    const ws = this.caps.workspace;
    if (this.pull) {
      if (ws?.diagnostics?.refreshSupport) this.connection.languages.diagnostics.refresh();
    } else {
      for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
    }
    if (ws?.codeLens?.refreshSupport) void this.connection.sendRequest(CodeLensRefreshRequest.type).then(undefined, () => undefined);
  }

  /** Pushes a document's diagnostics after `delay` ms of quiet (push mode only). */
  schedule(uri: string, delay = this.#pushDelay): void {
    if (this.pull) return;
    clearTimeout(this.#timers.get(uri));
    this.#timers.set(uri, setTimeout(() => void this.#push(uri), delay));
  }

  /** A closed document: its timer and size check dropped, its diagnostics cleared (push mode). */
  closed(uri: string): void {
    clearTimeout(this.#timers.get(uri));
    this.#timers.delete(uri);
    this.#sizes.delete(uri);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  async #push(uri: string): Promise<void> {
    this.#timers.delete(uri);
    if (!this.#settingsRead) await this.#settingsReady;
    const doc = this.documents.get(uri);
    if (!doc) return;
    try {
      void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: this.diagnosticsOf(doc, NEVER_CANCELLED) });
    } catch (e) {
      this.logError(`TIP Lens: diagnostics for ${uri} failed: ${describe(e)}`);
    }
  }

  resultId(doc: TextDocument): string {
    return `${this.generation}:${this.#openings.get(doc) ?? 0}:${doc.version}`;
  }

  /** A document's diagnostics: the engine's, or for one over the size limit a single warning that says so. */
  diagnosticsOf(doc: TextDocument, token: Parameters<TipLensService['diagnostics']>[1]): Diagnostic[] {
    const over = this.#oversize(doc);
    if (over === undefined) return this.svc().diagnostics(doc, token);
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: 'tip-lens', code: 'document.too-large', message: tooLargeMessage(doc.uri, over) }];
  }

  // ------------------------------------------------------------- documents

  /** The UTF-8 size of an open document over the limit, or undefined. Linear in the text, once per version. */
  #oversize(doc: TextDocument): number | undefined {
    const known = this.#sizes.get(doc.uri);
    if (known?.version === doc.version) return known.bytes;
    const text = doc.getText();
    const bytes = text.length * 3 <= MAX_DRAFT_BYTES ? undefined : text.length > MAX_DRAFT_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
    const over = bytes !== undefined && bytes > MAX_DRAFT_BYTES ? bytes : undefined;
    this.#sizes.set(doc.uri, { version: doc.version, bytes: over });
    if (over !== undefined && known?.bytes === undefined) this.connection.console.warn(`TIP Lens: ${tooLargeMessage(doc.uri, over)}`);
    return over;
  }

  /** The open document at `uri` if the engine may read it (within the size limit). */
  usable(uri: string): TextDocument | undefined {
    const doc = this.documents.get(uri);
    return doc && this.#oversize(doc) === undefined ? doc : undefined;
  }

  /** Open documents the engine may read: every one within the size limit. */
  usableDocuments(): TextDocument[] {
    return this.documents.all().filter((d) => this.#oversize(d) === undefined);
  }

  /** The open document the params name; undefined for a URI the client never opened or one over the size limit. */
  docOf(params: unknown): TextDocument | undefined {
    return this.usable(uriOf(params));
  }

  /** The open document the params name, whatever its size. */
  anyDocOf(params: unknown): TextDocument | undefined {
    return this.documents.get(uriOf(params));
  }

  // ---------------------------------------------------------------- requests

  /** Wraps a handler: cancellation -> RequestCancelled, bad params -> InvalidParams, anything else -> logged InternalError. The server keeps serving. */
  handle<P, R>(name: string, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
    // vscode-jsonrpc spreads positional params (an array) into the arguments, so the token is not the second argument then.
    const handler = async (...args: unknown[]): Promise<R | ResponseError<never>> => {
      const token: CancellationToken = (args.find((a) => Token.is(a)) as CancellationToken | undefined) ?? Token.None;
      this.pauseWarming();
      try {
        if (this.shutDown) return new ResponseError(ErrorCodes.InvalidRequest, `${name}: the server is shutting down (shutdown was received); only exit is accepted`);
        if (!Token.is(args[1])) throw new BadParams('expected the parameters as one object (by name), not a list');
        if (!this.#settingsRead && this.initializedAt > 0) await this.#settingsReady;
        if (token.isCancellationRequested) throw new CancelledError();
        return await fn(args[0] as P, token);
      } catch (e) {
        return this.#failure(name, e, token);
      }
    };
    return handler as (params: P, token: CancellationToken) => Promise<R | ResponseError<never>>;
  }

  #failure(name: string, e: unknown, token: CancellationToken): ResponseError<never> {
    if (e instanceof CancelledError || token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
    if (e instanceof BadParams) {
      this.connection.console.warn(`TIP Lens: ${name}: ${e.message}`);
      return new ResponseError(ErrorCodes.InvalidParams, `${name}: ${e.message}`);
    }
    this.logError(`TIP Lens: ${name} failed: ${describe(e)}`);
    return new ResponseError(ErrorCodes.InternalError, `TIP Lens: ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function tooLargeMessage(uri: string, bytes: number): string {
  return `${uri} is ${(bytes / 1048576).toFixed(1)} MB (${bytes.toLocaleString('en-US')} bytes), over TIP Lens's limit of ${MAX_DRAFT_BYTES / 1048576} MB: it is not checked (no diagnostics, hover, completion or fixes) until it is smaller`;
}
