/**
 * A minimal LSP client for the integration tests: spawns the built server
 * (dist/server.js) as a real process and talks to it over stdio or Node IPC with
 * vscode-languageserver-protocol's client side. Answers the server's own
 * requests (workspace/configuration, client/registerCapability, refreshes) and
 * records its notifications so tests can wait for them (no sleeps).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface Notification {
  method: string;
  params: unknown;
}

export interface StartOptions {
  transport?: 'stdio' | 'ipc';
  /** Returned for workspace/configuration section tipLens (null: the client has no such settings). */
  settings?: unknown;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  workspaceFolder?: string;
}

/** Capabilities of a client that pulls diagnostics (VS Code-like). */
export const PULL_CAPS: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    synchronization: { didSave: false },
  },
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true }, codeLens: { refreshSupport: true }, workspaceFolders: true },
};

/** Capabilities of a client that only takes pushed diagnostics (Neovim 0.7-like). */
export const PUSH_CAPS: ClientCapabilities = {
  textDocument: { publishDiagnostics: { relatedInformation: true }, hover: { contentFormat: ['markdown', 'plaintext'] } },
  workspace: { configuration: true },
};

export class TestClient {
  readonly notifications: Notification[] = [];
  readonly serverRequests: Notification[] = [];
  stderr = '';
  settings: unknown;
  exitCode: number | null | undefined;
  private readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();

  constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    settings: unknown,
  ) {
    this.settings = settings;
    proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve((this.exitCode = code))));
    // Every notification from the server (none has a handler of its own here).
    conn.onUnhandledNotification((m) => {
      this.notifications.push({ method: m.method, params: m.params });
      this.wake();
    });
    const answer = (method: string, reply: (params: unknown) => unknown) =>
      conn.onRequest(method, (params: unknown) => {
        this.serverRequests.push({ method, params });
        this.wake();
        return reply(params);
      });
    answer('workspace/configuration', (params) => (params as { items: { section?: string }[] }).items.map((i) => (i.section === 'tipLens' ? this.settings : null)));
    for (const m of ['client/registerCapability', 'client/unregisterCapability', 'workspace/diagnostic/refresh', 'workspace/codeLens/refresh', 'window/showMessageRequest', 'window/workDoneProgress/create']) answer(m, () => null);
    conn.listen();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves with the first value `probe` returns that is not undefined, re-checking on every message from the server. */
  async waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  notificationsOf<T>(method: string): T[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params as T);
  }

  open(uri: string, text: string, languageId = 'markdown'): void {
    this.versions.set(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** An incremental change: replaces `range` with `text`. Returns the new version. */
  change(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** shutdown + exit; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.exitCode === undefined) {
      try {
        await this.conn.sendRequest('shutdown');
        void this.conn.sendNotification('exit');
      } catch {
        this.proc.kill();
      }
    }
    const timer = setTimeout(() => this.proc.kill(), 5000);
    const code = await this.exited;
    clearTimeout(timer);
    this.conn.dispose();
    return code;
  }

  kill(): void {
    if (this.exitCode === undefined) this.proc.kill();
  }
}

/** Spawns the built server and runs initialize/initialized. */
export async function startServer(options: StartOptions = {}): Promise<{ client: TestClient; init: InitializeResult; initMs: number }> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
  const transport = options.transport ?? 'stdio';
  let proc: ChildProcess;
  let conn: ProtocolConnection;
  const t0 = performance.now();
  if (transport === 'ipc') {
    proc = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
  } else {
    proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  }
  const client = new TestClient(proc, conn, options.settings ?? null);
  const folder = options.workspaceFolder ?? ROOT;
  const init = (await conn.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'tip-lens-integration-test' },
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }],
    capabilities: options.capabilities ?? PULL_CAPS,
    initializationOptions: options.initializationOptions,
  })) as InitializeResult;
  const initMs = performance.now() - t0;
  void conn.sendNotification('initialized', {});
  return { client, init, initMs };
}

export const pos = (line: number, character: number) => ({ line, character });

/** The position of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in the text`);
  const before = text.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
