/**
 * `tip-lens kb export [--report ID|PATH]… [--format csl-json|bibtex|ris] [--items|--no-items] [--draft FILE]… [-o FILE]`:
 * the loaded reports as a bibliography, so that `pandoc --citeproc --bibliography FILE` renders `[@KHM-2023/R13]`.
 * With `--draft`, every item the draft cites gets an entry (whatever --items says), and its short references
 * (`[@R13]` under `tip-report: KHM-2023`) get entries under the key as written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ParseArgsConfig } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { KnowledgeBase } from '../model/kb';
import { draftItems, inTextReferences, BIBLIOGRAPHY_FORMATS, cslItems, type BibliographyFormat } from '../service/bibliography';
import { createTipLensService } from '../service/index';
import { defaultSettings } from '../service/settings';
import { NEVER_CANCELLED } from '../service/types';
import { bibliographyText } from '../node/exportBibliography';
import { namedReports, splitReportArgs } from './common';

export interface ExportDeps {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Throws the CLI's usage error (exit 2). */
  usage: (message: string) => never;
  loadKb: (paths: string[]) => KnowledgeBase;
  readDraft: (file: string) => { file: string; text: string };
  shownName: (file: string) => string;
}

export interface ExportValues {
  report: string[];
  format: string;
  items: boolean;
  'no-items': boolean;
  draft: string[];
  output?: string;
}

/** parseArgs options; the values they give have the shape ExportValues. */
export const EXPORT_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  report: { type: 'string', multiple: true, default: [] },
  format: { type: 'string', default: 'csl-json' },
  items: { type: 'boolean', default: false },
  'no-items': { type: 'boolean', default: false },
  draft: { type: 'string', multiple: true, default: [] },
  output: { type: 'string', short: 'o' },
};

export function kbExport(values: ExportValues, deps: ExportDeps): number {
  const format = values.format as BibliographyFormat;
  if (!BIBLIOGRAPHY_FORMATS.includes(format)) deps.usage(`--format must be ${BIBLIOGRAPHY_FORMATS.join(', ')} (got "${values.format}")`);
  if (values.items && values['no-items']) deps.usage('--items and --no-items contradict each other');
  const { ids, paths } = splitReportArgs(values.report);
  const drafts = values.draft.map((f) => deps.readDraft(f));
  const kb = deps.loadKb(paths);
  const reports = namedReports(kb, ids, deps.usage);
  // Items (one entry per recommendation and paragraph) by default in CSL JSON, which pandoc reads; on request in BibTeX and RIS, which people import.
  const items = values['no-items'] ? false : values.items || format === 'csl-json';
  const entries = cslItems(reports, { items });
  const have = new Set(entries.map((e) => e.id));
  if (drafts.length) {
    const service = createTipLensService({ kb, settings: defaultSettings() });
    for (const d of drafts) {
      const doc = TextDocument.create(pathToFileURL(path.resolve(d.file)).href, /\.txt$/i.test(d.file) ? 'plaintext' : 'markdown', 1, d.text);
      const analysis = service.analyze(doc, NEVER_CANCELLED);
      for (const e of draftItems([...analysis.references, ...inTextReferences(analysis.draft, kb)])) {
        if (!have.has(e.id)) {
          have.add(e.id);
          entries.push(e);
        }
      }
    }
  }
  const text = bibliographyText(entries, format);
  if (values.output === undefined || values.output === '-') {
    deps.out(text);
    return 0;
  }
  const file = values.output;
  try {
    if (fs.existsSync(file) && !fs.statSync(file).isFile()) deps.usage(`cannot write ${deps.shownName(file)}: not a regular file`);
    fs.writeFileSync(file, text);
  } catch (e) {
    if ((e as { code?: string }).code === undefined) throw e;
    deps.err(`tip-lens: cannot write ${deps.shownName(file)}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}\n`);
    return 2;
  }
  deps.err(`wrote ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} (${format}) to ${deps.shownName(file)}\n`);
  return 0;
}
