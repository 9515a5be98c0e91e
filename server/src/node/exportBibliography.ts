/** A bibliography's text in one of the export formats (CSL JSON and RIS here; BibTeX by Citation.js, loaded only for it). */
import { cslJson, risOf, type BibliographyFormat, type CslItem } from '../service/bibliography';

export function bibliographyText(items: readonly CslItem[], format: BibliographyFormat): string {
  if (format === 'csl-json') return cslJson(items);
  if (format === 'ris') return risOf(items);
  // The build points this at dist/lib/bibtex.js (esbuild.mjs, lazyBibtex): nothing of Citation.js loads before this line runs.
  const { formatBibtex } = require('./bibtexFormat') as typeof import('./bibtexFormat');
  return formatBibtex(items);
}
