/**
 * `tip-lens check FILE|DIR|- … [--format text|json|sarif] [--report PATH]… [--default-report ID] [--severity CODE=LEVEL]… [--fix] [--explain]`:
 * the drafts' diagnostics, on the language server's engine. Exit 0 no error, 1 an error-severity diagnostic,
 * 2 a file --fix could not write (bad usage and unreadable input throw UsageError).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { KnowledgeBase } from '../model/kb';
import { ALL_CODES, type Code } from '../service/codes';
import type { ExplainNote } from '../service/check';
import { createTipLensService, type TipLensService } from '../service/index';
import { defaultSettings, SEVERITY_NAMES, type SeverityName, type TipLensSettings } from '../service/settings';
import { NEVER_CANCELLED } from '../service/types';
import { createBibliographyLoader } from '../node/bibliographyFiles';
import { VERSION } from '../version';
import { errnoWords, loadKb, parse, shownName, UsageError, type IO } from './common';
import { collectDrafts, type Draft } from './drafts';
import { HELP } from './help';

/* What only some runs need loads when they need it (a plain check does not): SARIF output and --fix. */
const sarif = () => require('../sarif') as typeof import('../sarif');
const fixes = () => require('../service/fixes') as typeof import('../service/fixes');

const SEVERITY_WORD = ['', 'error', 'warning', 'information', 'hint'] as const;
const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface FileResult {
  file: string;
  doc: TextDocument;
  bytes?: Buffer;
  diagnostics: Diagnostic[];
}

export function check(args: string[], io: IO): number {
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
  const format = checkFormat(String(values.format));
  if (positionals.length === 0) throw new UsageError('check needs at least one FILE, folder or - for standard input');
  if (values.fix && positionals.includes('-')) throw new UsageError('--fix writes files; it cannot fix standard input');
  const settings = checkSettings(values['default-report'], values.severity as string[]);
  const drafts = collectDrafts(positionals, io);
  const kb = loadKb(values.report as string[], io);
  warnUnloadedDefaultReport(settings, kb, io);
  const service = createTipLensService({ kb, settings, explain: Boolean(values.explain), bibliography: bibliographyWarnings(io) });
  const results = drafts.map((d) => checkDraft(service, d));
  const unfixed = values.fix ? !results.map((r) => fixFile(r, service, io)).every(Boolean) : false;
  writeResults(results, format, io);
  if (values.explain) for (const r of results) io.out(explainText(r, service.analyze(r.doc, NEVER_CANCELLED).notes));
  if (unfixed) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
}

function checkFormat(format: string): Format {
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  return format as Format;
}

/** The default settings with --default-report and every --severity CODE=LEVEL. */
function checkSettings(defaultReport: string | undefined, severities: readonly string[]): TipLensSettings {
  const settings: TipLensSettings = defaultSettings();
  if (defaultReport) settings.defaultReport = String(defaultReport).toUpperCase();
  for (const s of severities) {
    const m = /^([\w.-]+)=(\w+)$/.exec(s);
    if (!m || !(ALL_CODES as readonly string[]).includes(m[1]) || !(SEVERITY_NAMES as readonly string[]).includes(m[2])) {
      throw new UsageError(`--severity takes CODE=LEVEL with CODE one of ${ALL_CODES.join(', ')} and LEVEL one of ${SEVERITY_NAMES.join(', ')} (got "${s}")`);
    }
    settings.severity[m[1] as Code] = m[2] as SeverityName;
  }
  return settings;
}

function warnUnloadedDefaultReport(settings: TipLensSettings, kb: KnowledgeBase, io: IO): void {
  if (settings.defaultReport && !kb.get(settings.defaultReport)) io.err(`tip-lens: warning: --default-report ${settings.defaultReport} is not a loaded report (loaded: ${kb.all().map((r) => r.id).join(', ')})\n`);
}

/** The drafts' bibliography files, read from disk; a file that cannot be read is a warning, each said once. */
function bibliographyWarnings(io: IO): ReturnType<typeof createBibliographyLoader> {
  const said = new Set<string>();
  return createBibliographyLoader({
    onProblem: (p) => {
      const line = `tip-lens: warning: ${shownName(p.draft)}: bibliography ${shownName(p.file)}: ${p.message}; its keys are not known\n`;
      if (!said.has(line)) io.err(line);
      said.add(line);
    },
  });
}

function checkDraft(service: TipLensService, d: Draft): FileResult {
  const languageId = /\.txt$/i.test(d.file) ? 'plaintext' : 'markdown';
  const doc = TextDocument.create(d.file === '-' ? 'stdin:/draft.md' : pathToUri(d.file), languageId, 1, d.text);
  return { file: d.file, doc, bytes: d.bytes, diagnostics: service.diagnostics(doc, NEVER_CANCELLED) };
}

/**
 * --fix on one file: its safe fixes written into its bytes, each said, and the file checked again. False when
 * it could not be fixed (not UTF-8, or not writable).
 */
function fixFile(r: FileResult, service: TipLensService, io: IO): boolean {
  const { applyOffsetEditsToBytes, safeFixEdits } = fixes();
  const edits = safeFixEdits(r.doc, r.diagnostics);
  // --fix writes bytes: every byte outside a fix is copied, so the file must decode to the text that was checked.
  if (!r.bytes || !isUtf8(r.bytes)) {
    io.err(`tip-lens: ${shownName(r.file)}: not valid UTF-8 (Latin-1 or another encoding?); --fix leaves it unchanged${edits.length ? ` (${edits.length} fix${edits.length === 1 ? '' : 'es'} not applied)` : ''}; convert it to UTF-8 to fix it\n`);
    return false;
  }
  if (edits.length === 0) return true;
  const fixed = applyOffsetEditsToBytes(r.bytes, r.doc.getText(), edits.map((e) => ({ start: r.doc.offsetAt(e.range.start), end: r.doc.offsetAt(e.range.end), text: e.newText })));
  try {
    fs.writeFileSync(r.file, fixed);
  } catch (e) {
    io.err(`tip-lens: cannot write ${shownName(r.file)}: ${errnoWords(e)}; not fixed\n`);
    return false;
  }
  for (const e of edits) {
    const old = r.doc.getText(e.range);
    io.err(`fixed ${shownName(r.file)}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${old ? `"${old}" -> ` : 'inserted '}"${e.newText.trim()}"\n`);
  }
  r.doc = TextDocument.create(r.doc.uri, r.doc.languageId, 2, fixed.toString('utf8'));
  r.bytes = fixed;
  r.diagnostics = service.diagnostics(r.doc, NEVER_CANCELLED);
  return true;
}

function writeResults(results: FileResult[], format: Format, io: IO): void {
  if (format === 'json') io.out(JSON.stringify(results.flatMap(toJson), null, 2) + '\n');
  else if (format === 'sarif') io.out(JSON.stringify(sarif().toSarif(results.map((r) => ({ file: r.file, diagnostics: r.diagnostics, text: r.doc.getText() })), VERSION), null, 2) + '\n');
  else io.out(toText(results, io.isTTY && !process.env.NO_COLOR));
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

function pathToUri(p: string): string {
  const abs = path.resolve(p);
  return 'file://' + abs.split(path.sep).map(encodeURIComponent).join('/').replace(/^\/?/, '/');
}
