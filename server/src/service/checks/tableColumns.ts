/**
 * Whose numbers a Markdown table holds, from its header row: a table with a target, goal, budget or plan
 * column ("| Indicator | Target | Achieved |") is the author's own plan and results, so none of its numbers is
 * the report's, except in a column whose header names the report ("| 2021 | TIP Report 2022 |").
 */
import { TARGET_COLUMN_CUES } from '../../reading/vocab';
import { phraseRegex } from '../../reading/cues';
import { lineOf } from '../../ingest/lines';
import { REPORT_MENTION } from './context';
import { tableSeparator } from '../draft';
import type { Span } from '../../model/kb';
import { extractFigures, type Figure } from '../../ingest/figures';

const TARGET_COLUMN = phraseRegex(TARGET_COLUMN_CUES);
/** How far up a table's header row is looked for (rows of one table). */
const MAX_ROWS_UP = 200;

/** The cells of the table row [s, e), trimmed, without the outer bars. */
function cells(prose: string, s: number, e: number): string[] {
  const row = prose.slice(s, e).trim().replace(/^>\s*/, '');
  return row.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

const isRow = (prose: string, s: number, e: number): boolean => /^\s*(?:>\s*)?\|/.test(prose.slice(s, Math.min(e, s + 40)));

/** The Markdown table (its run of `|` rows) holding the offset, or undefined when the offset is not in a table row. */
export function tableAround(prose: string, lineStarts: readonly number[], at: number): Span | undefined {
  const line = lineOf(lineStarts, at);
  const endOf = (l: number) => (lineStarts[l + 1] ?? prose.length + 1) - 1;
  if (!isRow(prose, lineStarts[line], endOf(line))) return undefined;
  let first = line;
  while (first > 0 && line - first < MAX_ROWS_UP && isRow(prose, lineStarts[first - 1], endOf(first - 1))) first--;
  let last = line;
  while (last + 1 < lineStarts.length && last - line < MAX_ROWS_UP && isRow(prose, lineStarts[last + 1], endOf(last + 1))) last++;
  return { start: lineStarts[first], end: Math.min(prose.length, endOf(last)) };
}

/** The header row's cells of the table whose body row holds `at`, and the column `at` is in; undefined outside a table body. */
function headerAt(prose: string, lineStarts: readonly number[], at: number): { header: string[]; column: number } | undefined {
  const line = lineOf(lineStarts, at);
  const start = lineStarts[line];
  const end = (lineStarts[line + 1] ?? prose.length + 1) - 1;
  if (!/^\s*(?:>\s*)?\|/.test(prose.slice(start, Math.min(end, start + 40)))) return undefined;
  // The header is the row just above the separator row of this table.
  for (let l = line - 1; l >= 1 && l >= line - MAX_ROWS_UP; l--) {
    const s = lineStarts[l];
    const e = lineStarts[l + 1] - 1;
    if (!/^\s*(?:>\s*)?\|/.test(prose.slice(s, Math.min(e, s + 40)))) return undefined;
    if (!tableSeparator(prose, s, e)) continue;
    const column = prose.slice(start, at).trim().replace(/^>\s*/, '').replace(/^\|/, '').split('|').length - 1;
    return { header: cells(prose, lineStarts[l - 1], s - 1), column };
  }
  return undefined;
}

/** The header cell of the table column holding `at` ("Thailand" over "| Tier 2 |"), or undefined outside a table body. */
export function columnHeaderAt(prose: string, lineStarts: readonly number[], at: number): string | undefined {
  const h = headerAt(prose, lineStarts, at);
  return h ? h.header[h.column]?.replace(/\*+/g, '').trim() : undefined;
}

/**
 * The header row of each table body row, by line ('' for other lines), in one pass: what a row's checks read above it
 * (column labels, years, countries), for the incremental re-check's block keys.
 */
export function tableHeaders(prose: string, lineStarts: readonly number[]): (line: number) => string {
  const headers = new Map<number, string>();
  let header = '';
  let inTable = false;
  for (let l = 0; l < lineStarts.length; l++) {
    const s = lineStarts[l];
    const e = (lineStarts[l + 1] ?? prose.length + 1) - 1;
    if (!isRow(prose, s, e)) {
      inTable = false;
      continue;
    }
    if (!inTable) header = '';
    inTable = true;
    if (tableSeparator(prose, s, e) && l > 0) header = prose.slice(lineStarts[l - 1], s - 1);
    else if (header) headers.set(l, header);
  }
  return (line) => headers.get(line) ?? '';
}

/** Is the number at `at` in a table row whose header makes the table the author's own plan or results? */
export function inOwnTableColumn(prose: string, lineStarts: readonly number[], at: number): boolean {
  const h = headerAt(prose, lineStarts, at);
  if (!h || !h.header.some((c) => TARGET_COLUMN.test(c))) return false;
  return !REPORT_MENTION.test(h.header[h.column] ?? '');
}

/**
 * The year a table column is headed with ("| Indicator | 2020 | 2021 |", "CY 2021"), for a number in that column;
 * not a report's edition ("TIP Report 2022") and not a header with other numbers.
 */
export function columnYear(prose: string, lineStarts: readonly number[], at: number): number | undefined {
  const cell = headerAt(prose, lineStarts, at);
  const text = cell?.header[cell.column]?.replace(/\*+/g, '').trim();
  if (!text || REPORT_MENTION.test(text) || /\b(?:edition|report|rpt)\b/i.test(text)) return undefined;
  const m = /^(?:CY\s*|FY\s*|calendar\s+year\s+|data\s+for\s+|in\s+)?((?:19|20)\d{2})(?:\s+data)?$/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * "| Year | Prosecutions | Convictions |" over "| 2020 | 348 cases | 404 |": a number in a column whose header names what
 * it counts is read as the header's label and the cell together ("Convictions: 404"), as a sentence would say it; the
 * row's year (its own figure's, else a cell that is only a year) dates it. Only an action the header names is added:
 * a figure with its own action, or under a header that names none, keeps the row's reading. Rows of tables without such headers, and year or report columns, are left as read.
 */
export function withColumnLabels(figures: readonly Figure[], prose: string, lineStarts: readonly number[], sentence: Span): readonly Figure[] {
  // (A sentence within one row: one over several lines is not read by columns.)
  if (figures.length === 0 && !/\d/.test(prose.slice(sentence.start, sentence.end))) return figures;
  const line = lineOf(lineStarts, sentence.start);
  const row = { start: lineStarts[line], end: Math.min(prose.length, (lineStarts[line + 1] ?? prose.length + 1) - 1) };
  if (sentence.end > row.end || !isRow(prose, row.start, row.end)) return figures;
  const at = prose.indexOf('|', row.start);
  const header = headerAt(prose, lineStarts, at);
  if (!header) return figures;
  const out: Figure[] = [];
  const rowYear = figures.find((f) => f.year !== undefined)?.year ?? yearCellOf(prose, row);
  let cellStart = at + 1;
  let column = 0;
  const taken = new Set<number>();
  const dropped = new Set<number>();
  while (cellStart <= row.end) {
    let cellEnd = prose.indexOf('|', cellStart);
    if (cellEnd < 0 || cellEnd > row.end) cellEnd = row.end;
    const headed = labelOfColumn(header.header[column]);
    if (cellEnd <= sentence.start || cellStart >= sentence.end) {
      if (cellEnd >= row.end) break;
      cellStart = cellEnd + 1;
      column++;
      continue;
    }
    const own = figures.filter((f) => f.span.start >= cellStart && f.span.end <= cellEnd);
    // "| Unit cost (USD) | Units | Total (USD) |": the author's money and quantities, not the report's figures.
    if (OWN_COLUMN.test(header.header[column] ?? '')) for (const f of own) dropped.add(f.span.start);
    const cell = prose.slice(cellStart, cellEnd);
    if (headed && /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b/i.test(cell)) {
      for (const l of readCell(headed, cells(prose, row.start, row.end)[0] ?? '', cell, cellStart)) {
        const mine = own.find((f) => f.span.start === l.span.start);
        // (Only what the header adds: an action, or a penalty's unit. A figure that has one, or a header that names neither, keeps the row's reading.)
        if ((l.actions.length === 0 && l.kind !== 'penalty') || (mine && (mine.actions.length > 0 || mine.kind === 'penalty'))) continue;
        if (mine) taken.add(mine.span.start);
        const year = mine?.year ?? l.year ?? headed.year ?? rowYear;
        out.push({ ...l, unitSpan: undefined, form: mine?.form ?? l.form, victim: mine?.victim ?? l.victim, year, yearFrom: mine?.yearFrom ?? (year !== undefined ? 'sentence' : undefined) });
      }
    }
    if (cellEnd >= row.end) break;
    cellStart = cellEnd + 1;
    column++;
  }
  if (out.length === 0) return dropped.size ? figures.filter((f) => !dropped.has(f.span.start)) : figures;
  return [...figures.filter((f) => !taken.has(f.span.start) && !dropped.has(f.span.start) && !out.some((o) => o.span.start === f.span.start)), ...out.filter((o) => !dropped.has(o.span.start))].sort((a, b) => a.span.start - b.span.start);
}

/** Column headers over the author's own numbers: money and quantities (targets are the own-number gate's). */
const OWN_COLUMN = /(?:^|[^\p{L}])(?:USD|US\$|\$|€|£|KHR|riel|costs?|budget|amount|price|fees?|spend|expenditure|units?|qty|quantity)(?![\p{L}])/iu;

/**
 * A cell read as its column's header says it ("Convictions: 404"), its figures at their places in the draft. A penalty
 * column with its unit in parentheses ("| Victim | Prison term (years) |" over "| Child | 15–20 |") is read with the
 * unit after the cell and the row's victim before it ("Child victim, Prison term: 15–20 years").
 */
function readCell(headed: { label: string; unit?: string }, rowLabel: string, cell: string, cellStart: number): Figure[] {
  const penalty = headed.unit !== undefined && PENALTY_HEADER.test(headed.label);
  const victim = penalty ? VICTIM_ROW.exec(rowLabel.replace(/\*+/g, '').trim())?.[1] : undefined;
  const lead = `${victim ? `${victim} victim, ` : ''}${headed.label}: `;
  const text = lead + cell + (penalty ? ` ${headed.unit}` : '');
  const shift = cellStart - lead.length;
  return extractFigures(text, { start: 0, end: text.length }).figures
    .filter((l) => l.span.start >= lead.length && l.span.end <= lead.length + cell.length)
    .map((l) => ({ ...l, span: { start: l.span.start + shift, end: l.span.end + shift } }));
}

const PENALTY_HEADER = /\b(?:prison|imprisonment|jail|term|sentence|penalt(?:y|ies)|punishment)\b/i;
const VICTIM_ROW = /^(adult|child|children|minor|minors)(?:\s+victims?)?$/i;

/**
 * A header cell that can label a number: not empty, not a year, not a report or edition column; with the year it
 * dates its column by ("Convictions (2021)", "Convictions, 2021") or the time unit it counts in ("Prison term (years)").
 */
function labelOfColumn(text: string | undefined): { label: string; year?: number; unit?: string } | undefined {
  const withUnit = text?.replace(/\*+/g, '').trim();
  const unit = withUnit ? /\s*\((years?|months?|days?)\)\s*$/i.exec(withUnit) : null;
  const raw = unit ? withUnit!.slice(0, unit.index) : withUnit;
  const dated = raw ? /^(.*?\p{L}.*?)\s*(?:\(\s*((?:19|20)\d{2})\s*\)|,\s*((?:19|20)\d{2}))$/u.exec(raw) : null;
  const t = dated ? dated[1] : raw;
  if (!t || /\d/.test(t) || REPORT_MENTION.test(t) || /\b(?:edition|report|rpt|source|notes?|year|country|tier|status)\b/i.test(t)) return undefined;
  const u = unit ? { unit: unit[1].toLowerCase().replace(/s?$/, 's') } : {};
  return dated ? { label: t, year: Number(dated[2] ?? dated[3]), ...u } : { label: t, ...u };
}

/** The year of a row that has a cell holding only a year ("| 2020 | … |"). */
function yearCellOf(prose: string, row: Span): number | undefined {
  const m = /\|\s*\**((?:19|20)\d{2})\**\s*(?=\|)/.exec(prose.slice(row.start, row.end));
  return m ? Number(m[1]) : undefined;
}
