/**
 * The edit that names a bibliography file in a Markdown draft's YAML front matter, as pandoc reads it:
 * `bibliography: tip-lens.json` in a new or existing front matter block; an existing single value becomes
 * a list with both; a list gets one more item. Pure (no vscode): the command turns it into a WorkspaceEdit.
 */

export interface TextEdit {
  /** UTF-16 offsets in the draft. */
  start: number;
  end: number;
  text: string;
}

const FRONT_MATTER = /^(\uFEFF?)---[ \t]*(\r?\n)([\s\S]*?)(\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** A YAML plain scalar when the path is safe as one, else a double-quoted string. */
function yamlValue(path: string): string {
  return /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*[A-Za-z0-9_./]$|^[A-Za-z0-9_]$/.test(path) && !/: | #/.test(path) ? path : JSON.stringify(path);
}

/** undefined: the front matter already names it (or cannot be edited safely, e.g. a flow list `[a, b]`, which is left to the writer). */
export function bibliographyEdit(text: string, file: string): TextEdit | undefined {
  const value = yamlValue(file);
  const fm = FRONT_MATTER.exec(text);
  if (!fm) {
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    return { start: bom, end: bom, text: `---\nbibliography: ${value}\n---\n\n` };
  }
  const nl = fm[2];
  const bodyStart = fm[0].indexOf(nl) + nl.length;
  const body = fm[3];
  const bodyEnd = bodyStart + body.length;
  const lines = body.split(/\r?\n/);
  let offset = bodyStart;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = /^bibliography:[ \t]*(.*?)[ \t]*$/.exec(line);
    if (m) {
      const current = m[1];
      if (current === '') {
        // A block list: its items follow, each `- path`.
        let end = offset + line.length;
        let j = i + 1;
        let at = end;
        for (; j < lines.length && /^[ \t]*-[ \t]/.test(lines[j]); j++) {
          if (unquote(lines[j].replace(/^[ \t]*-[ \t]+/, '')) === file) return undefined;
          at += nl.length + lines[j].length;
        }
        end = at;
        const indent = /^([ \t]*)-/.exec(lines[i + 1] ?? '')?.[1] ?? '';
        return { start: end, end, text: `${nl}${indent}- ${value}` };
      }
      if (current.startsWith('[')) return undefined;
      if (unquote(current) === file) return undefined;
      return { start: offset, end: offset + line.length, text: `bibliography:${nl}- ${current}${nl}- ${value}` };
    }
    offset += line.length + (text.slice(offset + line.length, offset + line.length + 2) === '\r\n' ? 2 : 1);
  }
  return { start: bodyEnd, end: bodyEnd, text: `${nl}bibliography: ${value}` };
}

function unquote(v: string): string {
  const t = v.trim().replace(/[ \t]+#.*$/, '');
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}
