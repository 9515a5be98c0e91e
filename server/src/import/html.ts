/**
 * A saved web page → blocks: h1–h6 are headings, p (and a div holding only text) paragraphs,
 * li items; scripts, styles, navigation, headers, footers, forms and figure captions are left
 * out. The page's <title>, canonical URL (or the browser's "saved from url=" note) are its meta.
 */
import { Parser } from 'htmlparser2';
import type { Block, DocumentMeta } from './blocks';

const SKIP = new Set(['script', 'style', 'noscript', 'nav', 'header', 'footer', 'form', 'figcaption', 'button', 'select', 'svg', 'template', 'aside', 'iframe']);
const BLOCK_KIND: Record<string, Block['kind']> = { h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading', p: 'paragraph', li: 'item', dd: 'paragraph', blockquote: 'paragraph' };
/** Elements whose text is a block of its own when no p/h/li is open inside them. */
const CONTAINERS = new Set(['div', 'section', 'article', 'main', 'td', 'body']);

export function htmlBlocks(html: string): { blocks: Block[]; meta: DocumentMeta } {
  const reader = new HtmlBlockReader();
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html);
  if (saved) reader.meta.url = saved[1];
  const parser: Parser = new Parser(
    {
      onopentag: (name, attrs) => reader.openTag(name, attrs, parser.startIndex),
      ontext: (text) => reader.text(text, parser.startIndex, parser.endIndex),
      onclosetag: (name) => reader.closeTag(name, parser.endIndex),
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return reader.finish();
}

/** The block being read: its kind, the tag that ends it, where it starts, its text and how much of it is link text. */
interface OpenBlock {
  kind: Block['kind'];
  tag: string;
  start: number;
  text: string;
  linked: number;
}

/** The parser's events → blocks and meta. Offsets are the parser's (startIndex of a tag, endIndex of its end). */
class HtmlBlockReader {
  readonly blocks: Block[] = [];
  readonly meta: DocumentMeta = {};
  /** How many skipped elements are open (their content is left out). */
  private skip = 0;
  private inTitle = false;
  private title = '';
  private open: OpenBlock | undefined;
  private inLink = 0;
  /** Text directly in a container (no p/h/li around it), read as a paragraph. */
  private loose: { start: number; end: number; text: string } | undefined;
  /** The open elements; a skipped one as `!name`. */
  private readonly stack: string[] = [];

  openTag(name: string, attrs: Record<string, string>, startIndex: number): void {
    this.stack.push(name);
    if (SKIP.has(name) || attrs.hidden !== undefined || /\b(visually-hidden|sr-only|caption|breadcrumb)\b/.test(attrs.class ?? '')) {
      this.skip++;
      this.stack[this.stack.length - 1] = `!${name}`;
      return;
    }
    if (name === 'title') this.inTitle = true;
    this.readMeta(name, attrs);
    if (this.skip) return;
    if (name === 'a') this.inLink++;
    if (name === 'br' && this.open) this.open.text += ' ';
    const kind = BLOCK_KIND[name];
    if (kind && !this.open) {
      this.flushLoose();
      this.open = { kind, tag: name, start: startIndex, text: '', linked: 0 };
    } else if (CONTAINERS.has(name) && !this.open) this.flushLoose();
  }

  /** The canonical URL (link rel=canonical, og:url) and og:title as a hint for the edition. */
  private readMeta(name: string, attrs: Record<string, string>): void {
    if (name === 'link' && /\bcanonical\b/i.test(attrs.rel ?? '') && attrs.href) this.meta.url ??= attrs.href;
    if (name === 'meta' && (attrs.property === 'og:url' || attrs.name === 'og:url') && attrs.content) this.meta.url ??= attrs.content;
    if (name === 'meta' && attrs.property === 'og:title' && attrs.content) this.meta.hints = [...(this.meta.hints ?? []), attrs.content];
  }

  text(text: string, startIndex: number, endIndex: number): void {
    if (this.inTitle) this.title += text;
    if (this.skip) return;
    if (this.open) {
      this.open.text += text;
      if (this.inLink) this.open.linked += text.trim().length;
    } else if (text.trim() && this.stack.some((t) => CONTAINERS.has(t))) {
      this.loose ??= { start: startIndex, end: endIndex + 1, text: '' };
      this.loose.text += text;
      this.loose.end = endIndex + 1;
    }
  }

  closeTag(name: string, endIndex: number): void {
    const top = this.stack.pop();
    if (top?.startsWith('!')) {
      this.skip--;
      return;
    }
    if (name === 'title') this.inTitle = false;
    if (this.skip) return;
    if (name === 'a') this.inLink = Math.max(0, this.inLink - 1);
    const open = this.open;
    if (open && open.tag === name) {
      // A list item that is only a link is navigation (a table of contents), not the narrative.
      const nav = open.kind === 'item' && open.linked >= open.text.replace(/\s+/g, '').length;
      if (open.text.trim() && !nav) this.blocks.push({ kind: open.kind, text: open.text, start: open.start, end: endIndex + 1 });
      this.open = undefined;
    } else if (CONTAINERS.has(name) && !open) this.flushLoose();
  }

  private flushLoose(): void {
    const loose = this.loose;
    if (loose && loose.text.trim()) this.blocks.push({ kind: 'paragraph', text: loose.text, start: loose.start, end: loose.end });
    this.loose = undefined;
  }

  /** After the document: loose text still open as a paragraph, the page's title. */
  finish(): { blocks: Block[]; meta: DocumentMeta } {
    this.flushLoose();
    if (this.title.trim()) this.meta.title = this.title.replace(/\s+/g, ' ').trim();
    return { blocks: this.blocks, meta: this.meta };
  }
}
