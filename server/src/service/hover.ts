/**
 * Hover: on a reference (the recommendation's or paragraph's own words), on a
 * figure, quote or tier claim the checks matched (the source sentence with the
 * matched part in bold), and on `tip-report:` in the front matter (the report
 * and the draft's coverage of its recommendations). Each ends with the
 * citation label and a command link that opens the source.
 */
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis } from './analysis';
import { citationLabel, reportUri, sectionTitle, type KnowledgeBase, type Report, type Span } from '../model/kb';
import { rangeInReport } from './positions';
import { describeQuoteChanges } from './quoteDiff';
import { sentenceClosedBy } from './checks/context';
import { supportingItems } from './checks/referenceMismatch';
import { kbIndex } from './kbIndex';
import { Commands, type ShowSourceArgs } from '../protocol';
import { coverageMarkdown, provideCoverage } from './coverage';
import { findingAt, onFrontMatterReport, referenceAt } from './navigation';
import { type CancellationToken, type DraftReference, type Finding, throwIfCancelled } from './types';

/** Escapes Markdown so report text shows as written. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&').replace(/^(\s*)([-=])/gm, '$1\\$2');
}

/** `command:tipLens.showSource?…` opening the source at `span`. */
export function showSourceLink(report: Report, span: Span, title = 'Open source'): string {
  const args: ShowSourceArgs = { uri: reportUri(report.id), range: rangeInReport(report, span) };
  return `[${title}](command:${Commands.showSource}?${encodeURIComponent(JSON.stringify(args))} "${citationLabel(report)}")`;
}

/** The hover of a reference, from the draft's references alone (no checks needed): null when the position is on none. */
export function provideReferenceHover(doc: TextDocument, reading: Pick<DraftAnalysis, 'references' | 'draft'> & { findings?: Finding[] }, position: Position, token: CancellationToken, kb?: KnowledgeBase): Hover | null {
  throwIfCancelled(token);
  const ref = referenceAt(reading, doc.offsetAt(position));
  if (!ref) return null;
  const findings = reading.findings ? findingsBefore({ findings: reading.findings, draft: reading.draft }, ref) : [];
  const parts = [referenceHover(ref, findings)];
  const support = kb ? supportLine(kb, reading.draft, ref, reading.findings ?? []) : undefined;
  if (support) parts.push(support);
  return markdown(parts.join('\n\n'), { start: doc.positionAt(ref.span.start), end: doc.positionAt(ref.span.end) });
}

/**
 * Whether the item a reference names supports the sentence it ends: said only when the retrieval is sure
 * (the cited item is among the best supported, or another item of the report clearly is); else nothing.
 */
function supportLine(kb: KnowledgeBase, draft: DraftAnalysis['draft'], ref: DraftReference, findings: readonly Finding[]): string | undefined {
  const target = ref.target;
  if (!target || target.kind === 'report') return undefined;
  const sentence = sentenceClosedBy(draft.sentences, draft.prose, ref.bracket.start);
  if (!sentence || ref.bracket.start - sentence.start < 12) return undefined;
  const found = supportingItems(kbIndex(kb), draft.prose, { start: sentence.start, end: ref.bracket.start }, findings, [target.report]);
  if (found.length === 0) return undefined;
  if (found.some((f) => f.item.anchor === target.anchor)) return `✓ *This sentence is supported by ${escapeMarkdown(target.anchor)}.*`;
  const best = found[0];
  return `*This sentence reads more like **${escapeMarkdown(best.item.anchor)}** (${escapeMarkdown(citationLabel(best.report, best.item.key))}).*`;
}

export function provideHover(doc: TextDocument, analysis: DraftAnalysis, kb: KnowledgeBase, position: Position, token: CancellationToken): Hover | null {
  throwIfCancelled(token);
  const offset = doc.offsetAt(position);
  const range = (s: Span): Range => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });
  const ref = referenceAt(analysis, offset);
  if (ref) return markdown(referenceHover(ref, findingsBefore(analysis, ref)), range(ref.span));
  const finding = findingAt(analysis, offset);
  if (finding) return markdown(findingHover(finding, doc.getText().slice(finding.span.start, finding.span.end)), range(finding.span));
  if (onFrontMatterReport(analysis, offset)) {
    const span = analysis.draft.frontMatter!.tipReportSpan!;
    const report = analysis.defaultReport ? kb.get(analysis.defaultReport) : undefined;
    if (!report) return markdown(`No report **${escapeMarkdown(analysis.defaultReport ?? '')}** is loaded (loaded: ${kb.all().slice(0, 8).map((r) => r.id).join(', ')}).`, range(span));
    const parts = [reportSummary(report)];
    const c = provideCoverage(doc, analysis, kb, token);
    if (c && c.reportId === report.id && c.total > 0) parts.push(coverageMarkdown(c, escapeMarkdown));
    return markdown(parts.join('\n\n'), range(span));
  }
  return null;
}

function markdown(value: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join('\n');
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** A paragraph longer than this is shown by the sentences that matter, with a link to the whole of it. */
const LONG_ITEM = 500;

/**
 * The hover of a reference: where it points in the report's terms first (edition, country, section ¶ or
 * recommendation, and a link to the source), then the item's words. A long paragraph shows only the
 * sentences the draft's claims before the reference were compared with (else its first two), and a link
 * that opens the whole paragraph.
 */
function referenceHover(ref: DraftReference, findings: readonly Finding[] = []): string {
  if (!ref.target) return `**[@${escapeMarkdown(ref.raw)}]**: ${escapeMarkdown(ref.problem ?? 'not a known report item')}`;
  const { report, kind, span } = ref.target;
  if (kind === 'report') return reportSummary(report);
  const head = `**${escapeMarkdown(ref.target.anchor)}** · ${escapeMarkdown(citationLabel(report, ref.item))} · ${showSourceLink(report, span)}`;
  if (span.end - span.start <= LONG_ITEM) return [head, quote(escapeMarkdown(oneLine(report.text.slice(span.start, span.end))))].join('\n\n');
  const inside = report.sentences.filter((x) => x.span.start >= span.start && x.span.end <= span.end);
  const compared = inside.filter((x) => findings.some((f) => f.report === report && f.source.start < x.span.end && f.source.end > x.span.start));
  const shown = compared.length > 0 ? compared : inside.slice(0, 2);
  const parts = [head];
  if (compared.length > 0) parts.push(`*The sentence${compared.length === 1 ? '' : 's'} this claim was compared with:*`);
  parts.push(quote(shown.map((x) => escapeMarkdown(oneLine(report.text.slice(x.span.start, x.span.end)))).join(' … ')));
  if (shown.length < inside.length) parts.push(showSourceLink(report, span, `Show whole paragraph (${inside.length} sentences)`));
  return parts.join('\n\n');
}

/** The findings of the draft sentence a reference ends (or follows, after its full stop). */
function findingsBefore(analysis: Pick<DraftAnalysis, 'findings' | 'draft'>, ref: DraftReference): Finding[] {
  const sentence = sentenceClosedBy(analysis.draft.sentences, analysis.draft.prose, ref.bracket.start);
  if (!sentence) return [];
  return analysis.findings.filter((f) => f.span.start >= sentence.start && f.span.end <= ref.bracket.start);
}

const STATUS: Record<Finding['status'], string> = {
  match: 'Matches the report',
  mismatch: 'The report says otherwise',
  'wrong-year': 'The report gives this for another year or edition',
  'not-found': 'Not found in the loaded report text',
};

function findingHover(f: Finding, claimed: string): string {
  const { report } = f;
  const src = report.text;
  const s = f.source;
  const h = f.highlight && f.highlight.start >= s.start && f.highlight.end <= s.end && f.highlight.end > f.highlight.start ? f.highlight : undefined;
  const sentence = h
    ? `${escapeMarkdown(oneLine(src.slice(s.start, h.start)))}${/\s$/.test(src.slice(s.start, h.start)) ? ' ' : ''}**${escapeMarkdown(oneLine(src.slice(h.start, h.end)))}**${/^\s/.test(src.slice(h.end, s.end)) ? ' ' : ''}${escapeMarkdown(oneLine(src.slice(h.end, s.end)))}`
    : escapeMarkdown(oneLine(src.slice(s.start, s.end)));
  const what = f.kind === 'tier' ? 'Tier placement' : f.kind === 'quote' ? 'Quote' : 'Figure';
  const anchorItem = f.anchor.includes('/') ? f.anchor.slice(f.anchor.indexOf('/') + 1) : undefined;
  const status = f.kind === 'quote' && f.status === 'mismatch' ? 'Differs from the report’s wording' : STATUS[f.status];
  const lines = [`**${what}** · ${status}`, quote(sentence.trim()), `${escapeMarkdown(citationLabel(report, anchorItem))} · ${showSourceLink(report, s)}`];
  if (f.kind === 'quote' && f.status === 'mismatch') {
    const changes = describeQuoteChanges(claimed, src.slice((h ?? s).start, (h ?? s).end));
    if (changes) lines.splice(1, 0, `*What differs:* ${escapeMarkdown(changes)}`);
  }
  if (f.evidence?.length) lines.push(`*Why this sentence:* ${escapeMarkdown(f.evidence.join('; '))}.`);
  const tier = f.fact?.tier ?? report.manifest.tier;
  if (f.kind === 'tier' && tier) {
    const when = f.fact?.year && f.fact.year !== report.manifest.edition ? ` in ${f.fact.year}` : '';
    lines.splice(1, 0, `The ${report.manifest.edition} report places ${escapeMarkdown(report.manifest.country)} on **${tier}**${when}.`);
  }
  return lines.join('\n\n');
}

/** The report at a glance: edition, country, tier, what the loaded text holds, the publisher's source. */
export function reportSummary(report: Report): string {
  const m = report.manifest;
  const facts: string[] = [];
  if (m.tier) facts.push(m.tier);
  facts.push(`data year ${m.dataYear}`);
  facts.push(`${report.recommendations.length} prioritized recommendation${report.recommendations.length === 1 ? '' : 's'}`);
  const sections = report.sections.map((s) => sectionTitle(report, s.slug)).join(', ');
  const lines = [
    `**${escapeMarkdown(citationLabel(report))}** (${report.id})`,
    facts.map(escapeMarkdown).join(' · '),
    `Loaded text: ${escapeMarkdown(sections)}${report.partial ? ' (partial narrative)' : ''}`,
  ];
  if (m.source?.url) lines.push(`Source: [${escapeMarkdown(m.source.title || m.source.publisher)}](${m.source.url}) · ${showSourceLink(report, { start: 0, end: 0 })}`);
  else lines.push(showSourceLink(report, { start: 0, end: 0 }));
  return lines.join('\n\n');
}
