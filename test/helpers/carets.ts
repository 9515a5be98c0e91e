/**
 * Caret fixtures: a line of only spaces and ^ marks a range on the line above it,
 * and is removed from the text. An optional label may follow the carets.
 *
 *   In 2021, Cambodia convicted 83 traffickers.
 *                               ^^ mismatch
 */
export interface CaretRange {
  line: number;
  start: number;
  end: number;
  offsetStart: number;
  offsetEnd: number;
  label: string;
}

export function carets(src: string): { text: string; ranges: CaretRange[] } {
  const lines = src.split('\n');
  const out: string[] = [];
  const ranges: CaretRange[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    const m = /^(\s*)(\^+)\s*(.*)$/.exec(line);
    if (m && out.length > 0 && !/[^\s^]/.test(line.slice(0, m[1].length + m[2].length))) {
      const lineNo = out.length - 1;
      const start = m[1].length;
      ranges.push({ line: lineNo, start, end: start + m[2].length, offsetStart: offsets[lineNo] + start, offsetEnd: offsets[lineNo] + start + m[2].length, label: m[3] });
      continue;
    }
    offsets.push(offset);
    out.push(line);
    offset += line.length + 1;
  }
  return { text: out.join('\n'), ranges };
}
