/** Range checks against the raw text, independent of TextDocument (which clamps what it is given). */
import type { Position, Range } from 'vscode-languageserver-types';
import { splitsPair } from './hostile';

/** Offsets where each line starts; line breaks are \r\n, \r or \n as in LSP. */
export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      out.push(i + 1);
    } else if (c === 10) out.push(i + 1);
  }
  return out;
}

/** Offset of a position, or a reason it is not a valid position in the text (beyond a line's content, past the end, or inside a surrogate pair). */
export function offsetOf(text: string, starts: number[], p: Position): number | string {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `not a position ${JSON.stringify(p)}`;
  if (p.line >= starts.length) return `line ${p.line} past the last line ${starts.length - 1}`;
  const lineStart = starts[p.line];
  let lineEnd = text.length;
  if (p.line + 1 < starts.length) {
    lineEnd = starts[p.line + 1] - 1;
    if (text[lineEnd] === '\n' && text[lineEnd - 1] === '\r' && lineEnd - 1 >= lineStart) lineEnd--;
  }
  if (p.character > lineEnd - lineStart) return `character ${p.character} past the end of line ${p.line} (length ${lineEnd - lineStart})`;
  const off = lineStart + p.character;
  if (splitsPair(text, off)) return `offset ${off} (${p.line}:${p.character}) splits a surrogate pair`;
  return off;
}

/** Undefined when the range is valid in the text, else why not. */
export function rangeProblem(text: string, starts: number[], r: Range, what: string): string | undefined {
  const s = offsetOf(text, starts, r.start);
  const e = offsetOf(text, starts, r.end);
  if (typeof s === 'string') return `${what}: start ${s}`;
  if (typeof e === 'string') return `${what}: end ${e}`;
  if (s > e) return `${what}: start ${s} after end ${e}`;
  return undefined;
}
