/** Every diagnostic TIP Lens emits has one of these codes (DESIGN.md, "What the engine does"). */
export enum Code {
  ReferenceUnknown = 'reference.unknown',
  ReferenceMismatch = 'reference.mismatch',
  FigureMismatch = 'figure.mismatch',
  FigureWrongYear = 'figure.wrong-year',
  TierMismatch = 'tier.mismatch',
  QuoteMismatch = 'quote.mismatch',
  QuoteNotFound = 'quote.not-found',
  CitationMissing = 'citation.missing',
}

export const ALL_CODES: readonly Code[] = Object.values(Code);

/** One line of help per code: used in SARIF rules, the README and `tip-lens --help`. */
export const CODE_HELP: Readonly<Record<Code, string>> = {
  [Code.ReferenceUnknown]: 'A reference such as [@KHM-2023/R18] names a report, recommendation or paragraph that is not in the loaded knowledge base.',
  [Code.ReferenceMismatch]: 'A reference such as [@KHM-2023/R12] names an existing item that does not support its sentence, while another item of the loaded reports clearly does; the fix replaces the key.',
  [Code.FigureMismatch]: 'A number in the draft is about the same thing as a figure in the report (same action, subject, year) but has a different value.',
  [Code.FigureWrongYear]: 'The number is right, but the report gives it for another year or edition than the draft says.',
  [Code.TierMismatch]: 'A tier placement in the draft contradicts the report (for example Tier 2 where the report says Tier 3).',
  [Code.QuoteMismatch]: 'Quoted text attributed to the report differs from the source wording; the fix restores the exact words.',
  [Code.QuoteNotFound]: 'Quoted text attributed to the report appears in no loaded report text.',
  [Code.CitationMissing]: 'A figure or quote that matches the report has no citation near it; the fix inserts one.',
};
