/**
 * Text a draft holds without asserting it: the options of a multiple-choice question ("(a) five to 10 years'
 * imprisonment" under "Q2. … carries:"), the claims of a fact-check row whose verdict cell marks them false, and wording a
 * style sheet rejects ("Avoid: …", "Don't say: …", "❌ …").
 * Figure and tier checks ask this before they look at any fact.
 */
import { FALSE_VERDICT_CUES, REJECTION_CUES } from '../../reading/vocab';
import { lineOf } from '../../ingest/lines';

/** "(a) ", "a) ", "A. ", "[b] ", after an optional list marker: the option's letter and its style. */
const OPTION_LABEL = /^[ \t]*(?:[-*+][ \t]+)?(\(|\[)?([a-hA-H])(\)|\]|\.)[ \t]+\S/;
const FALSE_VERDICT = new Set(FALSE_VERDICT_CUES);

/** A line longer than this is prose, never a quiz option, its stem or a fact-check row (and is not sliced per figure). */
const MAX_LINE = 2000;

function lineText(prose: string, lineStarts: readonly number[], line: number): string | undefined {
  if (line < 0 || line >= lineStarts.length) return undefined;
  const end = (lineStarts[line + 1] ?? prose.length + 1) - 1;
  return end - lineStarts[line] > MAX_LINE ? undefined : prose.slice(lineStarts[line], end);
}

function optionLabel(line: string | undefined): { letter: number; style: string } | undefined {
  const m = line === undefined ? null : OPTION_LABEL.exec(line);
  return m ? { letter: m[2].toLowerCase().charCodeAt(0), style: `${m[1] ?? ''}${m[3]}${m[2] === m[2].toUpperCase() ? 'A' : 'a'}` } : undefined;
}

/**
 * The line is one option of a multiple-choice question: one of a run of lines lettered in sequence in one style, right
 * under a stem that asks ("… place Cambodia?", "… carries:"). An answer key's lettered lines ("(b) 94 is the number of
 * suspects …" under "Q4: (a) 38 …") explain, and are claims.
 */
function isOption(prose: string, lineStarts: readonly number[], line: number): boolean {
  const here = optionLabel(lineText(prose, lineStarts, line));
  if (!here) return false;
  const next = (l: number, step: 1 | -1) => {
    const a = optionLabel(lineText(prose, lineStarts, l));
    const b = optionLabel(lineText(prose, lineStarts, l + step));
    return a && b && a.style === b.style && b.letter === a.letter + step;
  };
  if (!next(line, -1) && !next(line, 1)) return false;
  let first = line;
  while (first > 0 && first > line - 12 && next(first, -1)) first--;
  const stem = (lineText(prose, lineStarts, first - 1) ?? '').replace(/[*_\s]+$/, '');
  return /[?:]$/.test(stem);
}

/** The offset is in a table row, in a cell before one whose whole text is a false verdict ("FALSE", "Misleading", "✗"). */
function judgedFalse(prose: string, lineStarts: readonly number[], line: number, at: number): boolean {
  const start = lineStarts[line];
  const text = lineText(prose, lineStarts, line);
  if (text === undefined || !/^\s*(?:>\s*)?\|/.test(text)) return false;
  let cellStart = text.indexOf('|') + 1;
  let claimCell = false;
  for (let bar = text.indexOf('|', cellStart); bar >= 0; cellStart = bar + 1, bar = text.indexOf('|', cellStart)) {
    if (start + bar <= at) continue;
    const cell = text.slice(cellStart, bar).replace(/[*_`]/g, '').trim().toLowerCase();
    if (!claimCell) { claimCell = true; continue; }
    if (FALSE_VERDICT.has(cell)) return true;
  }
  return false;
}

/** A label that rejects the wording after it ("Avoid:", "Don't say:", "❌"), and one that gives the accepted wording ("Say:", "✅", "→"). */
const REJECT_LABEL = new RegExp(`(?:^|[\\s(*_])(?:${REJECTION_CUES.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]").replace(/ /g, '\\s+')).join('|')})\\s*:|❌|✗|✘|🚫`, 'giu');
const ACCEPT_LABEL = /(?:^|[\s(*_])(?:use|say|write|instead|correct|right|fact|better|prefer|preferred)\s*:|✅|✓|✔|→|=>/iu;

/** The text at `at` follows, on its line, a rejection label with no accepted wording between ("Avoid: "Cambodia is a Tier 2 country."). */
function rejected(prose: string, lineStarts: readonly number[], line: number, at: number): boolean {
  const from = Math.max(lineStarts[line], at - 300);
  const lead = prose.slice(from, at);
  // (Every label ends with a colon or is one of the marks: most leads have neither, and the labels' regex is not run.)
  if (lead.indexOf(':') < 0 && lead.indexOf('❌') < 0 && lead.indexOf('✗') < 0 && lead.indexOf('✘') < 0 && lead.indexOf('🚫') < 0) return false;
  let last = -1;
  REJECT_LABEL.lastIndex = 0;
  for (let m = REJECT_LABEL.exec(lead); m; m = REJECT_LABEL.exec(lead)) last = m.index + m[0].length;
  return last >= 0 && !ACCEPT_LABEL.test(lead.slice(last));
}

/** A section that poses statements to judge: "Self-check quiz (true or false)", "Write T or F next to each statement". */
const JUDGE_CUE = /\b(?:true\s+or\s+false|true\/false|T\s+or\s+F|T\/F|fact\s+or\s+(?:fiction|myth)|myth\s+or\s+fact|agree\s+or\s+disagree)\b/i;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S/;
const HEADING = /^[ \t]{0,3}#{1,6}[ \t]/;
/** How many lines up a list item's section is searched for JUDGE_CUE. */
const SECTION_REACH = 30;

/** A list item of a true-or-false section (up to its heading): a statement put to the reader, true or not. */
function posedToJudge(prose: string, lineStarts: readonly number[], line: number): boolean {
  if (!LIST_ITEM.test(lineText(prose, lineStarts, line) ?? '')) return false;
  for (let l = line - 1; l >= 0 && l >= line - SECTION_REACH; l--) {
    const text = lineText(prose, lineStarts, l) ?? '';
    if (JUDGE_CUE.test(text) && !LIST_ITEM.test(text)) return true;
    if (HEADING.test(text)) return false;
  }
  return false;
}

/**
 * What notAssertedAt reads of other lines, by line, for the incremental re-check's block keys: whether a list item sits in
 * a true-or-false section and whether a lettered line is a quiz option ('' for lines that are neither). Worked out in
 * one pass (the section's cue carried down, as posedToJudge looks up for it), so a changed stem or heading re-checks the
 * items under it and nothing else.
 */
export function offeredContexts(prose: string, lineStarts: readonly number[]): (line: number) => string {
  const contexts = offeredContextsOf(prose, lineStarts, 0, lineStarts.length, new Map());
  return (line) => contexts.get(line) ?? '';
}

/** Lines above and below a line that its offered context reads: the section cue up to SECTION_REACH lines up, a quiz's options and stem (isOption). */
export const OFFERED_READS_ABOVE = SECTION_REACH + 1;
export const OFFERED_READS_BELOW = 1;

/**
 * The non-empty offered contexts of lines [from, to), set in `into`: what offeredContexts holds for them (the section cue
 * carried down from OFFERED_READS_ABOVE lines before `from`: a cue or heading further up leaves no 'J' at `from` or after).
 */
export function offeredContextsOf(prose: string, lineStarts: readonly number[], from: number, to: number, into: Map<number, string>): Map<number, string> {
  let lastCue = -Infinity;
  for (let l = Math.max(0, from - OFFERED_READS_ABOVE); l < to; l++) {
    const text = lineText(prose, lineStarts, l) ?? '';
    const item = LIST_ITEM.test(text);
    if (l >= from) {
      const key = `${item && lastCue >= l - SECTION_REACH ? 'J' : ''}${optionLabel(text) && isOption(prose, lineStarts, l) ? 'O' : ''}`;
      if (key) into.set(l, key);
    }
    if (JUDGE_CUE.test(text) && !item) lastCue = l;
    else if (HEADING.test(text)) lastCue = -Infinity;
  }
  return into;
}

/**
 * Why the text at `at` is not the writer's assertion, or undefined when it is (or may be). `offered`, when given, is
 * offeredContexts of the same draft: whether the line is a quiz option or a true-or-false item is looked up there
 * instead of read from the lines around it again for every number.
 */
export function notAssertedAt(prose: string, lineStarts: readonly number[], at: number, offered?: (line: number) => string): string | undefined {
  const line = lineOf(lineStarts, at);
  if (rejected(prose, lineStarts, line, at)) return 'wording the draft rejects ("Avoid:", "Don’t say:", "❌"), not asserts';
  const context = offered?.(line);
  if (context === undefined ? isOption(prose, lineStarts, line) : context.includes('O')) return 'an option of a multiple-choice question, offered not asserted';
  if (context === undefined ? posedToJudge(prose, lineStarts, line) : context.includes('J')) return 'a statement a true-or-false quiz puts to the reader, not asserted';
  if (judgedFalse(prose, lineStarts, line, at)) return 'a claim its fact-check row marks false (the verdict is the writer’s, not the claim)';
  return undefined;
}
