/**
 * What the server says in tipLens/status: the reports it loaded, and problems (a report that could not be
 * read, a bad setting). Each problem goes once into the output channel; the new ones of a status together
 * in one warning (not one pop-up per problem).
 */
import * as vscode from 'vscode';
import { problemSummary, type StatusParams } from '../../server/src/protocol';

export class ServerStatus {
  private loaded: string[] = [];
  private readonly shown = new Set<string>();

  constructor(private readonly output: vscode.OutputChannel) {}

  /** The reports of the latest status. */
  reports(): readonly string[] {
    return this.loaded;
  }

  /** Every problem said so far, each once. */
  shownProblems(): string[] {
    return [...this.shown];
  }

  /** A tipLens/status notification: keeps its reports, logs its new problems and warns of them. */
  update(params: StatusParams): void {
    this.loaded = [...(params.reports ?? [])];
    const fresh = this.newProblems(params);
    if (fresh.length > 0) this.warn(fresh);
  }

  /** The status's problems not said before, each now logged. */
  private newProblems(params: StatusParams): string[] {
    const fresh: string[] = [];
    for (const p of params.problems ?? []) {
      const message = p.file ? `${p.file}: ${p.message}` : p.message;
      if (this.shown.has(message)) continue;
      this.shown.add(message);
      fresh.push(message);
      this.output.appendLine(`[status] ${message}`);
    }
    return fresh;
  }

  /** One warning for the new problems, with the way to the settings and to the output channel. */
  private warn(fresh: readonly string[]): void {
    void vscode.window.showWarningMessage(problemSummary(fresh), 'Open Settings', 'Show Output').then((choice) => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'tipLens');
      else if (choice === 'Show Output') this.output.show(true);
    });
  }
}
