/**
 * TIP Lens for VS Code: starts the bundled language server (dist/server.js) over IPC and
 * gives its features a home: source view, commands, coverage tree, status bar. Everything it
 * holds is made here, in activate(), and goes into the extension's subscriptions, which VS Code
 * disposes on deactivation (the server connection's disposal stops the server).
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, State } from 'vscode-languageclient/node';
import { Commands, type CoverageResult } from '../../server/src/protocol';
import { StatusNotification } from '../../server/src/requests';
import { WorkspaceChecker, describeSummary, type CheckWorkspaceSummary } from './checkWorkspace';
import { citeSentence, type CiteSentenceOptions } from './citeSentence';
import { CoverageView } from './coverageView';
import { insertCitation, type InsertCitationOptions } from './insertCitation';
import { importReport, type ImportReportOptions, type ImportReportOutcome } from './importReport';
import { ServerConnection } from './serverConnection';
import { ServerStatus } from './serverStatus';
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

/** The views the commands drive: report sources (tip-lens: documents), the coverage tree, the workspace check. */
interface Views {
  sources: ReportSourceProvider;
  coverage: CoverageView;
  checker: WorkspaceChecker;
}

export async function activate(context: vscode.ExtensionContext): Promise<TipLensApi> {
  const output = vscode.window.createOutputChannel('TIP Lens');
  const server = new ServerConnection(context.asAbsolutePath('dist/server.js'), output);
  // The server first: its stop begins before the output channel it logs to closes.
  context.subscriptions.push(server, output);
  const statusBar = showServerState(context, server);
  const status = new ServerStatus(output);
  server.client.onNotification(StatusNotification, (params) => status.update(params));
  server.start();
  rereadSettingsOnTrust(context, server, output);
  const views = registerViews(context, server);
  registerCommands(context, server, views, status, output);
  return {
    ready: () => server.ready(),
    reports: () => status.reports(),
    statusText: () => statusBar.text,
    shownProblems: () => status.shownProblems(),
  };
}

/** The status bar item, following the server's state (starting, running, stopped). */
function showServerState(context: vscode.ExtensionContext, server: ServerConnection): StatusBar {
  const statusBar = new StatusBar();
  context.subscriptions.push(statusBar);
  server.client.onDidChangeState((e) => statusBar.setServerState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped'));
  return statusBar;
}

/** Trust granted: the workspace's tipLens.reports now counts, so the server re-reads its settings. */
function rereadSettingsOnTrust(context: vscode.ExtensionContext, server: ServerConnection, output: vscode.OutputChannel): void {
  const reread = (): void => void server.ready().then(() => server.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null }));
  context.subscriptions.push(watchWorkspaceTrust(output, reread));
}

/** The report source documents (tip-lens: scheme, refreshed when reports change), the coverage tree and the workspace checker. */
function registerViews(context: vscode.ExtensionContext, server: ServerConnection): Views {
  const sources = new ReportSourceProvider(server.running);
  const coverage = new CoverageView(server.running);
  const checker = new WorkspaceChecker(server.running);
  context.subscriptions.push(sources, coverage, checker, vscode.workspace.registerTextDocumentContentProvider(SCHEME, sources), sources.watch());
  return { sources, coverage, checker };
}

/** The options object a command was given (from another extension or a test), or none. */
const optionsOf = <T extends object>(options: T | undefined): T => (typeof options === 'object' && options !== null ? options : ({} as T));

function registerCommands(context: vscode.ExtensionContext, server: ServerConnection, views: Views, status: ServerStatus, output: vscode.OutputChannel): void {
  const { running } = server;
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showSource, async (...args: unknown[]) => showSourceCommand(args, views, status)),
    vscode.commands.registerCommand(Commands.insertCitation, async (options?: InsertCitationOptions): Promise<string | undefined> => insertCitation(await running(), optionsOf(options))),
    vscode.commands.registerCommand(Commands.citeSentence, async (options?: CiteSentenceOptions): Promise<string | undefined> => citeSentence(await running(), optionsOf(options))),
    vscode.commands.registerCommand(Commands.writeBibliography, async (options?: WriteBibliographyOptions): Promise<WriteBibliographyResult | undefined> => writeBibliography(await running(), optionsOf(options))),
    vscode.commands.registerCommand(Commands.showCoverage, async (uri?: unknown) => showCoverageCommand(uri, views)),
    vscode.commands.registerCommand(Commands.checkWorkspace, async () => checkWorkspaceCommand(views)),
    vscode.commands.registerCommand(Commands.importReport, async (options?: ImportReportOptions): Promise<ImportReportOutcome | undefined> =>
      importReport(await running(), optionsOf(options), async () => {
        await vscode.commands.executeCommand(Commands.restartServer);
      }),
    ),
    vscode.commands.registerCommand(Commands.restartServer, async () => restartServerCommand(server, views, output)),
  );
}

/** Show Source with a target (hover and code lens links): that passage; without one: pick a report. */
async function showSourceCommand(args: unknown[], views: Views, status: ServerStatus): Promise<vscode.TextEditor | undefined> {
  const target = asShowSourceArgs(args.length === 1 ? args[0] : args);
  return target ? showSource(target, views.sources) : showSourceInteractive(status.reports(), views.sources);
}

/** From the palette or status bar: the active draft; from the server's code lens: the draft's URI. */
async function showCoverageCommand(uri: unknown, views: Views): Promise<CoverageResult> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri instanceof vscode.Uri ? uri : undefined;
  await views.coverage.reveal();
  return views.coverage.refresh(target);
}

async function checkWorkspaceCommand(views: Views): Promise<CheckWorkspaceSummary> {
  const summary = await views.checker.run();
  void vscode.window.showInformationMessage(describeSummary(summary));
  return summary;
}

/** Restart Server: the server again, then the open source documents and the coverage tree from it. */
async function restartServerCommand(server: ServerConnection, views: Views, output: vscode.OutputChannel): Promise<void> {
  output.appendLine('Restarting the TIP Lens language server…');
  await server.restart();
  views.sources.refreshOpen();
  await views.coverage.refresh().catch(() => null);
}

/** Nothing to do here: the server connection is one of the subscriptions VS Code disposes, and its disposal stops the server. */
export function deactivate(): void {}
