/**
 * A PDF's text with positions, by pdf.js (dist/lib/pdfjs.js in a build, required on the first PDF),
 * laid out into blocks by server/src/import/pdfLayout.ts. Encrypted, image-only and over-long PDFs
 * get a message that says so and what to do instead.
 */
import type { Block, DocumentMeta } from '../import/blocks';
import { pdfLayoutBlocks, type PdfPage } from '../import/pdfLayout';

type PdfJs = typeof import('./pdfjsBundle')['pdfjs'];

/**
 * pdf.js, required on the first call: Node's module cache keeps it (and answers every later call), so
 * nothing here holds it. Its message on loading, that it cannot draw in Node (no canvas), is kept quiet:
 * text extraction needs no canvas.
 */
function loadPdfJs(): PdfJs {
  const { log, warn } = console;
  console.log = console.warn = () => undefined;
  try {
    return (require('./pdfjsBundle') as typeof import('./pdfjsBundle')).pdfjs;
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  hasEOL?: boolean;
}

export async function pdfBlocks(bytes: Buffer, name: string, opts: { maxPages: number }): Promise<{ blocks: Block[]; meta: DocumentMeta; pages: number; text: string } | { problem: string }> {
  const lib = loadPdfJs();
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    doc = await lib.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false }).promise;
  } catch (e) {
    const err = e as Error;
    if (err.name === 'PasswordException') return { problem: `${name}: the PDF is encrypted (it needs a password); save an unprotected copy, or save the country's web page and import that` };
    return { problem: `${name}: not a readable PDF (${err.message})` };
  }
  try {
    if (doc.numPages > opts.maxPages) return { problem: `${name}: ${doc.numPages} pages is more than the ${opts.maxPages} an import reads; import the regional or country PDF, or pass --max-pages ${doc.numPages}` };
    const pages: PdfPage[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      const items = (content.items as TextItemLike[]).filter((it) => typeof it.str === 'string' && it.transform).map((it) => {
        const [a, b, c, , e, f] = it.transform!;
        chars += it.str!.trim().length;
        return { str: it.str!, x: e - x0, y: f - y0, width: it.width ?? 0, size: Math.hypot(a, b), rotated: Math.abs(b) > 0.01 || Math.abs(c) > 0.01, eol: !!it.hasEOL };
      });
      pages.push({ width: x1 - x0, height: y1 - y0, items });
      page.cleanup();
    }
    if (chars < 20) return { problem: `${name}: the PDF has no text to read (${doc.numPages} page${doc.numPages === 1 ? '' : 's'} of images: a scan?); run it through OCR first, or save the country's web page and import that` };
    const layout = pdfLayoutBlocks(pages);
    const info = ((await doc.getMetadata().catch(() => undefined))?.info ?? {}) as { Title?: unknown };
    const meta: DocumentMeta = { title: typeof info.Title === 'string' && info.Title.trim() ? info.Title : undefined, hints: layout.hints.slice(0, 200) };
    return { blocks: layout.blocks, meta, pages: doc.numPages, text: layout.text };
  } finally {
    await doc.destroy();
  }
}
