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

/**
 * The service's caches, one owner: per URI (each bounded), the full analyses, the readings of versions whose
 * analysis is not there yet (completion and reference hovers right after an edit), and the memos of sentence
 * readings and quote matches a document's next version reuses. `generation` is bumped by a settings change.
 */
class DocumentCaches {
  readonly analyses = new Map<string, Cached<DraftAnalysis>>();
  readonly readings = new Map<string, Cached<DraftReading>>();
  /** Two versions' worth per document, never more; the least recently used document's goes first. */
  readonly #memos = new Map<string, DraftMemo>();
  generation = 0;

  memoOf(uri: string): DraftMemo {
    let m = this.#memos.get(uri);
    if (m) this.#memos.delete(uri);
    else m = createDraftMemo();
    this.#memos.set(uri, m);
    if (this.#memos.size > 200) this.#memos.delete(this.#memos.keys().next().value as string);
    return m;
  }

  current<T>(cache: Map<string, Cached<T>>, doc: TextDocument, text: string): T | undefined {
    const hit = cache.get(doc.uri);
    return hit && hit.version === doc.version && hit.generation === this.generation && hit.text === text ? hit.value : undefined;
  }

  remember<T>(cache: Map<string, Cached<T>>, doc: TextDocument, text: string, value: T, max: number): T {
    cache.delete(doc.uri);
    cache.set(doc.uri, { version: doc.version, text, generation: this.generation, value });
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return value;
  }
}

/** What the feature groups below share: the knowledge base, the options, the caches and the settings of now. */
interface ServiceContext {
  readonly kb: KnowledgeBase;
  readonly options: TipLensServiceOptions;
  readonly caches: DocumentCaches;
  settings(): TipLensSettings;
  /** Throws when cancelled; whether TIP Lens is enabled. */
  enabled(token: CancellationToken): boolean;
  analyze(doc: TextDocument, token: CancellationToken): DraftAnalysis;
  /** The current analysis when there is one (it holds the reading), else the current reading, else a new one: no checks run. */
  reading(doc: TextDocument, token: CancellationToken): DraftReading;
}

function serviceContext(options: TipLensServiceOptions, settings: () => TipLensSettings): ServiceContext {
  const { kb } = options;
  const caches = new DocumentCaches();
  const ctx: ServiceContext = {
    kb,
    options,
    caches,
    settings,
    enabled(token) {
      throwIfCancelled(token);
      return settings().enable;
    },
    analyze(doc, token) {
      const text = doc.getText();
      const hit = caches.current(caches.analyses, doc, text);
      if (hit) return hit;
      // A reading of this version made for completion or a hover is not made again.
      const memo = caches.memoOf(doc.uri);
      const reading = caches.current(caches.readings, doc, text) ?? readDocument(doc, kb, settings(), token, options.bibliography, memo);
      return caches.remember(caches.analyses, doc, text, analyzeDocument(doc, kb, settings(), token, reading, memo, options.explain), 200);
    },
    reading(doc, token) {
      throwIfCancelled(token);
      const text = doc.getText();
      return caches.current(caches.analyses, doc, text) ?? caches.current(caches.readings, doc, text) ?? caches.remember(caches.readings, doc, text, readDocument(doc, kb, settings(), token, options.bibliography, caches.memoOf(doc.uri)), 20);
    },
  };
  return ctx;
}

type Features<K extends keyof TipLensService> = Pick<TipLensService, K>;

/** Diagnostics and the fixes made from them. */
function checkingFeatures(ctx: ServiceContext): Features<'analyze' | 'diagnostics' | 'codeActions' | 'fixAll'> {
  const diagnostics = (doc: TextDocument, token: CancellationToken) => provideDiagnostics(doc, ctx.analyze(doc, token), ctx.settings(), token);
  return {
    analyze: ctx.analyze,
    diagnostics,
    codeActions(doc, range, only, token) {
      if (!ctx.enabled(token)) return [];
      return provideCodeActions(doc, ctx.analyze(doc, token), diagnostics(doc, token), { range, only }, token, ctx.kb);
    },
    fixAll(doc, token) {
      return ctx.enabled(token) ? provideFixAll(doc, diagnostics(doc, token), token) : null;
    },
  };
}

/** Hover and completion: neither waits for the checks after an edit when it needs only the draft's reading. */
function editingFeatures(ctx: ServiceContext): Features<'hover' | 'completion' | 'resolveCompletion'> {
  const { kb, caches } = ctx;
  return {
    hover(doc, position, token) {
      if (!ctx.enabled(token)) return null;
      // A reference's hover needs only the draft's references: it does not wait for the checks after an edit
      // (it uses their findings when this version's analysis is there: the sentences a claim was compared with).
      const done = caches.current(caches.analyses, doc, doc.getText());
      return provideReferenceHover(doc, done ?? ctx.reading(doc, token), position, token, kb) ?? provideHover(doc, done ?? ctx.analyze(doc, token), kb, position, token);
    },
    completion(doc, position, token) {
      return ctx.enabled(token) ? provideCompletion(doc, ctx.reading(doc, token), kb, position, token) : null;
    },
    resolveCompletion(item, token) {
      return resolveCompletion(item, kb, token);
    },
  };
}

/** Definitions, references, links, code lenses and recommendation coverage. */
function navigationFeatures(ctx: ServiceContext): Features<'definition' | 'references' | 'documentLinks' | 'codeLenses' | 'coverage'> {
  const { kb } = ctx;
  const kbGet = (id: string) => kb.get(id);
  return {
    definition(doc, position, token) {
      return ctx.enabled(token) ? provideDefinition(doc, ctx.analyze(doc, token), kbGet, position, token) : null;
    },
    references(doc, position, docs, includeDeclaration, token) {
      if (!ctx.enabled(token)) return null;
      const drafts = function* (): Iterable<DraftWithAnalysis> {
        for (const d of docs) yield { doc: d, analysis: ctx.analyze(d, token) };
      };
      return provideReferences(doc, ctx.analyze(doc, token), kbGet, position, drafts, includeDeclaration, token);
    },
    documentLinks(doc, token) {
      return ctx.enabled(token) ? provideDocumentLinks(doc, ctx.analyze(doc, token), token) : [];
    },
    codeLenses(doc, token) {
      return ctx.enabled(token) ? provideCodeLenses(doc, ctx.analyze(doc, token), kb, token) : [];
    },
    coverage(doc, token) {
      return ctx.enabled(token) ? provideCoverage(doc, ctx.analyze(doc, token), kb, token) : null;
    },
  };
}

/** Workspace symbols, the item search of Insert Citation, and the source view's text. */
function reportFeatures(ctx: ServiceContext): Features<'workspaceSymbols' | 'searchItems' | 'reportText'> {
  const { kb } = ctx;
  return {
    workspaceSymbols(query, token, preferReport) {
      return ctx.enabled(token) ? provideWorkspaceSymbols(kb, query, preferReport ?? (ctx.settings().defaultReport || undefined), token) : [];
    },
    searchItems(query, doc, limit, token) {
      throwIfCancelled(token);
      const analysis = doc ? ctx.analyze(doc, token) : undefined;
      const prefer = analysis ? analysis.defaultReport : ctx.settings().defaultReport || undefined;
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
}

export function createTipLensService(options: TipLensServiceOptions): TipLensService {
  let settings = options.settings ?? defaultSettings();
  const ctx = serviceContext(options, () => settings);
  return {
    kb: options.kb,
    get settings() {
      return settings;
    },
    set settings(s: TipLensSettings) {
      settings = s;
      ctx.caches.generation++;
    },
    ...checkingFeatures(ctx),
    ...editingFeatures(ctx),
    ...navigationFeatures(ctx),
    ...reportFeatures(ctx),
  };
}

export { Code, ALL_CODES, CODE_HELP } from './codes';
export type { TipLensSettings } from './settings';
export { defaultSettings, validateSettings } from './settings';
export type { DraftAnalysis } from './analysis';
export { firstWords };
export { provideCiteSentence } from './codeActions';
