/** One analysis per document version: the draft's reading, its references and what it says about the reports. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { KnowledgeBase, Span } from '../model/kb';
import { defaultReportOf, findReferences, readDraft, type DraftText } from './draft';
import type { TipLensSettings } from './settings';
import { type CancellationToken, type DraftReference, type Finding, throwIfCancelled } from './types';
import { draftBibliography, type BibliographyLoader, type DraftBibliography } from './draftBibliography';
import { checkClaims, type DraftMemo, type ExplainNote, type Problem } from './check';

export interface DraftAnalysis {
  uri: string;
  version: number;
  draft: DraftText;
  defaultReport?: string;
  references: DraftReference[];
  /** Figures, quotes and tier claims matched against the reports (hover, diagnostics, fixes). */
  findings: Finding[];
  /** Everything the checks found, before severity settings and suppressions. */
  problems: Problem[];
  /** Why each claim read was compared or left alone, when the service was asked to explain (tip-lens check --explain). */
  notes: ExplainNote[];
}

/** The draft read (front matter, masks, blocks, sentences) and its references resolved, without the checks: enough for completion and reference hovers. */
export type DraftReading = Pick<DraftAnalysis, 'draft' | 'defaultReport' | 'references'>;

/** With a `memo`, the last version's reading is spliced for an edit inside one line (draftSplice.ts), unless tipLens.fullCheck. */
export function readDocument(doc: TextDocument, kb: KnowledgeBase, settings: TipLensSettings, token: CancellationToken, loadBibliography?: BibliographyLoader, memo?: DraftMemo): DraftReading {
  throwIfCancelled(token);
  const reader = settings.fullCheck ? undefined : memo?.reader;
  const draft = reader ? reader.read(doc.getText(), doc.languageId) : readDraft(doc.getText(), doc.languageId);
  const defaultReport = defaultReportOf(draft, settings.defaultReport);
  const bib = bibliographyOf(doc.uri, draft, kb, loadBibliography);
  const scan = (_: string, from: number, to: number) => findReferences(draft, kb, defaultReport, bib, from, to);
  // (The key: what resolving reads besides the line; a report added to the knowledge base changes its size.)
  const lines = reader && memo?.references;
  return { draft, defaultReport, references: lines ? lines.get(draft.prose, [kb, kb.reports.size, defaultReport, bib], scan, movedReference()) : scan(draft.prose, 0, draft.prose.length) };
}

/** Moves a reference by `delta`, the keys of one bracket keeping one bracket object. */
function movedReference(): (r: DraftReference, delta: number) => DraftReference {
  let from: Span | undefined;
  let to: Span | undefined;
  return (r, delta) => {
    if (r.bracket !== from || !to) {
      from = r.bracket;
      to = { start: from.start + delta, end: from.end + delta };
    }
    return { ...r, bracket: to, span: { start: r.span.start + delta, end: r.span.end + delta } };
  };
}

/** The draft's own bibliography (front matter `references:` and the `bibliography:` files the front end reads), or undefined when it has none. */
function bibliographyOf(uri: string, draft: DraftText, kb: KnowledgeBase, load: BibliographyLoader | undefined): DraftBibliography | undefined {
  const fm = draft.frontMatter;
  if (!fm?.references?.length && !fm?.bibliography?.length) return undefined;
  const entries = [...(fm.references ?? [])];
  if (load) for (const p of fm.bibliography ?? []) entries.push(...(load(uri, p).entries ?? []));
  return draftBibliography(kb, entries);
}

/** The reading (made here unless the caller already has this version's) and what the checks find in it. */
export function analyzeDocument(doc: TextDocument, kb: KnowledgeBase, settings: TipLensSettings, token: CancellationToken, given?: DraftReading, memo?: DraftMemo, explain = false): DraftAnalysis {
  const { draft, defaultReport, references } = given ?? readDocument(doc, kb, settings, token, undefined, memo);
  throwIfCancelled(token);
  const notes: ExplainNote[] = [];
  // tipLens.fullCheck: every block checked again (the incremental re-check's results are the same; this is for debugging it).
  const used = memo && settings.fullCheck ? { sentences: memo.sentences, quotes: memo.quotes } : memo;
  const { findings, problems } = checkClaims({ draft, kb, references, defaultReport, explain: explain ? (n) => notes.push(n) : undefined, memo: used }, token);
  return { uri: doc.uri, version: doc.version, draft, defaultReport, references, findings, problems, notes };
}
