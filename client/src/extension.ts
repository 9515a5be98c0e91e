/**
 * TIP Lens for VS Code: starts the bundled language server (dist/server.js) over IPC and
 * gives its features a home: source view, commands, coverage tree, status bar.
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, problemSummary, SERVER_NODE_FLAGS, type CoverageResult, type StatusParams } from '../../server/src/protocol';
import { StatusNotification } from '../../server/src/requests';
import { WorkspaceChecker, describeSummary, type CheckWorkspaceSummary } from './checkWorkspace';
import { citeSentence, type CiteSentenceOptions } from './citeSentence';
import { CoverageView } from './coverageView';
import { insertCitation, type InsertCitationOptions } from './insertCitation';
import { importReport, type ImportReportOptions, type ImportReportOutcome } from './importReport';
import { ReportSourceProvider, SCHEME, asShowSourceArgs, showSource, showSourceInteractive } from './sourceView';
import { StatusBar } from './statusBar';
import { watchWorkspaceTrust } from './workspaceTrust';
import { writeBibliography, type WriteBibliographyOptions, type WriteBibliographyResult } from './writeBibliography';

/** What activate() returns: for other extensions and for the integration tests. */
export interface TipLensApi {
  /** Resolves once the language server is running (rejects if it could not start). */
  ready(): Promise<void>;
  /** Reports the server said it loaded (tipLens/status). */
  reports(): readonly string[];
  /** The status bar item's text. */
  statusText(): string;
  /** Problems already reported from tipLens/status (each distinct message once in the output channel; the new ones of a status together in one warning). */
  shownProblems(): readonly string[];
}

let client: LanguageClient | undefined;

/** The language client, except that a server that exits cleanly (Restart Server, shutdown) is logged as information, not as an error. */
class TipLensClient extends LanguageClient {
  // `data` is whatever the library passes on to its log (typed `any` there).
  override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
    if (message === 'Server process exited with code 0.') this.info(message, data, false);
    else super.error(message, data, showNotification);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<TipLensApi> {
  const output = vscode.window.createOutputChannel('TIP Lens');
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    synchronize: { configurationSection: 'tipLens' },
    // The client shows tipLens/status problems itself (once each), so the server need not send window/showMessage too.
    initializationOptions: { statusNotification: true },
    outputChannel: output,
    // Hover and code lens link to Show Source; nothing else may run from server markdown.
    markdown: { isTrusted: { enabledCommands: [Commands.showSource] }, supportHtml: false },
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  // The id 'tipLens' makes the client honour the setting tipLens.trace.server.
  const lc = new TipLensClient('tipLens', 'TIP Lens', serverOptions, clientOptions);
  client = lc;

  const statusBar = new StatusBar();
  context.subscriptions.push(statusBar);
  lc.onDidChangeState((e) => statusBar.setServerState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped'));

  let reports: string[] = [];
  const shown = new Set<string>();
  lc.onNotification(StatusNotification, (params: StatusParams) => {
    reports = [...(params.reports ?? [])];
    // Each problem once in the output channel; the new ones together in one warning (not one pop-up per problem).
    const fresh: string[] = [];
    for (const p of params.problems ?? []) {
      const message = p.file ? `${p.file}: ${p.message}` : p.message;
      if (shown.has(message)) continue;
      shown.add(message);
      fresh.push(message);
      output.appendLine(`[status] ${message}`);
    }
    if (fresh.length === 0) return;
    void vscode.window.showWarningMessage(problemSummary(fresh), 'Open Settings', 'Show Output').then((choice) => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'tipLens');
      else if (choice === 'Show Output') output.show(true);
    });
  });

  let started: Promise<void> = lc.start();
  started.catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    output.appendLine(`TIP Lens: the language server did not start: ${msg}`);
    void vscode.window.showErrorMessage(`TIP Lens: the language server did not start (${msg}).`, 'Show Output').then((c) => c && output.show(true));
  });
  // Trust granted: the workspace's tipLens.reports now counts, so the server re-reads its settings.
  context.subscriptions.push(watchWorkspaceTrust(output, () => void started.then(() => lc.sendNotification(DidChangeConfigurationNotification.type, { settings: null }))));
  const running = async (): Promise<LanguageClient> => {
    await started;
    return lc;
  };

  const sources = new ReportSourceProvider(running);
  const coverage = new CoverageView(running);
  const checker = new WorkspaceChecker(running);
  context.subscriptions.push(sources, coverage, checker, vscode.workspace.registerTextDocumentContentProvider(SCHEME, sources), sources.watch());

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showSource, async (...args: unknown[]): Promise<vscode.TextEditor | undefined> => {
      const target = asShowSourceArgs(args.length === 1 ? args[0] : args);
      return target ? showSource(target, sources) : showSourceInteractive(reports, sources);
    }),
    vscode.commands.registerCommand(Commands.insertCitation, async (options?: InsertCitationOptions): Promise<string | undefined> =>
      insertCitation(await running(), typeof options === 'object' && options !== null ? options : {}),
    ),
    vscode.commands.registerCommand(Commands.citeSentence, async (options?: CiteSentenceOptions): Promise<string | undefined> =>
      citeSentence(await running(), typeof options === 'object' && options !== null ? options : {}),
    ),
    vscode.commands.registerCommand(Commands.writeBibliography, async (options?: WriteBibliographyOptions): Promise<WriteBibliographyResult | undefined> =>
      writeBibliography(await running(), typeof options === 'object' && options !== null ? options : {}),
    ),
    // From the palette or status bar: the active draft; from the server's code lens: the draft's URI.
    vscode.commands.registerCommand(Commands.showCoverage, async (uri?: unknown): Promise<CoverageResult> => {
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri instanceof vscode.Uri ? uri : undefined;
      await coverage.reveal();
      return coverage.refresh(target);
    }),
    vscode.commands.registerCommand(Commands.checkWorkspace, async (): Promise<CheckWorkspaceSummary> => {
      const summary = await checker.run();
      void vscode.window.showInformationMessage(describeSummary(summary));
      return summary;
    }),
    vscode.commands.registerCommand(Commands.importReport, async (options?: ImportReportOptions): Promise<ImportReportOutcome | undefined> =>
      importReport(await running(), typeof options === 'object' && options !== null ? options : {}, async () => {
        await vscode.commands.executeCommand(Commands.restartServer);
      }),
    ),
    vscode.commands.registerCommand(Commands.restartServer, async (): Promise<void> => {
      output.appendLine('Restarting the TIP Lens language server…');
      started = lc.state === State.Stopped ? lc.start() : lc.restart();
      await started;
      sources.refreshOpen();
      await coverage.refresh().catch(() => null);
    }),
  );

  return {
    ready: () => started,
    reports: () => reports,
    statusText: () => statusBar.text,
    shownProblems: () => [...shown],
  };
}

export async function deactivate(): Promise<void> {
  if (client && client.state !== State.Stopped) await client.stop();
  client = undefined;
}
