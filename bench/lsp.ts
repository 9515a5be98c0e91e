/**
 * Drives the real built language server (`node dist/server.js --stdio`) as a
 * separate process over stdio with vscode-languageserver-protocol's client side,
 * and times what a user feels: start to initialize result, first hover with
 * content, hover and completion latency, edit to fresh diagnostics, and RSS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  CompletionRequest,
  CompletionTriggerKind,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stats, type Stats } from './lib/stats';

export interface LspOptions {
  serverJs: string;
  /** The `tipLens` settings object served through workspace/configuration and initializationOptions. */
  settings: Record<string, unknown>;
  draft: string;
  /** A reference whose hover proves the whole KB is loaded (e.g. one of the generated reports). */
  probeReference: string;
  hovers: number;
  completions: number;
  edits: number;
  /** Give up waiting for a first hover with content after this long. */
  timeoutMs: number;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

export interface LspResult {
  initializeMs: number;
  firstHoverMs: number | null;
  firstHoverAttempts: number;
  hover: Stats;
  hoverNonEmpty: number;
  completion: Stats;
  completionNonEmpty: number;
  completionTopForScam: string | null;
  /** Per probe query: p50 / max latency and the number of items returned (the slow tail's culprits). */
  completionByQuery: { query: string; median: number; max: number; items: number; bytes: number }[];
  editToDiagnostics: Stats;
  diagnosticsMode: 'pull' | 'push' | 'none';
  diagnosticsOnDraft: number;
  rssAfterInitMb: number;
  rssAfterFirstHoverMb: number;
  rssSteadyMb: number;
  peakRssMb: number;
  serverStderrTail: string;
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true }, contextSupport: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, dataSupport: true },
  },
  window: { workDoneProgress: true },
};

/** Hover targets: references, figures, a tier claim, a quote, and plain words (which must be cheap too). */
function hoverPositions(doc: TextDocument, probe: string): Position[] {
  const text = doc.getText();
  const out: Position[] = [];
  const add = (re: RegExp, shift: number, max: number): void => {
    let n = 0;
    for (const m of text.matchAll(re)) {
      if (m.index === undefined || n++ >= max) break;
      out.push(doc.positionAt(m.index + shift));
    }
  };
  add(/\[@KHM-2023\/R\d+/g, 5, 20);
  add(/\[@KHM-2022\/prosecution\.\d/g, 6, 10);
  add(/\b(?:109|38|83|64) (?:suspected |traffickers|cases)/g, 1, 20);
  add(/Tier 3|Tier 2 Watch List/g, 5, 10);
  add(/seven to 15 years/g, 2, 5);
  add(/the government prosecuted/g, 6, 5);
  const probeAt = text.indexOf(probe);
  if (probeAt >= 0) out.push(doc.positionAt(probeAt + 4));
  return out;
}

/**
 * Completion probes: what a user types after `[@`: prefixes of words from
 * recommendation texts ("sca", "scam", "restit"…), report ids and keys. Every
 * request asks a different query, so a per-query result cache cannot hide the
 * search cost. They sit one per line in a separate document (probes.md), so
 * they do not change the brief's diagnostics.
 */
const PROBE_SOURCE = `Investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations including complicit officials.
Allow restitution upon conviction of the trafficker and train relevant officials on procedures for calculating and granting restitution.
Screen all individuals in immigrant detention or custody for human trafficking indicators including foreign workers men boys disabilities.
Increase funding to anti-trafficking law enforcement units and disburse it in advance of investigations rather than by reimbursement.
Eliminate recruitment or placement fees charged to workers by labor recruiters and ensure they are instead paid by employers.
Increase inspection and oversight of lending institutions including private micro-finance organizations debt-based coercion.
Incorporate NGO input into the policy for formally transferring custody of child victims; shelters penalties fishing inspections plantations.`;

export function completionQueries(n: number): string[] {
  const out: string[] = ['scam'];
  const seen = new Set(out);
  const push = (q: string): void => {
    if (!seen.has(q)) {
      seen.add(q);
      out.push(q);
    }
  };
  const words = PROBE_SOURCE.toLowerCase().match(/[a-z][a-z-]{3,}/g) ?? [];
  for (let len = 3; out.length < n && len <= 14; len++) for (const w of words) if (w.length >= len) push(w.slice(0, len));
  for (let k = 1; out.length < n && k <= 17; k++) push(`KHM-2023/R${k}`);
  for (let k = 1; out.length < n && k <= 9; k++) push(`R${k}`);
  for (const c of ['KHM', 'KHM-20', 'FRA', 'FRA-2019', 'THA', 'cambodia', 'france']) if (out.length < n) push(c);
  for (let i = 0; out.length < n; i++) push(`${words[i % words.length]} ${words[(i * 7 + 3) % words.length].slice(0, 4)}`);
  return out.slice(0, n);
}

function probeDocument(queries: readonly string[]): string {
  return '# Completion probes\n\n' + queries.map((q) => `Probe [@${q}]`).join('\n') + '\n';
}

function completionPositions(doc: TextDocument, queries: readonly string[]): { query: string; position: Position }[] {
  const text = doc.getText();
  const out: { query: string; position: Position }[] = [];
  let from = 0;
  for (const q of queries) {
    const at = text.indexOf(`[@${q}]`, from);
    if (at < 0) continue;
    out.push({ query: q, position: doc.positionAt(at + 2 + q.length) });
    from = at + 1;
  }
  return out;
}

function items(r: CompletionList | CompletionItem[] | null): CompletionItem[] {
  if (!r) return [];
  return Array.isArray(r) ? r : r.items;
}

function hasContent(h: Hover | null): boolean {
  if (!h) return false;
  const c = h.contents;
  if (typeof c === 'string') return c.length > 0;
  if (Array.isArray(c)) return c.length > 0;
  return 'value' in c && c.value.length > 0;
}

export async function runLspBench(o: LspOptions): Promise<LspResult> {
  const t0 = performance.now();
  const proc: ChildProcess = spawn(process.execPath, [...(o.nodeArgs ?? []), o.serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const pid = proc.pid!;
  const conn: ProtocolConnection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onRequest(ConfigurationRequest.type, (params) => params.items.map((i) => (i.section === 'tipLens' ? o.settings : i.section?.startsWith('tipLens.') ? o.settings[i.section.slice(8)] ?? null : null)));
  conn.onRequest(RegistrationRequest.type, () => null);
  conn.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  const pushed = new Map<string, { version?: number; count: number; at: number }>();
  const pushWaiters: (() => void)[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    pushed.set(p.uri, { version: p.version, count: p.diagnostics.length, at: performance.now() });
    pushWaiters.splice(0).forEach((w) => w());
  });
  conn.listen();

  try {
    const init: InitializeResult = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: CAPABILITIES,
      initializationOptions: { settings: o.settings, tipLens: o.settings },
      workspaceFolders: null,
    });
    const initializeMs = performance.now() - t0;
    const rssAfterInitMb = rssMb(pid);
    await conn.sendNotification(InitializedNotification.type, {});
    const pull = init.capabilities.diagnosticProvider !== undefined;

    const uri = 'file:///bench/brief.md';
    const text = o.draft;
    let doc = TextDocument.create(uri, 'markdown', 1, text);
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });

    // First hover with content on the probe reference (retry while the server is still loading).
    const probeAt = text.indexOf(o.probeReference);
    const probePos = doc.positionAt(probeAt + 4);
    let firstHoverMs: number | null = null;
    let attempts = 0;
    while (performance.now() - t0 < o.timeoutMs) {
      attempts++;
      const h = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: probePos });
      if (hasContent(h)) {
        firstHoverMs = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const rssAfterFirstHoverMb = rssMb(pid);

    // Hover latency, round-robin over targets.
    const hp = hoverPositions(doc, o.probeReference);
    const hoverTimes: number[] = [];
    let hoverNonEmpty = 0;
    for (let i = 0; i < o.hovers; i++) {
      const s = performance.now();
      const h = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hp[i % hp.length] });
      hoverTimes.push(performance.now() - s);
      if (hasContent(h)) hoverNonEmpty++;
    }

    // Completion latency: a different query every request, in a second open document.
    const queries = completionQueries(o.completions);
    const probeUri = 'file:///bench/probes.md';
    const probeText = probeDocument(queries);
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: probeUri, languageId: 'markdown', version: 1, text: probeText } });
    const cp = completionPositions(TextDocument.create(probeUri, 'markdown', 1, probeText), queries);
    const completionTimes: number[] = [];
    let completionNonEmpty = 0;
    let completionTopForScam: string | null = null;
    const perQuery = new Map<string, { times: number[]; items: number; bytes: number }>();
    for (let i = 0; i < o.completions; i++) {
      const probe = cp[i % cp.length];
      const s = performance.now();
      const r = await conn.sendRequest(CompletionRequest.type, { textDocument: { uri: probeUri }, position: probe.position, context: { triggerKind: CompletionTriggerKind.Invoked } });
      const dt = performance.now() - s;
      completionTimes.push(dt);
      const its = items(r);
      const pq = perQuery.get(probe.query) ?? { times: [], items: its.length, bytes: JSON.stringify(r).length };
      pq.times.push(dt);
      perQuery.set(probe.query, pq);
      if (its.length > 0) completionNonEmpty++;
      if (probe.query === 'scam' && its.length > 0) completionTopForScam = its[0].label;
    }

    // Edit -> fresh diagnostics: change one figure in place, then pull (or wait for the push of that version).
    const editTimes: number[] = [];
    let diagnosticsOnDraft = 0;
    const target = text.indexOf('convicted 38 traffickers');
    const mode: 'pull' | 'push' = pull ? 'pull' : 'push';
    let pushOk = true;
    for (let i = 0; i < o.edits && target >= 0; i++) {
      const value = String(30 + (i % 60)).padStart(2, '0');
      const start = doc.positionAt(target + 10);
      const end = doc.positionAt(target + 12);
      const version = doc.version + 1;
      doc = TextDocument.update(doc, [{ range: { start, end }, text: value }], version);
      const s = performance.now();
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start, end }, text: value }] });
      if (pull) {
        const rep = await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
        editTimes.push(performance.now() - s);
        if (rep.kind === 'full') diagnosticsOnDraft = rep.items.length;
      } else {
        const got = await new Promise<boolean>((resolve) => {
          const check = (): void => {
            const p = pushed.get(uri);
            if (p && (p.version === version || p.version === undefined) && p.at >= s) {
              diagnosticsOnDraft = p.count;
              resolve(true);
            } else pushWaiters.push(check);
          };
          check();
          setTimeout(() => resolve(false), 5000);
        });
        if (!got) {
          pushOk = false;
          break;
        }
        editTimes.push(performance.now() - s);
      }
    }
    const rssSteadyMb = rssMb(pid);
    const peakRssMb = rssMb(pid, 'VmHWM');
    await conn.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await conn.sendNotification(ExitNotification.type).catch(() => undefined);
    return {
      initializeMs,
      firstHoverMs,
      firstHoverAttempts: attempts,
      hover: stats(hoverTimes),
      hoverNonEmpty,
      completion: stats(completionTimes),
      completionNonEmpty,
      completionTopForScam,
      completionByQuery: [...perQuery].map(([query, v]) => ({ query, median: stats(v.times).median, max: stats(v.times).max, items: v.items, bytes: v.bytes })),
      editToDiagnostics: stats(editTimes),
      diagnosticsMode: editTimes.length || pushOk ? mode : 'none',
      diagnosticsOnDraft,
      rssAfterInitMb,
      rssAfterFirstHoverMb,
      rssSteadyMb,
      peakRssMb,
      serverStderrTail: stderr.slice(-800),
    };
  } finally {
    conn.dispose();
    await new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        resolve();
      }, 2000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Median and spread of spawn → initialize result over `runs` fresh processes (`serverJs` null: spawn `node -e 0` and time its exit). */
export async function timeInitialize(serverJs: string | null, runs: number, nodeArgs: readonly string[] = []): Promise<Stats> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    if (serverJs === null) {
      await new Promise<void>((resolve, reject) => spawn(process.execPath, [...nodeArgs, '-e', '0'], { stdio: 'ignore' }).on('exit', () => resolve()).on('error', reject));
      times.push(performance.now() - t0);
      continue;
    }
    const proc = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => null));
    conn.listen();
    try {
      await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: CAPABILITIES, workspaceFolders: null });
      times.push(performance.now() - t0);
    } finally {
      conn.dispose();
      proc.kill();
    }
  }
  return stats(times);
}
