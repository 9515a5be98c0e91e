/**
 * Workspace symbols: the prioritized recommendations of the loaded reports,
 * found by fuzzy search over their text (type "restitution" in the symbol
 * search to reach KHM-2023/R13). The name holds the full text, so the client's
 * own filter on the name keeps what the server found.
 */
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { KnowledgeBase } from '../model/kb';
import { citationLabel } from '../model/kb';
import { sourceLocation } from './navigation';
import { searchItems } from './search';
import type { CancellationToken } from './types';

export function provideWorkspaceSymbols(kb: KnowledgeBase, query: string, preferReport: string | undefined, token: CancellationToken, limit = 100): SymbolInformation[] {
  const hits = searchItems(kb, query, { preferReport, limit, kinds: ['recommendation'] }, token);
  return hits.map(({ item }) => ({
    name: `${item.anchor}: ${item.text.replace(/\s+/g, ' ').trim()}`,
    kind: SymbolKind.Key,
    containerName: citationLabel(item.report),
    location: sourceLocation(item.report, item.span),
  }));
}
