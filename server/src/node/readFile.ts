/**
 * Reading a file the user (or a manifest) names, safely: only a regular file, opened without
 * blocking (a FIFO with no writer must not hang us), read with the byte limit enforced while
 * reading (devices such as /dev/zero report size 0 and never end), and, for report texts, only
 * inside the folder of the manifest that names them (no `..`, no absolute path, no symbolic link
 * that leads out).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A read that was refused or failed, with a message fit to show beside the file's name. */
export class FileReadError extends Error {
  constructor(message: string, readonly code: 'ENOTREG' | 'ETOOBIG' | 'EOUTSIDE' | 'EIO') {
    super(message);
  }
}

const CHUNK = 64 * 1024;
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 0)} MB`;

/** What kind of thing is not a regular file, in words. */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The bytes of a regular file, at most `maxBytes` of them. Throws FileReadError for anything that
 * is not a regular file or is larger than the limit, and the system's error (ENOENT, EACCES …) otherwise.
 */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new FileReadError(`is ${kindOf(st)}, not a regular file`, 'ENOTREG');
    if (st.size > maxBytes) throw new FileReadError(`too large (${mb(st.size)}; the limit is ${mb(maxBytes)})`, 'ETOOBIG');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One byte past the limit tells a file that grew while we read it from one that fits exactly.
      const want = Math.min(CHUNK, maxBytes + 1 - total);
      const buf = Buffer.allocUnsafe(want);
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, want, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') throw new FileReadError('gave no data without waiting (not a regular file)', 'ENOTREG');
        throw e;
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new FileReadError(`too large (more than ${mb(maxBytes)}, the limit)`, 'ETOOBIG');
      chunks.push(n === want ? buf : buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The path of a report text named by a manifest, if it lies inside the manifest's folder: relative,
 * without a `..` that climbs out, and, with symbolic links resolved, still inside. Throws FileReadError
 * ('EOUTSIDE') otherwise, and the system's error when the file does not exist.
 */
export function textInsideManifestFolder(manifestPath: string, text: string): string {
  const folder = path.dirname(path.resolve(manifestPath));
  if (path.isAbsolute(text) || path.win32.isAbsolute(text)) {
    throw new FileReadError(`the manifest's "text" is an absolute path (${text}); it must name a file in the manifest's own folder`, 'EOUTSIDE');
  }
  const resolved = path.resolve(folder, text);
  if (!isInside(folder, resolved)) throw new FileReadError(`the manifest's "text" (${text}) leads outside the manifest's folder`, 'EOUTSIDE');
  const realFolder = fs.realpathSync(folder);
  const real = fs.realpathSync(resolved);
  if (!isInside(realFolder, real)) throw new FileReadError(`the manifest's "text" (${text}) is a symbolic link that leads outside the manifest's folder`, 'EOUTSIDE');
  return real;
}

/** Is `file` strictly inside `folder` (both absolute, resolved the same way)? */
export function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel);
}
