/**
 * The TIP Lens engine: one object the language server and the CLI share.
 * Pure: takes documents and a cancellation token, returns LSP types.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type DraftAnalysis } from './analysis';
import { provideDiagnostics } from './diagnostics';
import type { KnowledgeBase } from './kb';
import { defaultSettings, type TipLensSettings } from './settings';
import type { CancellationToken } from './types';

export interface TipLensServiceOptions {
  kb: KnowledgeBase;
  settings?: TipLensSettings;
}

export interface TipLensService {
  readonly kb: KnowledgeBase;
  settings: TipLensSettings;
  /** Cached per URI and version. */
  analyze(doc: TextDocument, token: CancellationToken): DraftAnalysis;
  diagnostics(doc: TextDocument, token: CancellationToken): Diagnostic[];
}

export function createTipLensService(options: TipLensServiceOptions): TipLensService {
  const cache = new Map<string, { version: number; text: string; generation: number; analysis: DraftAnalysis }>();
  let generation = 0;
  let settings = options.settings ?? defaultSettings();
  const service: TipLensService = {
    kb: options.kb,
    get settings() {
      return settings;
    },
    set settings(s: TipLensSettings) {
      settings = s;
      generation++;
    },
    analyze(doc, token) {
      const hit = cache.get(doc.uri);
      const text = doc.getText();
      if (hit && hit.version === doc.version && hit.generation === generation && hit.text === text) return hit.analysis;
      const analysis = analyzeDocument(doc, options.kb, settings, token);
      cache.set(doc.uri, { version: doc.version, text, generation, analysis });
      if (cache.size > 200) cache.delete(cache.keys().next().value as string);
      return analysis;
    },
    diagnostics(doc, token) {
      return provideDiagnostics(doc, service.analyze(doc, token), settings, token);
    },
  };
  return service;
}

export { Code, ALL_CODES, CODE_HELP } from './codes';
export type { TipLensSettings } from './settings';
export { defaultSettings, validateSettings } from './settings';
export type { DraftAnalysis } from './analysis';
