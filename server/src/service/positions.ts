/** Offsets <-> LSP positions in report texts (cached line tables). */
import type { Position, Range } from 'vscode-languageserver-types';
import type { Report, Span } from '../model/kb';
import { derived, derivedKey } from '../model/derived';
import { lineOf, lineStartsOf } from '../ingest/lines';

const LINE_STARTS = derivedKey<number[]>('line starts');

function lineStarts(report: Report): number[] {
  return derived(report, LINE_STARTS, () => lineStartsOf(report.text));
}

export { lineOf } from '../ingest/lines';

export function positionInReport(report: Report, offset: number): Position {
  const t = lineStarts(report);
  const line = lineOf(t, offset);
  return { line, character: offset - t[line] };
}

export function rangeInReport(report: Report, span: Span): Range {
  return { start: positionInReport(report, span.start), end: positionInReport(report, span.end) };
}
