/**
 * `tip-lens`: the command line on the same engine as the language server.
 *   tip-lens check FILE|DIR|- … [--format text|json|sarif] [--report PATH]… [--default-report ID] [--fix]
 *   tip-lens kb show [--report ID|PATH]… [--format text|json]
 *   tip-lens kb export [--report ID|PATH]… [--format csl-json|bibtex|ris] [--items|--no-items] [--draft FILE]… [-o FILE]
 *   tip-lens kb import FILE|- [--out DIR] [--edition YEAR] [--country NAME|ISO3]   tip-lens kb check DIR   (server/src/node/importCli.ts)
 * Exit: 0 no error-severity diagnostic, 1 at least one, 2 bad usage, unreadable input or a file --fix could not write.
 */
import { CODE_HELP } from './service/codes';
import { VERSION } from './version';
import { check } from './cli/check';
import { loadKb, parse, shownName, UsageError, type IO } from './cli/common';
import { readDraft } from './cli/drafts';
import { HELP } from './cli/help';
import { EXPORT_OPTIONS, kbExport, type ExportValues } from './cli/kbExport';
import { kbShow } from './cli/kbShow';

export { shownName };

/* kb import and kb check: dist/lib/import.js in a build (esbuild.mjs), with the HTML and PDF libraries. */
const importCli = () => require('./node/importCli') as typeof import('./node/importCli');

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
