/**
 * Completion of references, triggered by `@` (and `/` after a report id):
 * fuzzy over the recommendations' and paragraphs' text, so `@scam` offers
 * KHM-2023/R1; report ids (`@KHM-2` → KHM-2022, KHM-2023); item keys after
 * `@KHM-2023/`; short keys (`@R1`) when the draft has a default report; and the
 * value of `tip-report:` in the front matter.
 *
 * VS Code filters completion items by the text between the edit range's start
 * and the cursor. Every item's `filterText` is exactly that text, so each fuzzy
 * result survives the client's filter and `sortText` alone decides the order;
 * the list is incomplete, so the client asks again as the user types.
 *
 * A recommendation or paragraph item carries its text as documentation. A report id
 * item's summary (tier, recommendations, sections) needs the report ingested, so it
 * comes on completionItem/resolve: `@THA` then ingests no report at all.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftReading } from './analysis';
import { citationLabel, type KnowledgeBase, type Report } from '../model/kb';
import { escapeMarkdown, reportSummary } from './hover';
import { firstWords, itemTitle, reportItems, searchItems, type ReportItem } from './search';
import { type CancellationToken, throwIfCancelled } from './types';

const KEY_CHAR = /[\w./:-]/;
const MAX_ITEMS = 50;

export function provideCompletion(doc: TextDocument, analysis: DraftReading, kb: KnowledgeBase, position: Position, token: CancellationToken): CompletionList | null {
  throwIfCancelled(token);
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const fm = analysis.draft.frontMatter;
  if (fm && offset < fm.span.end) return frontMatterCompletion(doc, text, offset, kb);
  // Walk back over the key being typed to its `@`.
  let start = offset;
  while (start > 0 && offset - start < 200 && KEY_CHAR.test(text[start - 1])) start--;
  const at = start - 1;
  if (at < 0 || text[at] !== '@') return null;
  // Not an e-mail address (word@host), not inside code or a comment (masked in the prose).
  if (at > 0 && /[\w@]/.test(text[at - 1])) return null;
  if (analysis.draft.prose[at] !== '@') return null;
  let end = offset;
  while (end < text.length && end - offset < 200 && KEY_CHAR.test(text[end])) end++;
  const query = text.slice(start, offset);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const before = text.slice(lineStart, at);
  const inBracket = before.lastIndexOf('[') > before.lastIndexOf(']');
  const after = text.slice(end, lineEnd);
  const closed = inBracket && /^[^[]*\]/.test(after);
  // Inside `[@…` the key is replaced; a bare `@…` becomes a whole `[@KEY]`.
  const editStart = inBracket ? start : at;
  const range: Range = { start: doc.positionAt(editStart), end: doc.positionAt(end) };
  const filterText = text.slice(editStart, offset);
  const wrap = (key: string) => (inBracket ? (closed ? key : `${key}]`) : `[@${key}]`);
  const items: CompletionItem[] = [];
  const add = (item: CompletionItem) => {
    item.sortText = String(items.length).padStart(4, '0');
    item.filterText = filterText;
    items.push(item);
  };
  const defaultReport = analysis.defaultReport ? kb.get(analysis.defaultReport) : undefined;
  const addItem = (it: ReportItem) => {
    const short = defaultReport === it.report;
    add(itemCompletion(it, wrap(short ? it.key : it.anchor), range, short));
  };

  const scoped = /^([A-Za-z]{3}-\d{4})\/(.*)$/.exec(query);
  if (scoped) {
    const report = kb.get(scoped[1]);
    if (!report) return { isIncomplete: true, items: [] };
    const rest = scoped[2];
    const byKey = reportItems(report).filter((i) => i.key.toLowerCase().startsWith(rest.toLowerCase()));
    const list = byKey.length > 0 ? byKey : searchItems(kb, `${report.id} ${rest}`, { limit: MAX_ITEMS }, token).map((h) => h.item);
    for (const it of list.slice(0, MAX_ITEMS)) add(itemCompletion(it, wrap(it.anchor), range, false));
    return { isIncomplete: true, items };
  }
  // Report ids: `@KHM`, `@KHM-2`, `@khm-2023`.
  if (/^[A-Za-z]{1,3}(?:-\d{0,4})?$/.test(query)) {
    const q = query.toUpperCase();
    const ids = kb.all().filter((r) => r.id.startsWith(q));
    ids.sort((a, b) => (a === defaultReport ? -1 : b === defaultReport ? 1 : b.manifest.edition - a.manifest.edition || (a.id < b.id ? -1 : 1)));
    for (const r of ids.slice(0, MAX_ITEMS)) add(reportCompletion(r, wrap(r.id), range));
    if (query.includes('-')) return { isIncomplete: true, items };
  }
  // Short keys of the default report: `@R`, `@R1`.
  if (defaultReport && /^R\d*$/i.test(query)) {
    for (const it of reportItems(defaultReport)) if (it.kind === 'recommendation' && it.key.toLowerCase().startsWith(query.toLowerCase())) addItem(it);
  }
  if (query.length === 0) {
    // Just typed `@`: the default report's recommendations, in report order, then report ids.
    if (defaultReport) for (const it of reportItems(defaultReport)) if (it.kind === 'recommendation') addItem(it);
    for (const r of kb.all().slice(0, MAX_ITEMS)) add(reportCompletion(r, wrap(r.id), range));
    return { isIncomplete: true, items };
  }
  if (query.length >= 2) {
    const seen = new Set(items.map((i) => i.label));
    for (const hit of searchItems(kb, query.replace(/[-_./:]+/g, ' '), { preferReport: defaultReport?.id, alsoPrefer: citedReports(analysis), limit: MAX_ITEMS }, token)) {
      if (seen.has(hit.item.anchor)) continue;
      addItem(hit.item);
    }
  }
  return { isIncomplete: true, items };
}

/** Reports the draft already cites, most cited first: ranked before the rest of the knowledge base. */
function citedReports(analysis: DraftReading): string[] {
  const counts = new Map<string, number>();
  for (const r of analysis.references) if (r.target) counts.set(r.target.report.id, (counts.get(r.target.report.id) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id).slice(0, 5);
}

/** An item's detail and documentation, worked out once per item (the same items come back keystroke after keystroke). */
const itemTexts = new WeakMap<ReportItem, { detail: string; documentation: string; description: string }>();

function itemCompletion(it: ReportItem, insert: string, range: Range, short: boolean): CompletionItem {
  let t = itemTexts.get(it);
  if (!t) {
    t = {
      detail: firstWords(it.text),
      documentation: `${it.text
        .split(/\r?\n/)
        .map((l) => `> ${escapeMarkdown(l)}`)
        .join('\n')}\n\n${escapeMarkdown(citationLabel(it.report, it.key))}`,
      description: itemTitle(it),
    };
    itemTexts.set(it, t);
  }
  return {
    label: it.anchor,
    labelDetails: { description: short ? `@${it.key}` : t.description },
    kind: it.kind === 'recommendation' ? CompletionItemKind.Reference : CompletionItemKind.Text,
    detail: t.detail,
    documentation: { kind: MarkupKind.Markdown, value: t.documentation },
    textEdit: { range, newText: insert },
  };
}

/** `data` of a report id item: its documentation comes on resolve. */
interface ReportItemData {
  tipLensReport: string;
}

function reportCompletion(r: Report, insert: string, range: Range): CompletionItem {
  const data: ReportItemData = { tipLensReport: r.id };
  return {
    label: r.id,
    labelDetails: { description: citationLabel(r) },
    kind: CompletionItemKind.Module,
    detail: citationLabel(r),
    textEdit: { range, newText: insert },
    data,
  };
}

/** completionItem/resolve: a report id item gets the report's summary as documentation; other items come back as they are. */
export function resolveCompletion(item: CompletionItem, kb: KnowledgeBase, token: CancellationToken): CompletionItem {
  throwIfCancelled(token);
  const data = item.data as Partial<ReportItemData> | null | undefined;
  const report = data && typeof data.tipLensReport === 'string' ? kb.get(data.tipLensReport) : undefined;
  if (!report || item.documentation) return item;
  return { ...item, documentation: { kind: MarkupKind.Markdown, value: reportSummary(report) } };
}

/** `tip-report: KH|` in the front matter: report ids. */
function frontMatterCompletion(doc: TextDocument, text: string, offset: number, kb: KnowledgeBase): CompletionList | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^tip-report:[ \t]*(["']?)([\w-]*)$/.exec(text.slice(lineStart, offset));
  if (!m) return null;
  const valueStart = offset - m[2].length;
  let end = offset;
  while (end < text.length && /[\w-]/.test(text[end])) end++;
  const range: Range = { start: doc.positionAt(valueStart), end: doc.positionAt(end) };
  const q = m[2].toUpperCase();
  const reports = kb
    .all()
    .filter((r) => r.id.startsWith(q) || r.manifest.country.toUpperCase().startsWith(q))
    .sort((a, b) => b.manifest.edition - a.manifest.edition || (a.id < b.id ? -1 : 1));
  const items = reports.slice(0, MAX_ITEMS).map((r, i) => ({ ...reportCompletion(r, r.id, range), sortText: String(i).padStart(4, '0'), filterText: m[2] }));
  return { isIncomplete: reports.length > MAX_ITEMS, items };
}
