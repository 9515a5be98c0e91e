/**
 * Normalisation for matching: PDF artefacts ("cross- border", doubled spaces,
 * curly quotes, dashes) are folded, letters lower-cased, and every normalised
 * character keeps the offset of the original character it came from, so a match
 * found in normalised text is shown and cited in the original characters.
 */

export interface Normalized {
  text: string;
  /** map[i] = offset in the original of normalised character i; map[text.length] = end. */
  map: number[];
}

const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u00A0': ' ', '\u2009': ' ', '\u202F': ' ', '\u2007': ' ', '\u200B': '',
  '\u2026': '...',
};

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Folds quotes and dashes, lower-cases, collapses white space to one space and
 * joins hyphenated words broken by a PDF line break ("cross- border" -> "cross-border",
 * but "labor- and sex trafficking" keeps its space).
 */
export function normalize(original: string, start = 0, end = original.length): Normalized {
  const out: string[] = [];
  const map: number[] = [];
  let pendingSpace = -1;
  for (let i = start; i < end; i++) {
    let c = original[i];
    // (An em dash or a bar parts words as a space does: "rural areas—remained" is two words.)
    if (isSpace(c) || c === '\u00A0' || c === '\u2009' || c === '\u202F' || c === '\u2014' || c === '\u2015') {
      if (out.length > 0 && pendingSpace < 0) pendingSpace = i;
      continue;
    }
    const folded = FOLD[c];
    if (folded !== undefined) c = folded;
    if (c === '') continue;
    if (pendingSpace >= 0) {
      // "cross- border": a hyphen, a space, then a word that is not a conjunction.
      const prev = out[out.length - 1];
      const joinHyphen = prev === '-' && isWordChar(out[out.length - 2]) && isWordChar(c) && !/^(and|or|to)\b/i.test(original.slice(i, i + 4));
      if (!joinHyphen) {
        out.push(' ');
        map.push(pendingSpace);
      }
      pendingSpace = -1;
    }
    for (const ch of c.toLowerCase()) {
      out.push(ch);
      map.push(i);
    }
  }
  map.push(end);
  return { text: out.join(''), map };
}

export interface WordToken {
  /** Normalised word (lower case, folded). */
  word: string;
  /** Offsets in the original. */
  start: number;
  end: number;
}

/** Words of a text in normalised form with original offsets. Punctuation is dropped; hyphenated words stay whole. */
export function words(original: string, start = 0, end = original.length): WordToken[] {
  const n = normalize(original, start, end);
  const out: WordToken[] = [];
  const re = /[\p{L}\p{N}]+(?:['\-.,][\p{L}\p{N}]+)*/gu;
  for (let m = re.exec(n.text); m; m = re.exec(n.text)) {
    const s = n.map[m.index];
    const lastIdx = m.index + m[0].length - 1;
    out.push({ word: m[0].replace(/'/g, "'"), start: s, end: n.map[lastIdx] + 1 });
  }
  return out;
}
