/**
 * Character classes read by char code or code point, as the regexes they stand for read
 * them, and a finder for the next of a few characters by indexOf. Shared by the hot
 * scanning loops of the sentence splitter, the draft reader, country mentions and quote
 * word counts; each use is held equal to its regex by a property test.
 */

/** Whether the UTF-16 code unit `c` is one that the regex `\s` matches (white space and line terminators, as `String.prototype.trim` removes). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The code point at `i` (a surrogate pair before `end` is one), as a regex with the u flag reads it; a lone surrogate is itself. */
export function codePointAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** `[\p{L}\p{N}]` on a code point. */
export function isLetterOrNumber(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
}

/**
 * The next occurrence of any of a few characters in one text, found by `indexOf` (much
 * faster than a loop over char codes), remembering where each comes next: over offsets
 * taken in order, each character is searched for once per occurrence; an offset before
 * the last one searches again, so any order is right.
 */
export class CharFinder {
  private readonly next: number[];
  private readonly from: number[];

  constructor(
    readonly text: string,
    /** The characters to find, one string (e.g. "\n\r"). */
    private readonly chars: string,
  ) {
    this.next = Array.from(chars, () => -1);
    this.from = Array.from(chars, () => 0);
  }

  /** The first of the characters at or after `i`, or the text's length when there is none. */
  at(i: number): number {
    let best = this.text.length;
    for (let k = 0; k < this.chars.length; k++) {
      if (this.next[k] < i || i < this.from[k]) {
        const p = this.text.indexOf(this.chars[k], i);
        this.next[k] = p < 0 ? this.text.length : p;
        this.from[k] = i;
      }
      if (this.next[k] < best) best = this.next[k];
    }
    return best;
  }
}
