/**
 * BibTeX from CSL JSON, serialised by Citation.js (its plugin-bibtex maps CSL types and fields to BibTeX's and
 * escapes TeX's special characters). A library of about 0.7 MB: the build puts it in dist/lib/bibtex.js, loaded
 * only by the command that writes BibTeX (see esbuild.mjs), never at the language server's start.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { CslItem } from '../service/bibliography';

export function formatBibtex(items: readonly CslItem[]): string {
  const config = plugins.config.get('@bibtex');
  // The citation keys are the drafts' keys (KHM-2023/R13): kept as they are, not made up from author and year.
  config.format.useIdAsLabel = true;
  config.format.checkLabel = false;
  // Citation.js copies `number` into BibTeX's `number`; for a chapter that is the item key, which BibTeX styles would print as a report number.
  const data = items.map((it) => {
    const { number: _number, ...rest } = it;
    return rest;
  });
  const out = new Cite(data).format('bibtex');
  return out.endsWith('\n') ? out : out + '\n';
}
