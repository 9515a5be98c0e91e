/** Drives the real language server (dist/server.js) over stdio with vscode-jsonrpc, every request bounded by a timeout. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export class RequestTimeout extends Error {}

export interface Session {
  child: ChildProcess;
  conn: MessageConnection;
  stderr: () => string;
  /** window/showMessage, window/logMessage and tipLens/status notifications received. */
  messages: { method: string; params: unknown }[];
  pushed: Map<string, unknown[]>;
  request<R = unknown>(method: string, params: unknown, opts?: { timeoutMs?: number; cancelAfterMs?: number }): Promise<R>;
  notify(method: string, params: unknown): Promise<void>;
  alive(): boolean;
  close(): Promise<number | null>;
}

export interface StartOptions {
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
  /** Answer of workspace/configuration for section tipLens (turns the client capability on). */
  configuration?: unknown;
  pull?: boolean;
  rootPath?: string;
  timeoutMs?: number;
}

export async function startServer(opts: StartOptions = {}): Promise<Session> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), SERVER, '--stdio'], { cwd: opts.rootPath ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const messages: Session['messages'] = [];
  const pushed = new Map<string, unknown[]>();
  conn.onNotification((method, params) => {
    messages.push({ method, params });
    if (method === 'textDocument/publishDiagnostics') {
      const p = params as { uri: string; diagnostics: unknown[] };
      pushed.set(p.uri, p.diagnostics);
    }
  });
  conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'tipLens' ? (opts.configuration ?? null) : null)));
  conn.onRequest(() => null); // registerCapability, refresh requests
  conn.onError(() => undefined);
  conn.listen();
  const defaultTimeout = opts.timeoutMs ?? 15000;
  const request = async <R>(method: string, params: unknown, o: { timeoutMs?: number; cancelAfterMs?: number } = {}): Promise<R> => {
    const cts = new CancellationTokenSource();
    let timer: NodeJS.Timeout | undefined;
    let cancelTimer: NodeJS.Timeout | undefined;
    if (o.cancelAfterMs !== undefined) cancelTimer = setTimeout(() => cts.cancel(), o.cancelAfterMs);
    const timeoutMs = o.timeoutMs ?? defaultTimeout;
    try {
      return await Promise.race([
        conn.sendRequest(method, params, cts.token) as Promise<R>,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RequestTimeout(`${method} got no answer within ${timeoutMs} ms (params ${JSON.stringify(params)?.slice(0, 200)})`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      clearTimeout(cancelTimer);
      cts.dispose();
    }
  };
  const session: Session = {
    child,
    conn,
    stderr: () => err,
    messages,
    pushed,
    request,
    notify: (method, params) => conn.sendNotification(method, params),
    alive: () => !exited && child.exitCode === null,
    async close() {
      if (!exited) {
        try {
          await request('shutdown', null, { timeoutMs: 5000 });
          await conn.sendNotification('exit');
        } catch {
          /* dead already */
        }
      }
      const code = await new Promise<number | null>((resolve) => {
        if (exited) return resolve(child.exitCode);
        const t = setTimeout(() => {
          child.kill('SIGKILL');
        }, 5000);
        child.on('exit', (c) => {
          clearTimeout(t);
          resolve(c);
        });
      });
      conn.dispose();
      return code;
    },
  };
  const rootUri = 'file://' + (opts.rootPath ?? ROOT);
  await request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'ws' }],
    initializationOptions: opts.initializationOptions,
    capabilities: {
      textDocument: opts.pull ? { diagnostic: { dynamicRegistration: false } } : { publishDiagnostics: {} },
      workspace: opts.configuration !== undefined ? { configuration: true } : {},
    },
  });
  await conn.sendNotification('initialized', {});
  return session;
}

/** Seeded PRNG (mulberry32): the same seed gives the same operation sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
