/**
 * The entries of a BibTeX (or BibLaTeX) file: `@type{key, field = {…} | "…" | 123 | macro # …, …}`.
 * One pass over the text; `@comment`, `@preamble` and `@string` are skipped; an entry that does not close
 * ends at the next `@` that starts a line. Only the key, the title and the URL are kept. Pure.
 */
import type { BibEntry } from './draftBibliography';

export function parseBibtexEntries(text: string): BibEntry[] {
  return new BibtexReader(text).entries();
}

/** A field name or a bare value (a number, a @string macro). */
const WORD = /^[A-Za-z0-9_:.+-]+/;

/** A cursor over the text, read entry by entry. */
class BibtexReader {
  private i = 0;

  constructor(private readonly text: string) {}

  entries(): BibEntry[] {
    const out: BibEntry[] = [];
    while (this.i < this.text.length) {
      const at = this.text.indexOf('@', this.i);
      if (at < 0) break;
      this.i = at + 1;
      const entry = this.entry();
      if (entry) out.push(entry);
    }
    return out;
  }

  private skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }

  /** The entry after an `@` (undefined for a skipped one, or an `@` that starts none). */
  private entry(): BibEntry | undefined {
    const { text } = this;
    const type = /^[A-Za-z]+/.exec(text.slice(this.i, this.i + 32))?.[0];
    if (!type) return undefined;
    this.i += type.length;
    this.skipSpace();
    const open = text[this.i];
    if (open !== '{' && open !== '(') return undefined;
    const close = open === '{' ? '}' : ')';
    this.i++;
    const t = type.toLowerCase();
    if (t === 'comment' || t === 'preamble' || t === 'string') {
      this.i = balancedEnd(text, this.i - 1);
      return undefined;
    }
    this.skipSpace();
    const keyStart = this.i;
    while (this.i < text.length && text[this.i] !== ',' && text[this.i] !== close && !/\s/.test(text[this.i])) this.i++;
    const id = text.slice(keyStart, this.i);
    const entry: BibEntry = { id };
    this.fields(entry, close);
    if (text[this.i] === close) this.i++;
    return id && id !== ',' ? entry : undefined;
  }

  /** `name = value` pairs until the entry's closing bracket; the title and the URL (or a \url in howpublished) go on the entry. */
  private fields(entry: BibEntry, close: string): void {
    const { text } = this;
    for (;;) {
      this.skipSpace();
      if (text[this.i] === ',') this.i++;
      this.skipSpace();
      if (this.i >= text.length || text[this.i] === close || text[this.i] === '@') return;
      const name = WORD.exec(text.slice(this.i, this.i + 64))?.[0];
      if (!name) return;
      this.i += name.length;
      this.skipSpace();
      if (text[this.i] !== '=') return;
      this.i++;
      const value = this.value();
      const field = name.toLowerCase();
      if (field === 'title') entry.title = plainTex(value);
      else if (field === 'url') entry.url = value.trim();
      else if (field === 'howpublished' && !entry.url) {
        const u = /\\url\{([^{}]*)\}/.exec(value);
        if (u) entry.url = u[1].trim();
      }
    }
  }

  /** A field's value: its parts joined by `#`, each `{…}`, `"…"` or a bare word, without the delimiters. */
  private value(): string {
    let value = '';
    for (;;) {
      this.skipSpace();
      const c = this.text[this.i];
      if (c === '{') value += this.braced();
      else if (c === '"') value += this.quoted();
      else {
        const word = WORD.exec(this.text.slice(this.i, this.i + 64))?.[0] ?? '';
        value += word;
        this.i += word.length;
        if (!word) break;
      }
      this.skipSpace();
      if (this.text[this.i] === '#') this.i++;
      else break;
    }
    return value;
  }

  /** `{…}` (nested braces kept): what is inside. */
  private braced(): string {
    const end = balancedEnd(this.text, this.i);
    const inside = this.text.slice(this.i + 1, Math.max(this.i + 1, end - 1));
    this.i = end;
    return inside;
  }

  /** `"…"` (a quote inside braces or escaped does not end it): what is inside. */
  private quoted(): string {
    const { text } = this;
    let j = this.i + 1;
    let depth = 0;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '\\') j++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth <= 0) break;
    }
    const inside = text.slice(this.i + 1, j);
    this.i = Math.min(text.length, j + 1);
    return inside;
  }
}

/** The offset just past the bracket group opening at `open` (or the text's end when it does not close). */
function balancedEnd(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

/** A BibTeX title as words: braces and simple escapes (`\&`, `{\'e}` kept as their letters) removed. */
function plainTex(v: string): string {
  return v
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/\\[A-Za-z]+\s*/g, '')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
