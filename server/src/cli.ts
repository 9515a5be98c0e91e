/**
 * `tip-lens`: the command line on the same engine as the language server.
 *   tip-lens check FILE|DIR|- … [--format text|json|sarif] [--report PATH]… [--default-report ID] [--fix]
 *   tip-lens kb show [--report ID|PATH]… [--format text|json]
 *   tip-lens kb export [--report ID|PATH]… [--format csl-json|bibtex|ris] [--items|--no-items] [--draft FILE]… [-o FILE]
 *   tip-lens kb import FILE|- [--out DIR] [--edition YEAR] [--country NAME|ISO3]   tip-lens kb check DIR   (server/src/node/importCli.ts)
 * Exit: 0 no error-severity diagnostic, 1 at least one, 2 bad usage, unreadable input or a file --fix could not write.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { loadKnowledgeBase } from './node/loadReports';
import { FileReadError, isInside, readRegularFile } from './node/readFile';
import { ALL_CODES, CODE_HELP, Code } from './service/codes';
import { createTipLensService } from './service/index';
import { citationLabel, type KnowledgeBase } from './model/kb';
import { defaultSettings, SEVERITY_NAMES, type SeverityName, type TipLensSettings } from './service/settings';
import { NEVER_CANCELLED } from './service/types';
import type { ExplainNote } from './service/check';
import { MAX_DRAFT_BYTES } from './protocol';
import { VERSION } from './version';
import { EXPORT_OPTIONS, kbExport, type ExportValues } from './cli/kbExport';
import { createBibliographyLoader } from './node/bibliographyFiles';

const HELP = `tip-lens ${VERSION} — check drafts against the U.S. State Department's Trafficking in Persons Report

Usage:
  tip-lens check FILE|DIR|- …  [options]   check Markdown or text drafts (a folder: its *.md, *.markdown, *.txt)
  tip-lens kb show [options]                print the knowledge base (reports, recommendations, paragraphs, facts)
  tip-lens kb export [options]              write the reports as a bibliography for pandoc --citeproc or Zotero
  tip-lens kb import FILE|- [options]       import a saved country web page, a TIP Report PDF or pasted text (--out DIR,
                                            --edition YEAR, --country NAME|ISO3, --force, --max-pages N)
  tip-lens kb check DIR                     report imported narratives with no paragraphs, no tier or PDF leftovers

Options for check:
  --format text|json|sarif   output format (default text)
  --report PATH              load a narrative: a manifest (.json), a text with a sibling manifest, or a folder (repeatable)
  --default-report ID        report for short references such as [@R3] (front matter tip-report: wins)
  --severity CODE=LEVEL      change a code's severity: error, warning, information, hint, off (repeatable)
  --fix                      apply the fixes that have one right answer and say what changed
  --explain                  after the diagnostics, say for every figure read why it was compared or left alone
Options for kb show:
  --report ID                show only that report (a path loads a narrative, as for check)
  --format text|json         output format (default text)
Options for kb export:
  --report ID                export only that report (a path loads a narrative, as for check)
  --format csl-json|bibtex|ris   bibliography format (default csl-json)
  --items, --no-items        an entry per recommendation and paragraph too (default: with csl-json only)
  --draft FILE               also an entry for every item that draft cites, short keys ([@R13]) included (repeatable)
  -o, --output FILE          write to FILE instead of standard output

Exit status: 0 no error, 1 an error-severity diagnostic, 2 bad usage, unreadable input or a file --fix could not write.
Diagnostic codes: ${ALL_CODES.join(', ')}`;

class UsageError extends Error {}

/* What only some runs need loads when they need it (a plain check does not): SARIF output and --fix. */
const sarif = () => require('./sarif') as typeof import('./sarif');
const fixes = () => require('./service/fixes') as typeof import('./service/fixes');
/* kb import and kb check: dist/lib/import.js in a build (esbuild.mjs), with the HTML and PDF libraries. */
const importCli = () => require('./node/importCli') as typeof import('./node/importCli');

const DRAFT_EXT = /\.(md|markdown|txt)$/i;

export function main(argv: string[], io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s), isTTY: !!process.stdout.isTTY }): number {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP + '\n');
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      io.out(VERSION + '\n');
      return 0;
    }
    if (command === 'check') return check(rest, io);
    if (command === 'kb') {
      if (rest[0] === 'export') return exportCommand(rest.slice(1), io);
      if (rest[0] === 'check') return importCli().kbCheck(rest.slice(1), io);
      if (rest[0] === 'import') throw new UsageError('kb import reads files asynchronously: it runs through run() (bin/tip-lens.js), not main()');
      if (rest[0] !== 'show') throw new UsageError(`unknown kb command "${rest[0] ?? ''}" (kb show, kb export, kb import, kb check)`);
      return kbShow(rest.slice(1), io);
    }
    throw new UsageError(`unknown command "${command}" (commands: check, kb show, kb export; see tip-lens --help)`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`tip-lens: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

type IO = { out: (s: string) => void; err: (s: string) => void; isTTY: boolean };

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

function loadKb(paths: string[], io: IO): KnowledgeBase {
  const kb = loadKnowledgeBase(paths, process.cwd());
  for (const p of kb.problems) io.err(`tip-lens: warning: ${shownName(p.file)}: ${p.message}\n`);
  return kb;
}

interface Draft {
  file: string;
  text: string;
  /** The bytes read (files only): --fix edits these, so nothing outside a fix is re-encoded. */
  bytes?: Buffer;
}

/** A file name as printed in text output: as is, or JSON-quoted when it holds a control character (a newline in a name must not split a line). */
export function shownName(file: string): string {
  return /[\u0000-\u001f\u007f]/.test(file) ? JSON.stringify(file) : file;
}

function collectDrafts(inputs: string[], io: IO): Draft[] {
  const out: Draft[] = [];
  for (const input of inputs) {
    if (input === '-') {
      out.push({ file: '-', text: readStdin() });
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      throw new UsageError(`cannot read ${shownName(input)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
    }
    if (st.isDirectory()) {
      const files = walk(input, io);
      if (files.length === 0) throw new UsageError(`${shownName(input)}: no Markdown or text files (*.md, *.markdown, *.txt) in this folder`);
      for (const f of files) out.push(readDraft(f));
    } else out.push(readDraft(input));
  }
  return out;
}

/**
 * The drafts in a folder, sorted. A symbolic link to a draft is followed when its target is a regular
 * file inside the folder that is not checked already (under its own name or another link's); any other
 * link (leading out of the folder, to a folder, broken, or to a file checked already) is skipped with a
 * warning naming it.
 */
function walk(dir: string, io: IO): string[] {
  const out: string[] = [];
  const links: string[] = [];
  const visit = (d: string) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(d, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`cannot read folder ${shownName(d)}: ${(e as Error).message}`);
    }
    for (const n of names.sort((a, b) => a.name.localeCompare(b.name))) {
      if (n.name.startsWith('.') || n.name === 'node_modules') continue;
      const p = path.join(d, n.name);
      if (n.isDirectory()) visit(p);
      else if (n.isFile() && DRAFT_EXT.test(n.name)) out.push(p);
      else if (n.isSymbolicLink()) links.push(p);
    }
  };
  visit(dir);
  if (links.length === 0) return out;
  const root = fs.realpathSync(dir);
  const seen = new Map<string, string>();
  for (const f of out) seen.set(safeRealpath(f) ?? f, f);
  for (const link of links) {
    const real = safeRealpath(link);
    const isDir = real !== undefined && fs.statSync(real).isDirectory();
    if (!isDir && !DRAFT_EXT.test(link)) continue; // not a draft's name, like any other file
    const skip = (why: string) => io.err(`tip-lens: warning: skipped ${shownName(link)}: ${why}\n`);
    if (real === undefined) skip('a broken symbolic link');
    else if (!isInside(root, real)) skip(`a symbolic link that leads out of ${shownName(dir)}`);
    else if (isDir) skip('a symbolic link to a folder (not followed)');
    else if (!fs.statSync(real).isFile()) skip('a symbolic link to something that is not a file');
    else if (seen.has(real)) skip(`a symbolic link to ${shownName(seen.get(real)!)}, which is checked already`);
    else {
      seen.set(real, link);
      out.push(link);
    }
  }
  return out.sort((a, b) => a.localeCompare(b));
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function readDraft(file: string): Draft {
  let buf: Buffer;
  try {
    // A regular file only, opened without blocking and read with the limit counted while reading (a FIFO or /dev/zero must not hang or fill memory).
    buf = readRegularFile(file, MAX_DRAFT_BYTES);
  } catch (e) {
    if (e instanceof FileReadError && e.code === 'ETOOBIG') throw new UsageError(`${shownName(file)}: too large to check (${e.message.replace(/^too large \(/, '').replace(/\)$/, '')})`);
    if (e instanceof FileReadError) throw new UsageError(`cannot read ${shownName(file)}: ${e.message}`);
    throw new UsageError(`cannot read ${shownName(file)}: ${errnoWords(e)}`);
  }
  return { file, text: decode(buf, file), bytes: buf };
}

/** "permission denied", "no such file", or the system's message. */
function errnoWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'no such file' : code === 'EROFS' ? 'read-only file system' : (e as Error).message;
}

function decode(buf: Buffer, file: string): string {
  if (buf.subarray(0, 8192).includes(0)) throw new UsageError(`${shownName(file)}: looks like a binary file (NUL bytes), not a Markdown or text draft`);
  return buf.toString('utf8');
}

function readStdin(): string {
  try {
    return decode(fs.readFileSync(0), '-');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read standard input: ${(e as Error).message}`);
  }
}

const SEVERITY_WORD = ['', 'error', 'warning', 'information', 'hint'] as const;

interface FileResult {
  file: string;
  doc: TextDocument;
  bytes?: Buffer;
  diagnostics: Diagnostic[];
}

function check(args: string[], io: IO): number {
  const { values, positionals } = parse(args, {
    format: { type: 'string', default: 'text' },
    report: { type: 'string', multiple: true, default: [] },
    'default-report': { type: 'string' },
    severity: { type: 'string', multiple: true, default: [] },
    fix: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(HELP + '\n');
    return 0;
  }
  const format = String(values.format);
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  if (positionals.length === 0) throw new UsageError('check needs at least one FILE, folder or - for standard input');
  if (values.fix && positionals.includes('-')) throw new UsageError('--fix writes files; it cannot fix standard input');
  const settings: TipLensSettings = defaultSettings();
  if (values['default-report']) settings.defaultReport = String(values['default-report']).toUpperCase();
  for (const s of values.severity as string[]) {
    const m = /^([\w.-]+)=(\w+)$/.exec(s);
    if (!m || !(ALL_CODES as readonly string[]).includes(m[1]) || !(SEVERITY_NAMES as readonly string[]).includes(m[2])) {
      throw new UsageError(`--severity takes CODE=LEVEL with CODE one of ${ALL_CODES.join(', ')} and LEVEL one of ${SEVERITY_NAMES.join(', ')} (got "${s}")`);
    }
    settings.severity[m[1] as Code] = m[2] as SeverityName;
  }
  const drafts = collectDrafts(positionals, io);
  const kb = loadKb(values.report as string[], io);
  if (settings.defaultReport && !kb.get(settings.defaultReport)) io.err(`tip-lens: warning: --default-report ${settings.defaultReport} is not a loaded report (loaded: ${kb.all().map((r) => r.id).join(', ')})\n`);
  const said = new Set<string>();
  const bibliography = createBibliographyLoader({
    onProblem: (p) => {
      const line = `tip-lens: warning: ${shownName(p.draft)}: bibliography ${shownName(p.file)}: ${p.message}; its keys are not known\n`;
      if (!said.has(line)) io.err(line);
      said.add(line);
    },
  });
  const service = createTipLensService({ kb, settings, explain: Boolean(values.explain), bibliography });
  const results: FileResult[] = drafts.map((d) => {
    const languageId = /\.txt$/i.test(d.file) ? 'plaintext' : 'markdown';
    const doc = TextDocument.create(d.file === '-' ? 'stdin:/draft.md' : pathToUri(d.file), languageId, 1, d.text);
    return { file: d.file, doc, bytes: d.bytes, diagnostics: service.diagnostics(doc, NEVER_CANCELLED) };
  });
  let unfixed = false;
  if (values.fix) {
    for (const r of results) {
      const { applyOffsetEditsToBytes, safeFixEdits } = fixes();
      const edits = safeFixEdits(r.doc, r.diagnostics);
      // --fix writes bytes: every byte outside a fix is copied, so the file must decode to the text that was checked.
      if (!r.bytes || !isUtf8(r.bytes)) {
        io.err(`tip-lens: ${shownName(r.file)}: not valid UTF-8 (Latin-1 or another encoding?); --fix leaves it unchanged${edits.length ? ` (${edits.length} fix${edits.length === 1 ? '' : 'es'} not applied)` : ''}; convert it to UTF-8 to fix it\n`);
        unfixed = true;
        continue;
      }
      if (edits.length === 0) continue;
      const text = r.doc.getText();
      const fixed = applyOffsetEditsToBytes(r.bytes, text, edits.map((e) => ({ start: r.doc.offsetAt(e.range.start), end: r.doc.offsetAt(e.range.end), text: e.newText })));
      try {
        fs.writeFileSync(r.file, fixed);
      } catch (e) {
        io.err(`tip-lens: cannot write ${shownName(r.file)}: ${errnoWords(e)}; not fixed\n`);
        unfixed = true;
        continue;
      }
      for (const e of edits) {
        const old = r.doc.getText(e.range);
        io.err(`fixed ${shownName(r.file)}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${old ? `"${old}" -> ` : 'inserted '}"${e.newText.trim()}"\n`);
      }
      const doc = TextDocument.create(r.doc.uri, r.doc.languageId, 2, fixed.toString('utf8'));
      r.doc = doc;
      r.bytes = fixed;
      r.diagnostics = service.diagnostics(doc, NEVER_CANCELLED);
    }
  }
  if (format === 'json') io.out(JSON.stringify(results.flatMap(toJson), null, 2) + '\n');
  else if (format === 'sarif') io.out(JSON.stringify(sarif().toSarif(results.map((r) => ({ file: r.file, diagnostics: r.diagnostics, text: r.doc.getText() })), VERSION), null, 2) + '\n');
  else io.out(toText(results, io.isTTY && !process.env.NO_COLOR));
  if (values.explain) for (const r of results) io.out(explainText(r, service.analyze(r.doc, NEVER_CANCELLED).notes));
  if (unfixed) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
}

/** `draft.md:15:9 figure "more than 120 prosecutions": mismatch — The 2022 report … [same action (prosecuted); same year (2021)]` */
function explainText(r: FileResult, notes: readonly ExplainNote[]): string {
  return notes
    .map((n) => {
      const at = r.doc.positionAt(n.span.start);
      const said = r.doc.getText().slice(n.span.start, n.span.end).replace(/\s+/g, ' ');
      const head = `${shownName(r.file)}:${at.line + 1}:${at.character + 1} ${n.kind} "${said}": ${n.decision} — ${n.why}${n.evidence?.length ? ` [${n.evidence.join('; ')}]` : ''}\n`;
      return head + (n.source ? `    ${n.source.anchor}: ${n.source.text.replace(/\s+/g, ' ')}\n` : '');
    })
    .join('');
}

function toJson(r: FileResult) {
  return r.diagnostics.map((d) => ({
    file: r.file,
    range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
    severity: SEVERITY_WORD[d.severity ?? 1],
    code: String(d.code),
    message: d.message,
    data: d.data ?? null,
  }));
}

function toText(results: FileResult[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const colors: Record<string, string> = { error: '31', warning: '33', information: '36', hint: '2' };
  const lines: string[] = [];
  const counts: Record<string, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      const sev = SEVERITY_WORD[d.severity ?? 1];
      counts[sev]++;
      lines.push(`${shownName(r.file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${paint(colors[sev], sev)} ${paint('1', String(d.code))} ${d.message}`);
    }
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : w === 'information' ? '' : 's'}`;
  lines.push(`${plural(results.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information, ${plural(counts.hint, 'hint')}`);
  return lines.join('\n') + '\n';
}

function kbShow(args: string[], io: IO): number {
  const { values } = parse(args, { report: { type: 'string', multiple: true, default: [] }, format: { type: 'string', default: 'text' } });
  const format = String(values.format);
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json (got "${format}")`);
  const ids: string[] = [];
  const paths: string[] = [];
  for (const r of values.report as string[]) (/^[A-Za-z]{3}-\d{4}$/.test(r) && !fs.existsSync(r) ? ids : paths).push(r);
  const kb = loadKb(paths, io);
  const reports = kb.all().filter((r) => ids.length === 0 || ids.some((id) => id.toUpperCase() === r.id));
  for (const id of ids) if (!kb.get(id)) throw new UsageError(`no report ${id.toUpperCase()} is loaded (loaded: ${kb.all().map((r) => r.id).join(', ')})`);
  if (format === 'json') {
    const json = reports.map((r) => ({
      id: r.id,
      country: r.manifest.country,
      iso3: r.manifest.iso3,
      edition: r.manifest.edition,
      dataYear: r.manifest.dataYear,
      tier: r.manifest.tier ?? null,
      partial: r.partial,
      file: r.file,
      source: r.manifest.source,
      sections: r.sections.map((s) => ({ slug: s.slug, title: s.title, paragraphs: s.paragraphs.length, start: s.span.start, end: s.span.end })),
      paragraphs: r.paragraphs.map((p) => ({ anchor: p.anchor, start: p.span.start, end: p.span.end, sentences: p.sentences.length })),
      recommendations: r.recommendations.map((x) => ({ key: x.key, anchor: `${r.id}/${x.key}`, text: x.text, start: x.span.start, end: x.span.end })),
      facts: r.facts.map((f) => {
        const s = f.sentence >= 0 ? r.sentences[f.sentence] : undefined;
        return {
          id: f.id,
          kind: f.kind,
          values: f.values,
          unit: f.unit,
          ...(f.unitMax ? { unitMax: f.unitMax } : {}),
          ...(f.others ? { others: true } : {}),
          actions: f.actions,
          form: f.form ?? null,
          victim: f.victim ?? null,
          year: f.year ?? null,
          yearFrom: f.yearFrom ?? null,
          topics: f.topics,
          attribution: f.attribution ?? null,
          tier: f.tier ?? null,
          tierChange: f.tierChange ?? null,
          inferredFrom: f.inferredFrom ?? null,
          text: r.text.slice(f.span.start, f.span.end),
          start: f.span.start,
          end: f.span.end,
          anchor: s ? `${r.id}/${s.paragraph}` : r.id,
          sentence: s ? { text: r.text.slice(s.span.start, s.span.end), start: s.span.start, end: s.span.end } : null,
        };
      }),
      nonFacts: r.nonFacts.map((n) => ({ text: n.text, reason: n.reason, start: n.span.start, end: n.span.end })),
    }));
    io.out(JSON.stringify(json, null, 2) + '\n');
    return 0;
  }
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.id}  ${citationLabel(r)}${r.manifest.tier ? ` (${r.manifest.tier})` : ''}  data year ${r.manifest.dataYear}${r.partial ? '  [partial text]' : ''}`);
    lines.push(`  file: ${shownName(r.file)}`);
    lines.push(`  sections: ${r.sections.map((s) => `${s.title} (${s.paragraphs.length} ¶)`).join(', ')}`);
    for (const x of r.recommendations) lines.push(`  ${x.key.padEnd(4)} ${x.text}`);
    for (const f of r.facts) {
      const s = f.sentence >= 0 ? r.sentences[f.sentence] : undefined;
      const q = [f.actions.join('+'), f.form, f.victim, f.year, ...f.topics].filter(Boolean).join(', ');
      lines.push(`  fact ${f.id} ${f.kind} "${r.text.slice(f.span.start, f.span.end)}" ${f.unit}${f.unitMax ? '..' + f.unitMax : ''}${q ? ` [${q}]` : ''} @${f.span.start}-${f.span.end} ${s ? s.paragraph : 'header'}`);
    }
    lines.push('');
  }
  io.out(lines.join('\n'));
  return 0;
}

function exportCommand(args: string[], io: IO): number {
  const { values } = parse(args, { ...EXPORT_OPTIONS, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.out(HELP + '\n');
    return 0;
  }
  const usage = (message: string): never => {
    throw new UsageError(message);
  };
  return kbExport(values as unknown as ExportValues, { out: io.out, err: io.err, usage, loadKb: (paths) => loadKb(paths, io), readDraft, shownName });
}

function pathToUri(p: string): string {
  const abs = path.resolve(p);
  return 'file://' + abs.split(path.sep).map(encodeURIComponent).join('/').replace(/^\/?/, '/');
}

/** Entry point of bin/tip-lens.js and `node dist/cli.js`. */
export function run(argv = process.argv.slice(2)): void {
  // `tip-lens check BIG | head -1`: the reader closed the pipe. Stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && stream === process.stdout) process.stderr.write(`tip-lens: cannot write the output: ${e.message}\n`);
      process.exit(e.code === 'EPIPE' ? (typeof process.exitCode === 'number' ? process.exitCode : 0) : 2);
    });
  }
  let code: number;
  if (argv[0] === 'kb' && argv[1] === 'import') {
    const io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) };
    void importCli()
      .kbImport(argv.slice(2), io)
      .then((c) => (process.exitCode = c), (e: Error) => ((process.exitCode = 2), io.err(`tip-lens: internal error: ${e.message} (please report it with the input that caused it)\n`)));
    return;
  }
  try {
    code = main(argv);
  } catch (e) {
    process.stderr.write(`tip-lens: internal error: ${(e as Error).message} (please report it with the input that caused it)\n`);
    code = 2;
  }
  process.exitCode = code;
}

if (require.main === module) run();

export { CODE_HELP };
