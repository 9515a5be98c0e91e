/** Temp folders of bad knowledge and drafts, and a way to run the real CLI. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { ROOT } from './lsp';

export const CLI = path.join(ROOT, 'bin', 'tip-lens.js');

export function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tip-lens-${prefix}-`));
}

export function cli(args: string[], opts: { cwd?: string; input?: string; nodeArgs?: string[]; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}) {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), CLI, ...args], { cwd: opts.cwd ?? ROOT, input: opts.input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...opts.env }, maxBuffer: 256 * 1024 * 1024, timeout: 120_000, uid: opts.uid, gid: opts.gid });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder with one valid extra report (a copy of KHM-2023 as TST-2023) and every kind of bad one. Returns the paths. */
export function badKnowledge(): { dir: string; good: string; bad: Record<string, string> } {
  const dir = tmp('kb');
  const text = fs.readFileSync(path.join(ROOT, 'server', 'reports', 'KHM-2023.txt'), 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'reports', 'KHM-2023.json'), 'utf8'));
  const w = (name: string, data: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), data);
    return path.join(dir, name);
  };
  w('TST-2023.txt', text);
  const good = w('TST-2023.json', JSON.stringify({ ...manifest, id: 'TST-2023', iso3: 'TST', country: 'Testland', text: 'TST-2023.txt' }));
  const bad = {
    missing: path.join(dir, 'missing.json'),
    empty: w('empty.json', ''),
    binary: w('binary.json', Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x7d])),
    truncated: w('truncated.json', JSON.stringify(manifest).slice(0, 40)),
    wrongTyped: w('wrongtyped.json', JSON.stringify({ ...manifest, id: 'WRT-2023', iso3: 'WRT', edition: 'twenty twenty-three', sections: 'summary' })),
    duplicate: w('duplicate.json', JSON.stringify({ ...manifest, text: 'TST-2023.txt' })), // id KHM-2023 again
    missingText: w('notext.json', JSON.stringify({ ...manifest, id: 'NTX-2023', iso3: 'NTX', text: 'nowhere.txt' })),
    invalidUtf8: w('badutf8.json', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d])),
  };
  return { dir, good, bad };
}

export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string) => {
    for (const n of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, n.name);
      if (n.isDirectory()) visit(p);
      else out.set(path.relative(dir, p), createHash('sha256').update(fs.readFileSync(p)).digest('hex') + ':' + fs.statSync(p).mtimeMs);
    }
  };
  visit(dir);
  return out;
}
