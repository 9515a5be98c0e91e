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
  const blocks: Block[] = [];
  const meta: DocumentMeta = {};
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html);
  if (saved) meta.url = saved[1];
  let skip = 0;
  let inTitle = false;
  let title = '';
  let open: { kind: Block['kind']; tag: string; start: number; text: string; linked: number } | undefined;
  let inLink = 0;
  let loose: { start: number; end: number; text: string } | undefined;
  const stack: string[] = [];
  const flushLoose = () => {
    if (loose && loose.text.trim()) blocks.push({ kind: 'paragraph', text: loose.text, start: loose.start, end: loose.end });
    loose = undefined;
  };
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        stack.push(name);
        if (SKIP.has(name) || attrs.hidden !== undefined || /\b(visually-hidden|sr-only|caption|breadcrumb)\b/.test(attrs.class ?? '')) {
          skip++;
          stack[stack.length - 1] = `!${name}`;
          return;
        }
        if (name === 'title') inTitle = true;
        if (name === 'link' && /\bcanonical\b/i.test(attrs.rel ?? '') && attrs.href) meta.url ??= attrs.href;
        if (name === 'meta' && (attrs.property === 'og:url' || attrs.name === 'og:url') && attrs.content) meta.url ??= attrs.content;
        if (name === 'meta' && attrs.property === 'og:title' && attrs.content) meta.hints = [...(meta.hints ?? []), attrs.content];
        if (skip) return;
        if (name === 'a') inLink++;
        if (name === 'br' && open) open.text += ' ';
        const kind = BLOCK_KIND[name];
        if (kind && !open) {
          flushLoose();
          open = { kind, tag: name, start: parser.startIndex, text: '', linked: 0 };
        } else if (CONTAINERS.has(name) && !open) flushLoose();
      },
      ontext(text) {
        if (inTitle) title += text;
        if (skip) return;
        if (open) {
          open.text += text;
          if (inLink) open.linked += text.trim().length;
        }
        else if (text.trim() && stack.some((t) => CONTAINERS.has(t))) {
          loose ??= { start: parser.startIndex, end: parser.endIndex + 1, text: '' };
          loose.text += text;
          loose.end = parser.endIndex + 1;
        }
      },
      onclosetag(name) {
        const top = stack.pop();
        if (top?.startsWith('!')) {
          skip--;
          return;
        }
        if (name === 'title') inTitle = false;
        if (skip) return;
        if (name === 'a') inLink = Math.max(0, inLink - 1);
        if (open && open.tag === name) {
          // A list item that is only a link is navigation (a table of contents), not the narrative.
          const nav = open.kind === 'item' && open.linked >= open.text.replace(/\s+/g, '').length;
          if (open.text.trim() && !nav) blocks.push({ kind: open.kind, text: open.text, start: open.start, end: parser.endIndex + 1 });
          open = undefined;
        } else if (CONTAINERS.has(name) && !open) flushLoose();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flushLoose();
  if (title.trim()) meta.title = title.replace(/\s+/g, ' ').trim();
  return { blocks, meta };
}
