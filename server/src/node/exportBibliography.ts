/** A bibliography's text in one of the export formats (CSL JSON and RIS here; BibTeX by Citation.js, loaded only for it). */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { draftItems, inTextReferences, BIBLIOGRAPHY_EXTENSION, cslItems, cslJson, risOf, type BibliographyFormat, type CslItem } from '../service/bibliography';
import type { TipLensService } from '../service/index';
import type { CancellationToken } from '../service/types';
import type { BibliographyResult } from '../protocol';

export function bibliographyText(items: readonly CslItem[], format: BibliographyFormat): string {
  if (format === 'csl-json') return cslJson(items);
  if (format === 'ris') return risOf(items);
  // The build points this at dist/lib/bibtex.js (esbuild.mjs, lazyBibtex): nothing of Citation.js loads before this line runs.
  const { formatBibtex } = require('./bibtexFormat') as typeof import('./bibtexFormat');
  return formatBibtex(items);
}

/** The loaded reports' entries (with items by default in CSL JSON), plus entries for the draft's short references when there is a draft. */
export function exportBibliography(service: TipLensService, format: BibliographyFormat, options: { items?: boolean; doc?: TextDocument }, token: CancellationToken): BibliographyResult {
  const entries = cslItems(service.kb.all(), { items: options.items ?? format === 'csl-json' });
  if (options.doc) {
    const have = new Set(entries.map((e) => e.id));
    const analysis = service.analyze(options.doc, token);
    for (const e of draftItems([...analysis.references, ...inTextReferences(analysis.draft, service.kb)])) if (!have.has(e.id)) entries.push(e);
  }
  return { text: bibliographyText(entries, format), entries: entries.length, extension: BIBLIOGRAPHY_EXTENSION[format] };
}
