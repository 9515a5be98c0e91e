/** Lines of a text: where each starts, and which line an offset is on (shared by the engine's positions and the importer's findings). */

/** The offsets where the lines of `text` start (after each \n). */
export function lineStartsOf(text: string): number[] {
  const t = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) t.push(i + 1);
  return t;
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
