/** Offsets <-> LSP positions in report texts (cached line tables). */
import type { Position, Range } from 'vscode-languageserver-types';
import type { Report, Span } from '../model/kb';
import { derived, derivedKey } from '../model/derived';

const LINE_STARTS = derivedKey<number[]>('line starts');

function lineStarts(report: Report): number[] {
  return derived(report, LINE_STARTS, () => {
    const t = [0];
    const text = report.text;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) t.push(i + 1);
    return t;
  });
}

/** The line (0-based) holding `offset`, given the offsets where lines start. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function positionInReport(report: Report, offset: number): Position {
  const t = lineStarts(report);
  const line = lineOf(t, offset);
  return { line, character: offset - t[line] };
}

export function rangeInReport(report: Report, span: Span): Range {
  return { start: positionInReport(report, span.start), end: positionInReport(report, span.end) };
}
