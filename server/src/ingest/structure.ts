/**
 * Narrative text -> header, sections, paragraphs, sentences and recommendations,
 * all as spans of the original text. One paragraph per line; a section heading is
 * a line of its own ("Prioritized Recommendations", "PROSECUTION", …).
 */
import { USUAL_SECTIONS, type Paragraph, type Recommendation, type Section, type Sentence, type Span, type TierName } from '../model/kb';
import { splitSentences } from './sentences';

export interface Structure {
  header?: { span: Span; country?: string; tier?: TierName; tierSpan?: Span };
  sections: Section[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  recommendations: Recommendation[];
}

const HEADINGS: { re: RegExp; slug: string; title: string }[] = [
  { re: /^(prioriti[sz]ed\s+)?recommendations(\s+for\s+[^:]{2,60})?\s*:?$/i, slug: 'recommendations', title: 'Prioritized Recommendations' },
  { re: /^prosecution\s*:?$/i, slug: 'prosecution', title: 'Prosecution' },
  { re: /^protection\s*:?$/i, slug: 'protection', title: 'Protection' },
  { re: /^prevention\s*:?$/i, slug: 'prevention', title: 'Prevention' },
  { re: /^(trafficking\s+)?profile\s*:?$/i, slug: 'profile', title: 'Trafficking Profile' },
  { re: /^summary\s*:?$/i, slug: 'summary', title: 'Summary' },
];

const TIER_RE = /\((Tier\s+(?:1|2|3|One|Two|Three)(?:\s+Watch\s+List)?|Special\s+Case)\)/i;

export function toTierName(raw: string): TierName | undefined {
  // ("Tier-2", "Tier II", "Tier 2 watchlist": the same names.)
  const t = raw.replace(/\s+/g, ' ').trim().toLowerCase().replace(/^tier-/, 'tier ').replace(/ watchlist$/, ' watch list');
  if (t === 'special case') return 'Special Case';
  if (/^(?:tier 2 ?|t?2 ?)wl$/.test(t)) return 'Tier 2 Watch List';
  const m = /^tier (1|2|3|one|two|three|ii|iii)( watch list)?$/.exec(t);
  if (!m) return undefined;
  const n = ({ one: '1', two: '2', three: '3', ii: '2', iii: '3' } as Record<string, string>)[m[1]] ?? m[1];
  if (m[2]) return n === '2' ? 'Tier 2 Watch List' : undefined;
  return `Tier ${n}` as TierName;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      let e = i;
      if (e > s && text[e - 1] === '\r') e--;
      let a = s;
      while (a < e && /\s/.test(text[a])) a++;
      let b = e;
      while (b > a && /\s/.test(text[b - 1])) b--;
      if (b > a) out.push({ start: a, end: b, text: text.slice(a, b) });
      s = i + 1;
    }
  }
  return out;
}

function isHeaderLine(l: Line): boolean {
  // "[ Human Trafficking, Country-by-Country ]" or "CAMBODIA (Tier 3) …" or "CAMBODIA: Tier 3"
  return /^\[.*\]$/.test(l.text) || /^[\p{Lu}][\p{Lu}\s.,'’()&-]{2,}(\(|:)\s*(Tier|Special)/u.test(l.text);
}

export function parseStructure(text: string, firstSection?: string): Structure {
  const all = lines(text);
  const { header, next } = readHeader(all);
  const out = new StructureBuilder(text);
  for (let i = next; i < all.length; i++) {
    const l = all[i];
    const heading = HEADINGS.find((h) => h.re.test(l.text));
    if (heading) out.openSection(heading.slug, heading.title, l.start);
    else out.addLine(l, firstSection ?? 'summary');
  }
  return { header, ...out.parts() };
}

/** The header lines that come first ("[ Human Trafficking, Country-by-Country ]", "CAMBODIA (Tier 3) …"), and the line after them. */
function readHeader(all: readonly Line[]): { header: Structure['header']; next: number } {
  let header: Structure['header'];
  let i = 0;
  for (; i < all.length && isHeaderLine(all[i]); i++) {
    const l = all[i];
    const tm = TIER_RE.exec(l.text) ?? /:\s*(Tier\s+\d(?:\s+Watch\s+List)?)/i.exec(l.text);
    if (tm) {
      const tierStart = l.start + tm.index + tm[0].indexOf(tm[1]);
      const country = /^([\p{Lu}][\p{Lu}\s.,'’&-]*?)\s*[(:]/u.exec(l.text)?.[1];
      header = { span: { start: all[0].start, end: l.end }, country: country ? titleCase(country) : undefined, tier: toTierName(tm[1]), tierSpan: { start: tierStart, end: tierStart + tm[1].length } };
    } else if (!header) header = { span: { start: l.start, end: l.end } };
    else header.span.end = l.end;
  }
  return { header, next: i };
}

/** Sections, paragraphs (one per line; a recommendations line may hold several bullets), sentences and recommendations, in order. */
class StructureBuilder {
  readonly #sections: Section[] = [];
  readonly #paragraphs: Paragraph[] = [];
  readonly #sentences: Sentence[] = [];
  readonly #recommendations: Recommendation[] = [];
  #current: Section | undefined;
  constructor(private readonly text: string) {}

  openSection(slug: string, title: string, start: number): void {
    const paragraphs = this.#paragraphs;
    if (this.#current) this.#current.span.end = Math.max(this.#current.span.start, paragraphs.length ? paragraphs[paragraphs.length - 1].span.end : 0);
    let unique = slug;
    for (let n = 2; this.#sections.some((s) => s.slug === unique); n++) unique = `${slug}-${n}`;
    this.#current = { slug: unique, title, span: { start, end: start }, paragraphs: [] };
    this.#sections.push(this.#current);
  }

  /** A line of text: its paragraphs, in the current section (a text that opens with no heading starts in `firstSlug`). */
  addLine(l: Line, firstSlug: string): void {
    if (!this.#current) this.openSection(firstSlug, USUAL_SECTIONS.find((s) => s.slug === firstSlug)?.title ?? titleCase(firstSlug), l.start);
    const sec = this.#current!;
    for (const piece of sec.slug === 'recommendations' ? splitBullets(l) : [l]) this.#addParagraph(sec, piece);
  }

  #addParagraph(sec: Section, piece: Line): void {
    const index = sec.paragraphs.length + 1;
    const anchor = `${sec.slug}.${index}`;
    const para: Paragraph = { anchor, section: sec.slug, index, span: { start: piece.start, end: piece.end }, sentences: [] };
    for (const s of splitSentences(this.text, piece.start, piece.end)) {
      para.sentences.push(this.#sentences.length);
      this.#sentences.push({ index: this.#sentences.length, paragraph: anchor, span: s });
    }
    this.#paragraphs.push(para);
    sec.paragraphs.push(anchor);
    sec.span.end = piece.end;
    if (sec.slug === 'recommendations') {
      const n = this.#recommendations.length + 1;
      this.#recommendations.push({ key: `R${n}`, index: n, text: this.text.slice(piece.start, piece.end), span: { start: piece.start, end: piece.end }, paragraph: anchor });
    }
  }

  parts(): Omit<Structure, 'header'> {
    return { sections: this.#sections, paragraphs: this.#paragraphs, sentences: this.#sentences, recommendations: this.#recommendations };
  }
}

/** "• Investigate …; • Fully implement …" on one line: one recommendation per bullet. */
function splitBullets(l: Line): Line[] {
  const parts: Line[] = [];
  const re = /(?:^|\s)[•*▪◦·]\s+/g;
  const starts: number[] = [];
  for (let m = re.exec(l.text); m; m = re.exec(l.text)) starts.push(m.index + m[0].length);
  if (starts.length < 2) return [{ ...l, text: l.text.replace(/^[•*▪◦·]\s+/, ''), start: l.start + (l.text.length - l.text.replace(/^[•*▪◦·]\s+/, '').length) }];
  for (let k = 0; k < starts.length; k++) {
    let e = k + 1 < starts.length ? starts[k + 1] : l.text.length;
    let seg = l.text.slice(starts[k], e);
    seg = seg.replace(/\s*[•*▪◦·]\s*$/, '').replace(/[;\s]+$/, '');
    e = starts[k] + seg.length;
    if (seg) parts.push({ start: l.start + starts[k], end: l.start + e, text: seg });
  }
  return parts;
}

function titleCase(s: string): string {
  return s.trim().toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

/** Whether parseStructure would find at least one paragraph, without building anything: some line past the header that is not a section heading. */
export function hasParagraphs(text: string): boolean {
  let inHeader = true;
  // Line by line, stopping at the first paragraph (usually the first or second line).
  for (let s = 0; s < text.length; ) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const t = text.slice(s, e).trim();
    s = e + 1;
    if (!t) continue;
    if (inHeader && isHeaderLine({ start: 0, end: t.length, text: t })) continue;
    inHeader = false;
    if (!HEADINGS.some((h) => h.re.test(t))) return true;
  }
  return false;
}
