/**
 * The base protocol's framing, made to recover from a wrong Content-Length: stdin passes through this
 * before vscode-jsonrpc's reader, which on its own waits forever for bytes that never come (a length too
 * large) or reads the next message as the rest of a body (too small), leaving the server deaf but alive.
 * Here a frame whose body holds a raw Content-Length header is cut there and reading starts again at
 * that header; a header block without a usable Content-Length is dropped, and garbage before a
 * Content-Length line is skipped. Each repair is logged. Well-formed frames pass through unchanged.
 * What is lost is the broken message itself (its id is unknown, so it gets no answer).
 */
import { Transform, type TransformCallback } from 'node:stream';

const EMPTY: Buffer = Buffer.alloc(0);
const CRLF = Buffer.from('\r\n', 'latin1');
/** Header bytes kept while no blank line ends the header (garbage without a header is dropped beyond this). */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_LINE = /content-length:[ \t]*(\d+)[ \t]*$/i;
/** A raw "Content-Length: N" line: it cannot occur inside a JSON body (raw CR/LF are invalid in JSON strings, letters outside them). */
const RAW_HEADER = /Content-Length:[ \t]*\d+\r\n/gi;

export function resyncFrames(warn: (message: string) => void): Transform {
  return new FrameResync(warn);
}

/** Where a raw header line starts in `buf`, or -1. */
function rawHeaderAt(buf: Buffer): number {
  // A header line ends with CR LF, which a JSON body cannot hold raw: without one (all normal traffic) there is nothing to look for.
  if (buf.indexOf(CRLF) < 0) return -1;
  const text = buf.toString('latin1');
  RAW_HEADER.lastIndex = 0;
  const m = RAW_HEADER.exec(text);
  return m ? m.index : -1;
}

/** A header block's Content-Length (-1 when it has none, or not a usable one) and whether bytes other than header lines came before or in it. */
function readHeader(lines: readonly string[]): { length: number; garbage: boolean } {
  let length = -1;
  let garbage = false;
  for (const line of lines) {
    const m = HEADER_LINE.exec(line);
    if (m) {
      length = Number(m[1]);
      garbage ||= !/^content-length:/i.test(line);
    } else if (!/^[\w-]+:/.test(line)) garbage = true;
  }
  return { length, garbage };
}

class FrameResync extends Transform {
  /** Header bytes not yet ended by a blank line. */
  private head: Buffer = EMPTY;
  /** Body length of the current frame; -1 while reading a header. */
  private want = -1;
  private body: Buffer[] = [];
  private bodyLen = 0;
  /** The last bytes of the body so far, so a header split across chunks is seen. */
  private tail: Buffer = EMPTY;

  constructor(private readonly warn: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let data: Buffer = chunk;
    while (data.length > 0) data = this.want < 0 ? this.headerBytes(data) : this.bodyBytes(data);
    done();
  }

  /** Reads header bytes; returns the bytes after the header (none while it has not ended). */
  private headerBytes(data: Buffer): Buffer {
    this.head = this.head.length ? Buffer.concat([this.head, data]) : data;
    const end = this.head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.head.length > MAX_HEADER_BYTES) {
        this.warn(`TIP Lens: dropped ${this.head.length - 64} bytes of input with no message header`);
        this.head = this.head.subarray(this.head.length - 64);
      }
      return EMPTY;
    }
    const lines = this.head.subarray(0, end).toString('latin1').split('\r\n');
    const rest = this.head.subarray(end + 4);
    this.head = EMPTY;
    const { length, garbage } = readHeader(lines);
    if (length < 0 || !Number.isSafeInteger(length)) {
      this.warn(`TIP Lens: dropped a message header without a valid Content-Length: ${JSON.stringify(lines.join('\r\n').slice(0, 200))}`);
      return rest;
    }
    if (garbage) this.warn('TIP Lens: skipped bytes before a message header (the message before had a wrong Content-Length?)');
    this.startBody(length);
    if (length === 0) {
      this.push(Buffer.from('Content-Length: 0\r\n\r\n'));
      this.want = -1;
    }
    return rest;
  }

  /** Reads body bytes; returns what is left of `data` (after the body, or from a header found in it). */
  private bodyBytes(data: Buffer): Buffer {
    const piece = data.subarray(0, this.want - this.bodyLen);
    const rest = data.subarray(piece.length);
    const scan = this.tail.length ? Buffer.concat([this.tail, piece]) : piece;
    const at = rawHeaderAt(scan);
    if (at >= 0) {
      this.warn(`TIP Lens: dropped a message whose Content-Length (${this.want}) runs into the next message's header; reading again from that header`);
      this.startBody(-1);
      return Buffer.concat([scan.subarray(at), rest]);
    }
    this.body.push(piece);
    this.bodyLen += piece.length;
    this.tail = scan.subarray(Math.max(0, scan.length - 40));
    if (this.bodyLen === this.want) {
      this.push(Buffer.from(`Content-Length: ${this.want}\r\n\r\n`, 'ascii'));
      for (const b of this.body) this.push(b);
      this.startBody(-1);
    }
    return rest;
  }

  /** A body of `want` bytes follows (-1: a header does). */
  private startBody(want: number): void {
    this.want = want;
    this.body = [];
    this.bodyLen = 0;
    this.tail = EMPTY;
  }
}
