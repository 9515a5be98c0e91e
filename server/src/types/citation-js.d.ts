/** The part of Citation.js (https://citation.js.org) that the BibTeX export uses; the packages ship no types. */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    format(format: 'bibtex' | 'biblatex' | 'data', options?: Record<string, unknown>): string;
  }
  export const plugins: {
    config: { get(name: string): { format: { useIdAsLabel: boolean; checkLabel: boolean; asciiOnly: boolean } } };
  };
}
declare module '@citation-js/plugin-bibtex';
