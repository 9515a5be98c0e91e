/**
 * `tip-lens kb import`: reads a saved web page, a PDF or pasted text, converts it (server/src/import)
 * and writes each narrative's text and manifest into a folder. Everything is written into a temporary
 * folder beside the target first and moved in only when every file is complete, so an error leaves
 * nothing half-written; an existing report is replaced only with `force`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { importNarratives, type ImportedNarrative, type ImportResult } from '../import/convert';
import { htmlBlocks } from '../import/html';
import { textBlocks } from '../import/plainText';
import type { CountryEntry } from '../import/countries';
import { checkNarrative } from '../import/checkNarrative';
import { parseManifest } from '../ingest/manifest';
import { ingestReport } from '../ingest';

/** Inputs larger than this are refused (the full report's PDF is about 30 MB). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
/** The full report is some 600 pages; a PDF past this is refused unless --max-pages allows it. */
export const DEFAULT_MAX_PAGES = 1000;

export interface ImportRequest {
  /** A path, or '-' for standard input (then `stdin` holds the bytes). */
  input: string;
  stdin?: Buffer;
  out: string;
  edition?: number;
  country?: CountryEntry;
  force?: boolean;
  maxPages?: number;
}

export interface ImportOutcome {
  written: { id: string; text: string; manifest: string }[];
  problems: string[];
  /** Narratives of a multi-narrative document that were not imported (the others were). */
  skipped: string[];
  notes: string[];
}

type Format = 'html' | 'pdf' | 'text';

function formatOf(name: string, bytes: Buffer): Format {
  if (bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) return 'pdf';
  const head = bytes.subarray(0, 4096).toString('utf8');
  if (/\.(html?|xhtml|mhtml?)$/i.test(name) || /<!doctype html|<html[\s>]|<body[\s>]|<(p|h[1-6]|div)[\s>]/i.test(head)) return 'html';
  return 'text';
}

/** Reads and converts; writes nothing. */
export async function convertInput(req: ImportRequest): Promise<ImportResult & { format?: Format }> {
  const name = req.input === '-' ? '<stdin>' : req.input;
  let bytes: Buffer;
  try {
    if (req.input === '-') bytes = req.stdin ?? Buffer.alloc(0);
    else {
      const st = fs.statSync(req.input);
      if (!st.isFile()) return { narratives: [], problems: [`${name}: not a file`], notes: [] };
      if (st.size > MAX_IMPORT_BYTES) return { narratives: [], problems: [`${name}: ${Math.round(st.size / 1048576)} MB is more than the ${MAX_IMPORT_BYTES / 1048576} MB an import reads`], notes: [] };
      bytes = fs.readFileSync(req.input);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { narratives: [], problems: [`${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`], notes: [] };
  }
  if (bytes.length === 0) return { narratives: [], problems: [`${name}: the input is empty`], notes: [] };
  const format = formatOf(name, bytes);
  const opts = { file: name, format, edition: req.edition, country: req.country } as const;
  if (format === 'pdf') {
    // pdf.js is large: loaded only here, for a PDF.
    const { pdfBlocks } = require('./pdfText') as typeof import('./pdfText');
    const r = await pdfBlocks(bytes, name, { maxPages: req.maxPages ?? DEFAULT_MAX_PAGES });
    if ('problem' in r) return { narratives: [], problems: [r.problem], notes: [], format };
    return { ...importNarratives(r.blocks, r.meta, opts), format };
  }
  let text: string;
  if (isUtf8(bytes)) text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  else if (format === 'html' && /<meta[^>]+charset=["']?(windows-1252|iso-8859-1|latin-?1|us-ascii)\b/i.test(bytes.subarray(0, 4096).toString('latin1'))) {
    // Older pages of the report were served (and saved) as Windows-1252.
    text = decodeWindows1252(bytes);
  } else return { narratives: [], problems: [`${name}: not UTF-8 text, HTML or PDF (save the page as "Web Page, HTML only" or the text as UTF-8)`], notes: [], format };
  if (format === 'html') {
    const { blocks, meta } = htmlBlocks(text);
    return { ...importNarratives(blocks, meta, opts), format };
  }
  return { ...importNarratives(textBlocks(text), {}, opts), format };
}

/** The narrative ingested as the knowledge base will read it; any problem that would make it useless. */
function verify(n: ImportedNarrative, file: string): string[] {
  const m = parseManifest(JSON.stringify(n.manifest), `${n.id}.json`);
  if (!m.manifest) return m.problems.map((p) => `${file}: ${p}`);
  const report = ingestReport(m.manifest, n.text, `${n.id}.txt`);
  return checkNarrative(report).filter((f) => f.severity === 'error').map((f) => `${file}: ${n.id}: ${f.message}`);
}

export async function importReport(req: ImportRequest): Promise<ImportOutcome> {
  const r = await convertInput(req);
  const name = req.input === '-' ? '<stdin>' : req.input;
  const problems = [...r.problems];
  const skipped = [...(r.skipped ?? [])];
  const good: ImportedNarrative[] = [];
  for (const n of r.narratives) {
    const v = verify(n, name);
    if (v.length === 0) good.push(n);
    else (r.narratives.length > 1 ? skipped : problems).push(...v);
  }
  const notes = r.notes.concat(...r.narratives.map((n) => n.notes));
  if (problems.length || good.length === 0) return { written: [], problems: problems.length ? problems : skipped.length ? skipped : [`${name}: nothing to import`], skipped: [], notes };
  const fail = (m: string): ImportOutcome => ({ written: [], problems: [m], skipped: [], notes: [] });
  const out = path.resolve(req.out);
  const existing = fs.existsSync(out);
  if (existing && !fs.statSync(out).isDirectory()) return fail(`${req.out}: exists and is not a folder`);
  if (existing && !req.force) {
    const clash = good.filter((n) => fs.existsSync(path.join(out, `${n.id}.txt`)) || fs.existsSync(path.join(out, `${n.id}.json`)));
    if (clash.length) return fail(`${req.out}: already holds ${clash.map((n) => n.id).join(', ')}; pass --force to replace ${clash.length === 1 ? 'it' : 'them'}`);
  }
  const parent = path.dirname(out);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(out)}.import-`));
  try {
    for (const n of good) {
      fs.writeFileSync(path.join(tmp, `${n.id}.txt`), n.text);
      fs.writeFileSync(path.join(tmp, `${n.id}.json`), manifestJson(n));
    }
    if (!existing) fs.renameSync(tmp, out);
    else for (const f of fs.readdirSync(tmp)) fs.renameSync(path.join(tmp, f), path.join(out, f));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { written: good.map((n) => ({ id: n.id, text: path.join(out, `${n.id}.txt`), manifest: path.join(out, `${n.id}.json`) })), problems: [], skipped, notes };
}

/** The manifest as written: two-space JSON with each origin line [text offset, input start, input end] on one line. */
export function manifestJson(n: ImportedNarrative): string {
  return JSON.stringify(n.manifest, null, 2).replace(/\[\s+(\d+),\s+(\d+),\s+(\d+)\s+\]/g, '[$1, $2, $3]') + '\n';
}

/** Windows-1252's 0x80–0x9F (Node's TextDecoder reads that label as Latin-1); 0 where the code page has none. */
const CP1252_HIGH = [0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178];

export function decodeWindows1252(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || 0xfffd : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}
