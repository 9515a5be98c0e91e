/**
 * The TIP Lens engine: one object the language server and the CLI share.
 * Pure: takes documents and a cancellation token, returns LSP types.
 */
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, DocumentLink, Hover, Location, Position, Range, SymbolInformation } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, readDocument, type DraftAnalysis, type DraftReading } from './analysis';
import { createDraftMemo, type DraftMemo } from './check';
import { provideDiagnostics } from './diagnostics';
import type { KnowledgeBase } from '../model/kb';
import { citationLabel } from '../model/kb';
import { defaultSettings, type TipLensSettings } from './settings';
import type { CancellationToken } from './types';
import { throwIfCancelled } from './types';
import { provideHover, provideReferenceHover } from './hover';
import { provideCompletion, resolveCompletion } from './completion';
import { provideCodeActions, provideFixAll } from './codeActions';
import { provideDefinition, provideDocumentLinks, provideReferences, type DraftWithAnalysis } from './navigation';
import { provideWorkspaceSymbols } from './symbols';
import { provideCodeLenses, provideCoverage } from './coverage';
import { firstWords, itemTitle, searchItems } from './search';
import { provideReportText } from './reportText';
import type { BibliographyLoader } from './draftBibliography';
import type { CoverageResult, ReportTextResult, SearchItem } from '../protocol';

export interface TipLensServiceOptions {
  kb: KnowledgeBase;
  settings?: TipLensSettings;
  /** Keep, with each analysis, why every claim was compared or left alone (tip-lens check --explain). */
  explain?: boolean;
  /** Reads a bibliography file a draft's front matter names (the front end's I/O; see draftBibliography.ts). */
  bibliography?: BibliographyLoader;
}

export interface TipLensService {
  readonly kb: KnowledgeBase;
  settings: TipLensSettings;
  /** Cached per URI and version. */
  analyze(doc: TextDocument, token: CancellationToken): DraftAnalysis;
  diagnostics(doc: TextDocument, token: CancellationToken): Diagnostic[];
  hover(doc: TextDocument, position: Position, token: CancellationToken): Hover | null;
  /** Reads the draft (front matter, masks, references) but runs no checks: right after an edit, completion does not wait for them. */
  completion(doc: TextDocument, position: Position, token: CancellationToken): CompletionList | null;
  /** completionItem/resolve: documentation of report id items. */
  resolveCompletion(item: CompletionItem, token: CancellationToken): CompletionItem;
  /** Quick fixes for the range, and source.fixAll.tipLens when `only` asks for it. */
  codeActions(doc: TextDocument, range: Range, only: string[] | undefined, token: CancellationToken): CodeAction[];
  fixAll(doc: TextDocument, token: CancellationToken): CodeAction | null;
  definition(doc: TextDocument, position: Position, token: CancellationToken): Location | null;
  /** References to the item at the position across `docs` (the open documents). */
  references(doc: TextDocument, position: Position, docs: Iterable<TextDocument>, includeDeclaration: boolean, token: CancellationToken): Location[] | null;
  documentLinks(doc: TextDocument, token: CancellationToken): DocumentLink[];
  codeLenses(doc: TextDocument, token: CancellationToken): CodeLens[];
  coverage(doc: TextDocument, token: CancellationToken): CoverageResult;
  workspaceSymbols(query: string, token: CancellationToken, preferReport?: string): SymbolInformation[];
  searchItems(query: string, doc: TextDocument | undefined, limit: number | undefined, token: CancellationToken): SearchItem[];
  reportText(uri: string): ReportTextResult;
}

/** What was worked out for one version of a document under one generation of settings. */
interface Cached<T> {
  version: number;
  text: string;
  generation: number;
  value: T;
}

export function createTipLensService(options: TipLensServiceOptions): TipLensService {
  /** Full analyses, and readings of versions whose analysis is not there yet (completion and reference hovers right after an edit). */
  const analyses = new Map<string, Cached<DraftAnalysis>>();
  const readings = new Map<string, Cached<DraftReading>>();
  /** Per document, the sentence readings and quote matches its next version reuses (two versions' worth, never more). */
  const memos = new Map<string, DraftMemo>();
  const memoOf = (uri: string): DraftMemo => {
    let m = memos.get(uri);
    if (m) memos.delete(uri);
    else m = createDraftMemo();
    memos.set(uri, m);
    if (memos.size > 200) memos.delete(memos.keys().next().value as string);
    return m;
  };
  let generation = 0;
  const current = <T>(cache: Map<string, Cached<T>>, doc: TextDocument, text: string): T | undefined => {
    const hit = cache.get(doc.uri);
    return hit && hit.version === doc.version && hit.generation === generation && hit.text === text ? hit.value : undefined;
  };
  const remember = <T>(cache: Map<string, Cached<T>>, doc: TextDocument, text: string, value: T, max: number): T => {
    cache.delete(doc.uri);
    cache.set(doc.uri, { version: doc.version, text, generation, value });
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return value;
  };
  let settings = options.settings ?? defaultSettings();
  const kb = options.kb;
  const kbGet = (id: string) => kb.get(id);
  const enabled = (token: CancellationToken) => {
    throwIfCancelled(token);
    return settings.enable;
  };
  const service: TipLensService = {
    kb,
    get settings() {
      return settings;
    },
    set settings(s: TipLensSettings) {
      settings = s;
      generation++;
    },
    analyze(doc, token) {
      const text = doc.getText();
      const hit = current(analyses, doc, text);
      if (hit) return hit;
      // A reading of this version made for completion or a hover is not made again (undefined: analyzeDocument reads it).
      return remember(analyses, doc, text, analyzeDocument(doc, kb, settings, token, current(readings, doc, text) ?? readDocument(doc, kb, settings, token, options.bibliography), memoOf(doc.uri), options.explain), 200);
    },
    diagnostics(doc, token) {
      return provideDiagnostics(doc, service.analyze(doc, token), settings, token);
    },
    hover(doc, position, token) {
      if (!enabled(token)) return null;
      // A reference's hover needs only the draft's references: it does not wait for the checks after an edit
      // (it uses their findings when this version's analysis is there: the sentences a claim was compared with).
      const done = current(analyses, doc, doc.getText());
      return provideReferenceHover(doc, done ?? reading(doc, token), position, token, kb) ?? provideHover(doc, done ?? service.analyze(doc, token), kb, position, token);
    },
    completion(doc, position, token) {
      return enabled(token) ? provideCompletion(doc, reading(doc, token), kb, position, token) : null;
    },
    resolveCompletion(item, token) {
      return resolveCompletion(item, kb, token);
    },
    codeActions(doc, range, only, token) {
      if (!enabled(token)) return [];
      return provideCodeActions(doc, service.analyze(doc, token), service.diagnostics(doc, token), { range, only }, token, kb);
    },
    fixAll(doc, token) {
      return enabled(token) ? provideFixAll(doc, service.diagnostics(doc, token), token) : null;
    },
    definition(doc, position, token) {
      return enabled(token) ? provideDefinition(doc, service.analyze(doc, token), kbGet, position, token) : null;
    },
    references(doc, position, docs, includeDeclaration, token) {
      if (!enabled(token)) return null;
      const drafts = function* (): Iterable<DraftWithAnalysis> {
        for (const d of docs) yield { doc: d, analysis: service.analyze(d, token) };
      };
      return provideReferences(doc, service.analyze(doc, token), kbGet, position, drafts, includeDeclaration, token);
    },
    documentLinks(doc, token) {
      return enabled(token) ? provideDocumentLinks(doc, service.analyze(doc, token), token) : [];
    },
    codeLenses(doc, token) {
      return enabled(token) ? provideCodeLenses(doc, service.analyze(doc, token), kb, token) : [];
    },
    coverage(doc, token) {
      return enabled(token) ? provideCoverage(doc, service.analyze(doc, token), kb, token) : null;
    },
    workspaceSymbols(query, token, preferReport) {
      return enabled(token) ? provideWorkspaceSymbols(kb, query, preferReport ?? (settings.defaultReport || undefined), token) : [];
    },
    searchItems(query, doc, limit, token) {
      throwIfCancelled(token);
      const analysis = doc ? service.analyze(doc, token) : undefined;
      const prefer = analysis ? analysis.defaultReport : settings.defaultReport || undefined;
      const alsoPrefer = analysis ? [...new Set(analysis.references.flatMap((r) => (r.target ? [r.target.report.id] : [])))] : undefined;
      return searchItems(kb, query, { preferReport: prefer, alsoPrefer, limit: limit ?? 50 }, token).map(({ item }) => ({
        anchor: item.anchor,
        citation: `[@${item.anchor}]`,
        label: `${item.anchor} · ${itemTitle(item)}`,
        detail: citationLabel(item.report, item.key),
        text: item.text,
      }));
    },
    reportText(uri) {
      return provideReportText(kb, uri);
    },
  };
  /** The current analysis when there is one (it holds the reading), else the current reading, else a new one: no checks run. */
  function reading(doc: TextDocument, token: CancellationToken): DraftReading {
    throwIfCancelled(token);
    const text = doc.getText();
    return current(analyses, doc, text) ?? current(readings, doc, text) ?? remember(readings, doc, text, readDocument(doc, kb, settings, token, options.bibliography), 20);
  }

  return service;
}

export { Code, ALL_CODES, CODE_HELP } from './codes';
export type { TipLensSettings } from './settings';
export { defaultSettings, validateSettings } from './settings';
export type { DraftAnalysis } from './analysis';
export { firstWords };
export { provideCiteSentence } from './codeActions';
