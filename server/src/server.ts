/**
 * The TIP Lens language server: wires an LSP connection to the engine
 * (server/src/service). Handlers are a few lines each; the features live in
 * the engine. Start it with `--stdio` or `--node-ipc` (or `--socket=PORT`).
 *
 * Nothing heavy happens before the initialize result: the knowledge base loads
 * when the client says `initialized` (or on the first request that needs it),
 * and fuzzy indexes are built the first time a report is searched.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { registerCustomRequests } from './lsp/customRequests';
import { registerDiagnostics, registerFeatures } from './lsp/features';
import { registerDocumentEvents, registerLifecycle } from './lsp/lifecycle';
import { describe } from './lsp/params';
import { defaultDeps, Session, type ServerDeps } from './lsp/session';

export type { ServerDeps } from './lsp/session';

/** Wires a connection to one session: lifecycle, document events, features, TIP Lens's requests; then listens. */
export function startServer(connection: Connection, deps: ServerDeps = defaultDeps): void {
  const session = new Session(connection, deps);
  registerLifecycle(session);
  registerDocumentEvents(session);
  registerDiagnostics(session);
  registerFeatures(session);
  registerCustomRequests(session);
  session.documents.listen(connection);
}

const EMPTY: Buffer = Buffer.alloc(0);
const CRLF = Buffer.from('\r\n', 'latin1');
/** Header bytes kept while no blank line ends the header (garbage without a header is dropped beyond this). */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_LINE = /content-length:[ \t]*(\d+)[ \t]*$/i;
/** A raw "Content-Length: N" line: it cannot occur inside a JSON body (raw CR/LF are invalid in JSON strings, letters outside them). */
const RAW_HEADER = /Content-Length:[ \t]*\d+\r\n/gi;

/**
 * The base protocol's framing, made to recover from a wrong Content-Length: stdin passes through this
 * before vscode-jsonrpc's reader, which on its own waits forever for bytes that never come (a length too
 * large) or reads the next message as the rest of a body (too small), leaving the server deaf but alive.
 * Here a frame whose body holds a raw Content-Length header is cut there and reading starts again at
 * that header; a header block without a usable Content-Length is dropped, and garbage before a
 * Content-Length line is skipped. Each repair is logged. Well-formed frames pass through unchanged.
 * What is lost is the broken message itself (its id is unknown, so it gets no answer).
 */
export function resyncFrames(warn: (message: string) => void): Transform {
  let head: Buffer = EMPTY; // header bytes not yet ended by a blank line
  let want = -1; // body length of the current frame; -1 while reading a header
  let body: Buffer[] = [];
  let bodyLen = 0;
  let tail: Buffer = EMPTY; // last bytes of the body so far, so a header split across chunks is seen
  const rawHeaderAt = (buf: Buffer): number => {
    // A header line ends with CR LF, which a JSON body cannot hold raw: without one (all normal traffic) there is nothing to look for.
    if (buf.indexOf(CRLF) < 0) return -1;
    const text = buf.toString('latin1');
    RAW_HEADER.lastIndex = 0;
    const m = RAW_HEADER.exec(text);
    return m ? m.index : -1;
  };
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      let data: Buffer = chunk;
      while (data.length > 0) {
        if (want < 0) {
          head = head.length ? Buffer.concat([head, data]) : data;
          data = EMPTY;
          const end = head.indexOf('\r\n\r\n');
          if (end < 0) {
            if (head.length > MAX_HEADER_BYTES) {
              warn(`TIP Lens: dropped ${head.length - 64} bytes of input with no message header`);
              head = head.subarray(head.length - 64);
            }
            break;
          }
          const lines = head.subarray(0, end).toString('latin1').split('\r\n');
          data = head.subarray(end + 4);
          head = EMPTY;
          let length = -1;
          let garbage = false;
          for (const line of lines) {
            const m = HEADER_LINE.exec(line);
            if (m) {
              length = Number(m[1]);
              garbage ||= !/^content-length:/i.test(line);
            } else if (!/^[\w-]+:/.test(line)) garbage = true;
          }
          if (length < 0 || !Number.isSafeInteger(length)) {
            warn(`TIP Lens: dropped a message header without a valid Content-Length: ${JSON.stringify(lines.join('\r\n').slice(0, 200))}`);
            continue;
          }
          if (garbage) warn('TIP Lens: skipped bytes before a message header (the message before had a wrong Content-Length?)');
          want = length;
          body = [];
          bodyLen = 0;
          tail = EMPTY;
          if (want === 0) {
            this.push(Buffer.from('Content-Length: 0\r\n\r\n'));
            want = -1;
          }
        } else {
          const piece = data.subarray(0, want - bodyLen);
          data = data.subarray(piece.length);
          const scan = tail.length ? Buffer.concat([tail, piece]) : piece;
          const at = rawHeaderAt(scan);
          if (at >= 0) {
            warn(`TIP Lens: dropped a message whose Content-Length (${want}) runs into the next message's header; reading again from that header`);
            data = Buffer.concat([scan.subarray(at), data]);
            want = -1;
            body = [];
            bodyLen = 0;
            tail = EMPTY;
            continue;
          }
          body.push(piece);
          bodyLen += piece.length;
          tail = scan.subarray(Math.max(0, scan.length - 40));
          if (bodyLen === want) {
            this.push(Buffer.from(`Content-Length: ${want}\r\n\r\n`, 'ascii'));
            for (const b of body) this.push(b);
            want = -1;
            body = [];
            bodyLen = 0;
            tail = EMPTY;
          }
        }
      }
      done();
    },
  });
}

/** `node dist/server.js --stdio` (or --node-ipc, --socket=N): stdio when no transport is named. */
function main(): void {
  const other = process.argv.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
  let connection: Connection;
  if (other) connection = createConnection(ProposedFeatures.all);
  else {
    // stdio through resyncFrames; what vscode-languageserver does for --stdio besides (console to the client) is done here.
    let warn = (m: string): void => {
      process.stderr.write(m + '\n');
    };
    connection = createConnection(ProposedFeatures.all, process.stdin.pipe(resyncFrames((m) => warn(m))), process.stdout);
    warn = (m: string): void => connection.console.warn(m);
    console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
    console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
    console.error = (...args: unknown[]) => connection.console.error(format(...args));
  }
  process.on('uncaughtException', (e) => connection.console.error(`TIP Lens: uncaught ${describe(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`TIP Lens: unhandled rejection ${describe(e)}`));
  startServer(connection);
  connection.listen();
}

if (require.main === module) main();

