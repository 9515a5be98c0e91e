/** Pasted plain text → blocks: each non-empty line a block; a title or section heading line a heading, a bulleted line an item. */
import type { Block } from './blocks';
import { sectionOf } from './convert';
import { parseTitle } from './title';

export function textBlocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = m[0];
    const lead = line.length - line.trimStart().length;
    const t = line.trim();
    if (!t) continue;
    const start = m.index + lead;
    const end = start + t.length;
    if (/^\[.*\]$/.test(t)) continue; // "[ Human Trafficking, Country-by-Country ]": a page's breadcrumb, not the narrative
    const bullet = /^[•▪◦·*-]\s+/.exec(t);
    const kind = bullet ? 'item' : sectionOf(t) || parseTitle(t, { bare: true }) ? 'heading' : 'paragraph';
    out.push({ kind, text: bullet ? t.slice(bullet[0].length) : t, start: start + (bullet ? bullet[0].length : 0), end });
  }
  return out;
}
