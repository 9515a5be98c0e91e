/** `tip-lens kb import` and `tip-lens kb check`: options, messages and exit codes (built into dist/lib/import.js, loaded only by these commands). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { countryFromOption, type CountryEntry } from '../import/countries';
import { checkNarrative } from '../import/checkNarrative';
import { loadReportPath } from './loadReports';
import { DEFAULT_MAX_PAGES, importReport } from './importReport';

type IO = { out: (s: string) => void; err: (s: string) => void };

export const IMPORT_HELP = `Usage: tip-lens kb import FILE|- [--out DIR] [--edition YEAR] [--country NAME|ISO3|NAME=ISO3] [--force] [--max-pages N]
  Reads a saved State Department country page (HTML), a TIP Report PDF (every narrative in it) or pasted text,
  and writes ISO3-EDITION.txt and .json for each narrative into DIR (default tip-reports).
Usage: tip-lens kb check DIR
  Reports narratives with no paragraphs, no tier, unknown sections or text that looks like PDF leftovers.`;

class OptionError extends Error {}

function options(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options: { out: { type: 'string', default: 'tip-reports' }, edition: { type: 'string' }, country: { type: 'string' }, force: { type: 'boolean', default: false }, 'max-pages': { type: 'string' } } });
  } catch (e) {
    throw new OptionError((e as Error).message.split('\n')[0]);
  }
}

export async function kbImport(args: string[], io: IO, stdin: () => Promise<Buffer> = readStdin): Promise<number> {
  let v: ReturnType<typeof options>;
  try {
    v = options(args);
  } catch (e) {
    io.err(`tip-lens: ${(e as Error).message}\n${IMPORT_HELP}\n`);
    return 2;
  }
  const usage = (m: string) => (io.err(`tip-lens: ${m}\n`), 2);
  if (v.positionals.length !== 1) return usage(`kb import takes one FILE (or - for standard input), got ${v.positionals.length}`);
  let edition: number | undefined;
  if (v.values.edition !== undefined) {
    edition = Number(v.values.edition);
    if (!/^\d{4}$/.test(v.values.edition) || edition < 2001 || edition > 2100) return usage(`--edition must be a year such as 2023 (got "${v.values.edition}")`);
  }
  let country: CountryEntry | undefined;
  if (v.values.country !== undefined) {
    const c = countryFromOption(v.values.country);
    if (typeof c === 'string') return usage(c);
    country = c;
  }
  let maxPages = DEFAULT_MAX_PAGES;
  if (v.values['max-pages'] !== undefined) {
    maxPages = Number(v.values['max-pages']);
    if (!Number.isInteger(maxPages) || maxPages < 1) return usage(`--max-pages must be a whole number (got "${v.values['max-pages']}")`);
  }
  const input = v.positionals[0];
  const r = await importReport({ input, stdin: input === '-' ? await stdin() : undefined, out: String(v.values.out), edition, country, force: v.values.force, maxPages });
  for (const n of r.notes) io.err(`tip-lens: note: ${n}\n`);
  for (const p of r.problems) io.err(`tip-lens: ${p}\n`);
  if (r.problems.length) {
    io.err(`tip-lens: nothing written\n`);
    return 2;
  }
  for (const k of r.skipped) io.err(`tip-lens: warning: skipped: ${k}\n`);
  for (const w of r.written) io.out(`${w.id}  ${path.relative(process.cwd(), w.text) || w.text}  ${path.relative(process.cwd(), w.manifest) || w.manifest}\n`);
  const skipped = r.skipped.length ? ` (${r.skipped.length} narrative${r.skipped.length === 1 ? '' : 's'} skipped: see the warnings)` : '';
  io.out(`${r.written.length} report${r.written.length === 1 ? '' : 's'} imported into ${v.values.out}${skipped}; check them with: tip-lens kb check ${v.values.out}\n`);
  return 0;
}

export function kbCheck(args: string[], io: IO): number {
  if (args.length !== 1 || args[0].startsWith('-')) {
    io.err(`tip-lens: kb check takes one DIR (or manifest)\n`);
    return 2;
  }
  const target = args[0];
  if (!fs.existsSync(target)) {
    io.err(`tip-lens: ${target}: no such file or folder\n`);
    return 2;
  }
  const loaded = loadReportPath(target);
  let errors = 0;
  let warnings = 0;
  for (const p of loaded.problems) {
    // The loader's "no paragraphs" is said below, with the line, by checkNarrative.
    if (/^no paragraphs found/.test(p.message) && loaded.reports.some((r) => r.file === p.file)) continue;
    io.out(`${p.file}: error: ${p.message}\n`);
    errors++;
  }
  for (const report of loaded.reports.sort((a, b) => a.id.localeCompare(b.id))) {
    const manifestFile = report.file.replace(/\.[^./\\]+$/, '.json');
    for (const f of checkNarrative(report)) {
      io.out(`${f.line ? `${report.file}:${f.line}` : manifestFile}: ${f.severity}: ${report.id}: ${f.message}\n`);
      if (f.severity === 'error') errors++;
      else warnings++;
    }
  }
  io.out(`${loaded.reports.length} report${loaded.reports.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  return errors ? 1 : 0;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/* For the language server's tipLens/importReport (server/src/importRequest.ts), which loads this file as dist/lib/import.js. */
export { importReport } from './importReport';
export { countryFromOption } from '../import/countries';
