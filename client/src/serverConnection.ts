/**
 * The language server as the extension holds it: the bundled dist/server.js started over IPC, the
 * language client talking to it, and the start (or restart) the commands wait for. One object, made in
 * activate() and disposed with the extension's subscriptions, which stops the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, SERVER_NODE_FLAGS } from '../../server/src/protocol';

/** The language client, except that a server that exits cleanly (Restart Server, shutdown) is logged as information, not as an error. */
class TipLensClient extends LanguageClient {
  // `data` is whatever the library passes on to its log (typed `any` there).
  override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
    if (message === 'Server process exited with code 0.') this.info(message, data, false);
    else super.error(message, data, showNotification);
  }
}

/** dist/server.js over IPC, with the Node flags the server wants (and the inspector port when debugging). */
function serverOptions(serverModule: string): ServerOptions {
  return {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
}

/** Markdown and plain-text drafts, on disk or untitled; the tipLens settings; trusted markdown limited to Show Source. */
function clientOptions(output: vscode.OutputChannel): LanguageClientOptions {
  return {
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
}

export class ServerConnection implements vscode.Disposable {
  readonly client: LanguageClient;
  private started: Promise<void> | undefined;

  constructor(
    serverModule: string,
    private readonly output: vscode.OutputChannel,
  ) {
    // The id 'tipLens' makes the client honour the setting tipLens.trace.server.
    this.client = new TipLensClient('tipLens', 'TIP Lens', serverOptions(serverModule), clientOptions(output));
  }

  /** Starts the server; a failure to start is said in the output channel and in an error message. */
  start(): void {
    const started = this.client.start();
    this.started = started;
    started.catch((err: unknown) => {
      const msg = err instanceof Error ? err.message : String(err);
      this.output.appendLine(`TIP Lens: the language server did not start: ${msg}`);
      void vscode.window.showErrorMessage(`TIP Lens: the language server did not start (${msg}).`, 'Show Output').then((c) => c && this.output.show(true));
    });
  }

  /** Resolves once the latest start or restart has finished (rejects if it failed). */
  ready(): Promise<void> {
    return this.started ?? Promise.reject(new Error('the TIP Lens language server was not started'));
  }

  /** The client, once the server runs: what the views and commands send their requests through. */
  readonly running = async (): Promise<LanguageClient> => {
    await this.ready();
    return this.client;
  };

  /** Restart Server: starts a stopped server again, else restarts it; resolves once it runs. */
  restart(): Promise<void> {
    this.started = this.client.state === State.Stopped ? this.client.start() : this.client.restart();
    return this.started;
  }

  /** Stops the server (when it is not stopped already). */
  async dispose(): Promise<void> {
    if (this.client.state !== State.Stopped) await this.client.stop();
  }
}
