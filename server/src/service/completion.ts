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
import { firstWords, reportItems, searchItems, type ReportItem } from './search';
import { type CancellationToken, throwIfCancelled } from './types';
import { sentenceClosedBy, spanAt } from './checks/context';
import { supportingItems } from './checks/referenceMismatch';
import { kbIndex } from './kbIndex';
import { derived, derivedKey } from '../model/derived';

const KEY_CHAR = /[\w./:-]/;
const MAX_ITEMS = 50;
/** A query of several words inside `[@…` is at most this long. */
const MAX_WORDS_QUERY = 80;

/** Where the key or query being typed is, what the client filters by, and how an item's key is inserted. */
interface Typed {
  /** The text typed after the `@`. */
  query: string;
  /** The `@`'s offset. */
  at: number;
  /** Inside `[@…` (the key is replaced), or a bare `@…` (it becomes a whole `[@KEY]`). */
  inBracket: boolean;
  range: Range;
  /** Exactly the text from the edit's start to the cursor (VS Code filters by it), plus a space inside brackets. */
  filterText: string;
  /** The insert text of a key: closing the bracket when it is not closed, wrapping a bare `@…`. */
  wrap(key: string): string;
}

/** What is typed at `offset` when it is a reference being written (not an e-mail address, not in code or a comment), or undefined. */
function typedReference(doc: TextDocument, text: string, prose: string, offset: number): Typed | undefined {
  // Walk back over the key being typed to its `@` (or over the words of a query typed inside `[@…`).
  let start = offset;
  while (start > 0 && offset - start < 200 && KEY_CHAR.test(text[start - 1])) start--;
  if (text[start - 1] !== '@') start = wordsQueryStart(text, offset) ?? start;
  const at = start - 1;
  if (at < 0 || text[at] !== '@') return undefined;
  // Not an e-mail address (word@host), not inside code or a comment (masked in the prose).
  if ((at > 0 && /[\w@]/.test(text[at - 1])) || prose[at] !== '@') return undefined;
  let end = offset;
  while (end < text.length && end - offset < 200 && KEY_CHAR.test(text[end])) end++;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const before = text.slice(lineStart, at);
  const inBracket = before.lastIndexOf('[') > before.lastIndexOf(']');
  const closed = inBracket && /^[^[]*\]/.test(text.slice(end, lineEnd));
  const editStart = inBracket ? start : at;
  return {
    query: text.slice(start, offset),
    at,
    inBracket,
    range: { start: doc.positionAt(editStart), end: doc.positionAt(end) },
    // Inside brackets a trailing space too: a space typed next (a query of several words) re-filters
    // locally without asking, and must not empty the list.
    filterText: text.slice(editStart, offset) + (inBracket ? ' ' : ''),
    wrap: (key) => (inBracket ? (closed ? key : `${key}]`) : `[@${key}]`),
  };
}

/** The list being made: items in the order added (sortText), each surviving the client's filter. */
class ItemList {
  readonly items: CompletionItem[] = [];
  constructor(
    private readonly typed: Typed,
    private readonly defaultReport: Report | undefined,
  ) {}

  add(item: CompletionItem): void {
    item.sortText = String(this.items.length).padStart(4, '0');
    item.filterText = this.typed.filterText;
    this.items.push(item);
  }

  /** A report item, by its short key when it is the default report's. */
  addItem(it: ReportItem): void {
    const short = this.defaultReport === it.report;
    this.add(itemCompletion(it, this.typed.wrap(short ? it.key : it.anchor), this.typed.range, short));
  }

  addReport(r: Report): void {
    this.add(reportCompletion(r, this.typed.wrap(r.id), this.typed.range));
  }

  done(): CompletionList {
    return { isIncomplete: true, items: this.items };
  }
}

export function provideCompletion(doc: TextDocument, analysis: DraftReading, kb: KnowledgeBase, position: Position, token: CancellationToken): CompletionList | null {
  throwIfCancelled(token);
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const fm = analysis.draft.frontMatter;
  if (fm && offset < fm.span.end) return frontMatterCompletion(doc, text, offset, kb);
  const typed = typedReference(doc, text, analysis.draft.prose, offset);
  if (!typed) return null;
  const { query } = typed;
  const defaultReport = analysis.defaultReport ? kb.get(analysis.defaultReport) : undefined;
  const list = new ItemList(typed, defaultReport);
  const scoped = /^([A-Za-z]{3}-\d{4})\/(.*)$/.exec(query);
  if (scoped) return scopedCompletion(kb, scoped[1], scoped[2], list, typed, token);
  // Report ids: `@KHM`, `@KHM-2`, `@khm-2023`.
  if (/^[A-Za-z]{1,3}(?:-\d{0,4})?$/.test(query)) {
    const q = query.toUpperCase();
    const ids = kb.all().filter((r) => r.id.startsWith(q));
    ids.sort((a, b) => (a === defaultReport ? -1 : b === defaultReport ? 1 : b.manifest.edition - a.manifest.edition || (a.id < b.id ? -1 : 1)));
    for (const r of ids.slice(0, MAX_ITEMS)) list.addReport(r);
    if (query.includes('-')) return list.done();
  }
  // Short keys of the default report: `@R`, `@R1`.
  if (defaultReport && /^R\d*$/i.test(query)) {
    for (const it of reportItems(defaultReport)) if (it.kind === 'recommendation' && it.key.toLowerCase().startsWith(query.toLowerCase())) list.addItem(it);
  }
  return itemsByMeaning(kb, analysis, typed, list, defaultReport, token);
}

/** After `@KHM-2023/`: the report's items by key, else by the text typed. */
function scopedCompletion(kb: KnowledgeBase, id: string, rest: string, list: ItemList, typed: Typed, token: CancellationToken): CompletionList {
  const report = kb.get(id);
  if (!report) return { isIncomplete: true, items: [] };
  const byKey = reportItems(report).filter((i) => i.key.toLowerCase().startsWith(rest.toLowerCase()));
  const found = byKey.length > 0 ? byKey : searchItems(kb, `${report.id} ${rest}`, { limit: MAX_ITEMS }, token).map((h) => h.item);
  for (const it of found.slice(0, MAX_ITEMS)) list.add(itemCompletion(it, typed.wrap(it.anchor), typed.range, false));
  return list.done();
}

/** The items the sentence before the bracket or the query typed points to, and the starting lists. */
function itemsByMeaning(kb: KnowledgeBase, analysis: DraftReading, typed: Typed, list: ItemList, defaultReport: Report | undefined, token: CancellationToken): CompletionList {
  const { query, inBracket, at } = typed;
  // What the sentence before the `[@` says: the items that support it come first (just typed `@`, or one letter).
  const supported = query.length <= 1 && inBracket ? sentenceItems(kb, analysis, at, defaultReport) : [];
  const first = new Set(supported.map((it) => it.anchor));
  for (const it of supported) list.addItem(it);
  if (query.length === 0) {
    // Just typed `@`: the default report's recommendations, in report order, then report ids.
    if (defaultReport) for (const it of reportItems(defaultReport)) if (it.kind === 'recommendation' && !first.has(it.anchor)) list.addItem(it);
    for (const r of kb.all().slice(0, MAX_ITEMS)) list.addReport(r);
    return list.done();
  }
  if (query.length >= 2) {
    const seen = new Set(list.items.map((i) => i.detail));
    for (const hit of searchItems(kb, query.replace(/[-_./:]+/g, ' '), { preferReport: defaultReport?.id, alsoPrefer: citedReports(analysis), limit: MAX_ITEMS }, token)) {
      if (!seen.has(hit.item.anchor)) list.addItem(hit.item);
    }
  }
  // One letter typed after `[@` matches nothing yet. An empty answer would close VS Code's list for good
  // (Markdown has quick suggestions off, so the next letter does not reopen it): offer the starting list,
  // which every item survives (filterText), and the next letter asks again (isIncomplete).
  if (list.items.length === supported.length && query.length === 1 && inBracket) for (const it of startItems(kb, analysis, defaultReport)) if (!first.has(it.anchor)) list.addItem(it);
  return list.done();
}

/** Where a query of several words typed inside an open `[@…` starts (after the `@`), or undefined. */
function wordsQueryStart(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const at = text.lastIndexOf('@', offset - 1);
  if (at < lineStart || offset - at > MAX_WORDS_QUERY) return undefined;
  const words = text.slice(at + 1, offset);
  if (!/^[\w.:/-]+(?: [\w.:/-]*)+$/.test(words)) return undefined;
  const before = text.slice(lineStart, at);
  return before.lastIndexOf('[') > before.lastIndexOf(']') ? at + 1 : undefined;
}

/**
 * The items that support the draft sentence ending at `at` (the `@` of a new reference), best first: one,
 * or two when they are close (the retrieval of reference.mismatch and Cite This Sentence, on words alone:
 * completion does not wait for the checks). Looked for in the default report and the reports the draft cites.
 */
function sentenceItems(kb: KnowledgeBase, analysis: DraftReading, at: number, defaultReport: Report | undefined): ReportItem[] {
  const { prose, sentences } = analysis.draft;
  // The sentence the new bracket (its '[' just before `at`) closes, by binary search (completion runs on every keystroke).
  const sentence = sentenceClosedBy(sentences, prose, at - 1) ?? spanAt(sentences, at - 2);
  if (!sentence || at - sentence.start < 12) return [];
  const reports = new Set<Report>(defaultReport ? [defaultReport] : []);
  for (const id of citedReports(analysis)) {
    const r = kb.get(id);
    if (r) reports.add(r);
  }
  if (reports.size === 0) return [];
  const found = supportingItems(kbIndex(kb), prose, { start: sentence.start, end: at - 1 }, [], reports);
  return found.flatMap((f) => reportItems(f.report).filter((it) => it.anchor === f.item.anchor));
}

/** The items offered before a query means anything: the default report's recommendations, else the items of the reports the draft cites, then the newest report's recommendations. */
function startItems(kb: KnowledgeBase, analysis: DraftReading, defaultReport: Report | undefined): ReportItem[] {
  const newest = kb.all().reduce<Report | undefined>((a, r) => (!a || r.manifest.edition > a.manifest.edition ? r : a), undefined);
  const reports = new Set(defaultReport ? [defaultReport] : citedReports(analysis).map((id) => kb.get(id)).filter((r): r is Report => r !== undefined));
  if (!defaultReport && newest) reports.add(newest);
  const items = (r: Report) => {
    const all = reportItems(r);
    const recommendations = all.filter((it) => it.kind === 'recommendation');
    return recommendations.length > 0 ? recommendations : all;
  };
  return [...reports].flatMap(items).slice(0, MAX_ITEMS);
}

/** Reports the draft already cites, most cited first: ranked before the rest of the knowledge base. */
function citedReports(analysis: DraftReading): string[] {
  const counts = new Map<string, number>();
  for (const r of analysis.references) if (r.target) counts.set(r.target.report.id, (counts.get(r.target.report.id) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id).slice(0, 5);
}

/** An item's detail and documentation, worked out once per item (the same items come back keystroke after keystroke). */
const ITEM_TEXTS = derivedKey<{ label: string; documentation: string }>('completion texts');

function itemCompletion(it: ReportItem, insert: string, range: Range, short: boolean): CompletionItem {
  const t = derived(it, ITEM_TEXTS, () => ({
    label: `${it.key} · ${firstWords(it.text, 64)}`,
    documentation: `${it.text
      .split(/\r?\n/)
      .map((l) => `> ${escapeMarkdown(l)}`)
      .join('\n')}\n\n${escapeMarkdown(citationLabel(it.report, it.key))}`,
  }));
  // The label is what a writer recognises (the key and the item's first words); the anchor is the detail.
  return {
    label: t.label,
    labelDetails: { description: short ? `@${it.key}` : it.report.id },
    kind: it.kind === 'recommendation' ? CompletionItemKind.Reference : CompletionItemKind.Text,
    detail: it.anchor,
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
