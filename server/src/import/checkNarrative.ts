/**
 * What `tip-lens kb check` says about a narrative: no paragraphs, no tier, sections the knowledge
 * base does not know, and text that looks like a PDF's leftovers (running heads, photo captions,
 * hyphenated line breaks, columns run into each other). Pure: reads the ingested report only.
 */
import { USUAL_SECTIONS, type Report } from '../model/kb';
import { lineOf, lineStartsOf } from '../ingest/lines';

export interface NarrativeFinding {
  severity: 'error' | 'warning';
  /** 1-based line of the narrative text (0: the manifest). */
  line: number;
  message: string;
}

const SUSPICIOUS: { re: RegExp; what: string }[] = [
  { re: /\bCOUNTRY NARRATIVES\b|\bTRAFFICKING IN PERSONS REPORT\s+\d{1,4}\b|^\d{1,4}\s+TRAFFICKING IN PERSONS REPORT\b/, what: 'a running head of the PDF ("COUNTRY NARRATIVES 55")' },
  { re: /^(?:photo|caption)\b|\((?:photo|credit)\b|©|\bphoto credit\b/i, what: 'a photo caption' },
  { re: /\p{Ll}{2}- \p{Ll}{2}/u, what: 'a word broken at a line end ("traf- ficking")' },
];

export function checkNarrative(report: Report): NarrativeFinding[] {
  const out: NarrativeFinding[] = [];
  const text = report.text;
  const starts = lineStartsOf(text);
  /** 1-based, as kb check prints lines. */
  const lineAt = (offset: number): number => lineOf(starts, offset) + 1;
  if (report.paragraphs.length === 0) out.push({ severity: 'error', line: 1, message: 'no paragraphs' });
  if (!report.manifest.tier) out.push({ severity: 'warning', line: 0, message: 'no tier (the manifest has none and the title heading gives none)' });
  const known = new Set(USUAL_SECTIONS.map((s) => s.slug));
  for (const s of report.sections) if (!known.has(s.slug.replace(/-\d+$/, ''))) out.push({ severity: 'warning', line: lineAt(s.span.start), message: `unknown section "${s.slug}" (known: ${[...known].join(', ')})` });
  for (const s of report.manifest.sections) if (!known.has(s)) out.push({ severity: 'warning', line: 0, message: `the manifest lists an unknown section "${s}"` });
  for (const p of report.paragraphs) {
    const t = text.slice(p.span.start, p.span.end);
    const line = lineAt(p.span.start);
    for (const s of SUSPICIOUS) if (s.re.test(t)) out.push({ severity: 'warning', line, message: `${p.anchor} holds what looks like ${s.what}: "${t.length > 70 ? t.slice(0, 70) + '…' : t}"` });
    if (p.section === 'recommendations') continue;
    if (/^\p{Ll}/u.test(t)) out.push({ severity: 'warning', line, message: `${p.anchor} starts mid-sentence (columns or pages run together?): "${t.slice(0, 50)}…"` });
    else if (!/[.!?:;)"”’]$/.test(t)) out.push({ severity: 'warning', line, message: `${p.anchor} ends mid-sentence (columns or pages run together, or a caption?): "…${t.slice(-50)}"` });
  }
  return out.sort((a, b) => a.line - b.line);
}
