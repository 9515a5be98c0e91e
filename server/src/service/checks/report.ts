/** What a finding or a problem says of the report fact it rests on: anchor, source sentence, wording. */
import type { Code } from '../codes';
import { citationLabel, reportUri, type Fact, type Report, type Span } from '../../model/kb';
import { rangeInReport } from '../positions';
import type { DiagnosticData, DraftReference, Finding } from '../types';
import type { Problem } from './types';
import { derived, derivedKey } from '../../model/derived';

/** What a diagnostic quotes of a fact's source: the same for every claim checked against that fact, so worked out once per fact. */
interface FactSource {
  anchor: string;
  sourceText?: string;
  related?: string;
}

const FACT_SOURCE = derivedKey<FactSource>('fact source');

function factSource(report: Report, fact: Fact): FactSource {
  return derived(fact, FACT_SOURCE, () => ({ anchor: fact.sentence < 0 ? report.id : paragraphAnchor(report, report.sentences[fact.sentence].paragraph) }));
}

export function anchorOf(report: Report, fact: Fact): string {
  return factSource(report, fact).anchor;
}

/** `KHM-2023/R1` for a recommendation's paragraph, else `KHM-2022/prosecution.2`. */
export function paragraphAnchor(report: Report, paragraph: string): string {
  const rec = report.recommendations.find((r) => r.paragraph === paragraph);
  // Text outside any paragraph (the narrative's title line) is cited as the whole report.
  if (!rec && !paragraph) return report.id;
  return `${report.id}/${rec ? rec.key : paragraph}`;
}

export function sentenceSpan(report: Report, fact: Fact): Span {
  return fact.sentence < 0 ? fact.span : report.sentences[fact.sentence].span;
}



/** "38 traffickers convicted in 2021", "penalties of seven to 15 years (adult victim)" */
export function describeFact(report: Report, fact: Fact, withYear = true): string {
  const n = report.text.slice(fact.span.start, fact.span.end).replace(/\s+/g, ' ');
  if (fact.kind === 'penalty') {
    const who = fact.victim ? ` for offenses involving ${fact.victim === 'child' ? 'a child' : 'an adult'} victim` : '';
    const topic = fact.topics.includes('labor law') ? ' under the labor law' : '';
    return `penalties of ${n}${fact.unitMax ? '' : ' ' + fact.unit}${who}${topic}`;
  }
  if (fact.kind === 'duration') return `a sentence of ${n} ${fact.unit}${fact.topics.length ? ` (${fact.topics.join(', ')})` : ''}`;
  if (fact.unit === 'sessions' || fact.unit === 'trainings') return `${n} training ${fact.unit === 'sessions' ? 'sessions' : 'courses'}${fact.year && withYear ? ` in ${fact.year}` : ''}`;
  // "one trafficker", "38 traffickers": units are stored plural.
  const unit = fact.values.length === 1 && fact.values[0] === 1 ? singular(fact.unit) : fact.unit;
  const form = fact.form ? ` (${fact.form})` : '';
  const action = fact.actions.length ? ' ' + fact.actions.join(' and ') : '';
  const year = fact.year && withYear ? ` in ${fact.year}` : '';
  const topic = fact.topics.length ? ` [${fact.topics.join(', ')}]` : '';
  const by = fact.attribution ? `, according to ${fact.attribution}` : '';
  return `${n} ${unit}${form}${action}${year}${topic}${by}`;
}

function singular(unit: string): string {
  return unit.endsWith('ies') ? unit.slice(0, -3) + 'y' : unit.endsWith('s') ? unit.slice(0, -1) : unit;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function finding(kind: Finding['kind'], span: Span, status: Finding['status'], report: Report, fact: Fact | undefined, ctx: { span: Span; block: Span; citations: DraftReference[] }, source?: Span, highlight?: Span): Finding {
  return {
    kind,
    span,
    status,
    report,
    fact,
    anchor: fact ? anchorOf(report, fact) : report.id,
    source: source ?? (fact ? sentenceSpan(report, fact) : { start: 0, end: 0 }),
    highlight: highlight ?? fact?.span,
    cited: ctx.citations.some((c) => c.target?.report.id === report.id),
  };
}

export function problem(code: Code, span: Span, message: string, report: Report, fact: Fact, extra: Partial<DiagnosticData>): Problem {
  const src = sentenceSpan(report, fact);
  const fs = factSource(report, fact);
  const sourceText = (fs.sourceText ??= report.text.slice(src.start, src.end));
  return {
    code,
    span,
    message,
    data: {
      code,
      anchor: fs.anchor,
      reportId: report.id,
      sourceUri: reportUri(report.id),
      sourceRange: rangeInReport(report, src),
      sourceOffsets: src,
      sourceText,
      ...extra,
    },
    // The location's name says where (itemUri); the message is the report's sentence.
    related: { report, span: src, message: (fs.related ??= clip(sourceText)) },
  };
}

export function clip(s: string, n = 200): string {
  const t = s.replace(/\s+/g, ' ');
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

/** The report sentence a fact comes from, for an explain note. */
export function explainSource(report: Report, fact: Fact): { anchor: string; text: string } {
  const src = sentenceSpan(report, fact);
  return { anchor: anchorOf(report, fact), text: clip(report.text.slice(src.start, src.end), 400) };
}
