/**
 * Shared by the engine feature tests (hover, completion, code actions, navigation,
 * symbols, coverage, search, report text): the real bundled knowledge base, in-memory
 * TextDocuments, and caret markers (`^`) for positions in fixture strings.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { loadKnowledgeBase } from '../../server/src/node/loadReports';
import { createTipLensService, type TipLensService } from '../../server/src/service/index';
import type { DraftAnalysis } from '../../server/src/service/analysis';
import { KnowledgeBase, type Report } from '../../server/src/model/kb';
import { lazyReport } from '../../server/src/ingest';
import type { Finding } from '../../server/src/service/types';
import { NEVER_CANCELLED } from '../../server/src/service/types';
import { validateSettings } from '../../server/src/service/settings';

let shared: KnowledgeBase | undefined;
export function bundledKb(): KnowledgeBase {
  shared ??= loadKnowledgeBase();
  return shared;
}

export function service(rawSettings?: unknown): TipLensService {
  return createTipLensService({ kb: bundledKb(), settings: validateSettings(rawSettings).settings });
}

let n = 0;
/** A draft with `^` markers removed; `at[i]` is the position of the i-th marker. */
export function draft(marked: string, languageId = 'markdown', uri = `file:///drafts/d${++n}.md`): { doc: TextDocument; at: Position[]; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  for (const ch of marked) {
    if (ch === '^') offsets.push(text.length);
    else text += ch;
  }
  const doc = TextDocument.create(uri, languageId, 1, text);
  return { doc, at: offsets.map((o) => doc.positionAt(o)), offsets };
}

export const token = NEVER_CANCELLED;
export const cancelled = { isCancellationRequested: true } as const;

export function report(id: string): Report {
  const r = bundledKb().get(id);
  if (!r) throw new Error(`no bundled report ${id}`);
  return r;
}

/**
 * The bundled reports plus `QQQ-2021`, a copy of KHM-2022 loaded as the loader loads
 * narratives (ingested on first use): whether a feature ran the checks shows in
 * whether `cited` has been ingested after it.
 */
export function kbWithLazyCopy(): { kb: KnowledgeBase; cited: Report } {
  const base = report('KHM-2022');
  const kb = new KnowledgeBase([report('KHM-2023'), base]);
  const cited = lazyReport({ ...base.manifest, id: 'QQQ-2021', iso3: 'QQQ', edition: 2021 }, base.text, base.file);
  kb.add(cited);
  return { kb, cited };
}

/**
 * A finding as the checks produce it, on the text `needle` of the draft, for the
 * fact of `reportId` whose number reads `factText` (the checks may still be in
 * progress; this pins the features that consume findings).
 */
export function findingFor(doc: TextDocument, needle: string, reportId: string, factText: string, status: Finding['status'] = 'match', cited = false): Finding {
  const r = report(reportId);
  const fact = r.facts.find((f) => r.text.slice(f.span.start, f.span.end) === factText);
  if (!fact) throw new Error(`no fact "${factText}" in ${reportId}`);
  const sentence = r.sentences[fact.sentence];
  const start = doc.getText().indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" not in the draft`);
  return {
    kind: fact.kind === 'tier' ? 'tier' : 'figure',
    span: { start, end: start + needle.length },
    status,
    report: r,
    fact,
    anchor: `${r.id}/${sentence.paragraph}`,
    source: sentence.span,
    highlight: fact.span,
    cited,
  };
}

/** The service's analysis with extra findings added (as check.ts would). */
export function withFindings(svc: TipLensService, doc: TextDocument, findings: Finding[]): DraftAnalysis {
  const a = svc.analyze(doc, token);
  a.findings.push(...findings.filter((f) => !a.findings.some((g) => g.span.start === f.span.start && g.span.end === f.span.end)));
  return a;
}
