/** quote.mismatch and quote.not-found: every quotation against the closest report passage, by content. */
import { notAssertedAt } from './notAsserted';
import { Code } from '../codes';
import { citationLabel, reportUri, type Report, type Span } from '../../model/kb';
import { rangeInReport } from '../positions';
import { matchQuote, type DraftQuote, type QuoteMatch } from '../quotes';
import { describeQuoteChanges, quoteFixTitle } from '../quoteDiff';
import type { DraftReference, Finding } from '../types';
import { namesOtherSource, TRANSLATED } from '../../reading/cues';
import { referencesIn, REPORT_MENTION, spanAt } from './context';
import { clip, finding, paragraphAnchor } from './report';
import type { Check, CheckInput, ExplainNote, Problem } from './types';
import { lowerBound } from '../../reading/sorted';

export const quoteCheck: Check = {
  name: 'quotes',
  codes: [Code.QuoteMismatch, Code.QuoteNotFound],
  finish: (run) => checkQuotes(run.input, run.quotes, run.index.byCountry, run.doc.docCountry, run.findings, run.problems),
};

/** The report named as the speaker of the words that follow: "In the report's words, …", "The report describes Cambodia's efforts as …". */
const STRONG_ATTRIBUTION = new RegExp(
  `(?:${REPORT_MENTION.source})['’]?s?\\b[^"“”]{0,80}\\b(?:words|describ\\w*|call(?:s|ed)?|says|said|writes|wrote|states|stated|characteri[sz]\\w*|terms?|puts\\s+it|labels?|labell?ed)\\b[^"“”]{0,80}$|\\baccording\\s+to\\s+(?:${REPORT_MENTION.source})[^"“”]{0,120}$|\\b(?:straight|quoted|verbatim|directly|word\\s+for\\s+word)\\s+from\\s+(?:${REPORT_MENTION.source})[^"“”]{0,120}$`,
  'i',
);
/** What STRONG_ATTRIBUTION is tried on: the end of the text before a quotation (longer than any of its matches). */
const STRONG_REACH = 300;
/**
 * A sentence whose subject is "it" (or "the document") reporting words ("It also described …", "It goes further,
 * saying …", after a speaker's label or a thread number: "BELL (VO): And it goes further, calling …", "9/16 It goes further"), or one that opens "In its words": attributed to
 * the report when the text just before names it.
 */
const PRONOUN_ATTRIBUTION = /^\W*(?:\d{1,3}(?:\/\d{1,3})?[.)]?\s+)?(?:[A-Z][A-Z .'-]{1,40}(?:\([^)\n]{0,20}\))?:\s*)?(?:(?:and|but|so|then|yes)[,\s]+)?(?:(?:it|the\s+document|the\s+text)\s+(?:[^"“”.;:]{0,30}?\s)?(?:describ\w*|call(?:s|ed|ing)?|says|said|saying|writes|wrote|writing|states|stated|stating|characteri[sz]\w*|terms?|labels?|labell?ed|warns?|warned|warning|notes?|noted|noting|adds|added|adding|finds|found|observes|observed|concludes|concluded|argues|argued|reports|reported)|in\s+its\s+(?:own\s+)?words)\b/i;

/** How far before a PRONOUN_ATTRIBUTION sentence the report must be named (a paragraph or two of a script). */
const PRONOUN_REACH = 600;

/** The line that introduces a quoted e-mail or a speaker's block ("On 15 May, Sokha Chhun wrote:"), when it names no report. */
const PERSON_LEAD = /\b(?:wrote|writes|said|says|replied|replies|asked|asks|commented|posted)\s*:\s*$/i;
/** How far back over a block's '>' lines its lead-in line is looked for. */
const LEAD_REACH = 4000;

/** The line just before the run of '>' lines holding `at` (within LEAD_REACH), or undefined when `at` is in no such run. */
function blockLeadIn(prose: string, at: number): string | undefined {
  let lineStart = prose.lastIndexOf('\n', at - 1) + 1;
  if (!/^[ \t]*>/.test(prose.slice(lineStart, lineStart + 8))) return undefined;
  while (lineStart > 0 && at - lineStart < LEAD_REACH) {
    const prev = prose.lastIndexOf('\n', lineStart - 2) + 1;
    const line = prose.slice(prev, lineStart - 1);
    if (!/^[ \t]*>/.test(line)) return line;
    lineStart = prev;
  }
  return undefined;
}

/** How far from a quotation (in code units, each side) the words that attribute it are looked for. */
const QUOTE_CUE_REACH = 500;
/** Right after a quotation, a translator's note: '"…" (our translation)', '"…" [translated from Khmer]', '"…", in Khmer'. */
const TRANSLATION_NOTE = /^[\s,;:]*[(\[]?\s*(?:our\s+|my\s+|unofficial\s+|informal\s+)?(?:translation|translated|trans\.|in\s+Khmer|from\s+(?:the\s+)?Khmer)/i;
const TRANSLATION_NOTE_REACH = 40;

/** An edition named beside a quotation: "the 2022 report", "the 2022 TIP Report", "TIP 2022". */
const NAMED_EDITION = /\b((?:19|20)\d\d)\s+(?:TIP\s+|Trafficking\s+in\s+Persons\s+)?(?:report|edition)\b|\bTIP\s+(?:report\s+)?((?:19|20)\d\d)\b/i;

function checkQuotes(input: CheckInput, quotes: readonly DraftQuote[], kbCountries: ReadonlyMap<string, Report[]>, docCountry: string | undefined, findings: Finding[], problems: Problem[]): void {
  const refAlias = quotes.length ? referenceAlias(input.draft.prose) : undefined;
  for (const q of quotes) checkQuote({ input, quotes, kbCountries, docCountry, findings, problems, refAlias }, q);
}

/** How far into a draft its reference line ("REF: (A) 2023 TIP REPORT …") is looked for: a cable's header. */
const REF_HEADER_REACH = 3000;
const REF_LINE = /^[ \t]*REFS?[ \t]*:[ \t]*([^\n]+)$/m;
const REF_ITEM = /(?:^|[;,]\s*)\(?([A-F])[.)]\s*([^;]+)/g;

/**
 * A cable's names for the reports it cites ("REF: (A) 2023 TIP REPORT, CAMBODIA NARRATIVE; (B) …" makes "REF A" the report):
 * a quotation "REF A characterizes … as" is attributed to the report as if it were named.
 */
function referenceAlias(prose: string): RegExp | undefined {
  const line = REF_LINE.exec(prose.slice(0, REF_HEADER_REACH));
  if (!line) return undefined;
  const letters = [...line[1].matchAll(REF_ITEM)].filter((m) => /\bTIP\b|TRAFFICKING\s+IN\s+PERSONS/i.test(m[2])).map((m) => m[1]);
  return letters.length ? new RegExp(`\\bREF(?:TEL)?\\s+(?:${letters.join('|')})\\b`) : undefined;
}

interface QuoteRun {
  input: CheckInput;
  /** All the draft's quotations, in order. */
  quotes: readonly DraftQuote[];
  kbCountries: ReadonlyMap<string, Report[]>;
  docCountry: string | undefined;
  findings: Finding[];
  problems: Problem[];
  /** A cable's name for a cited report ("REF A"), when its reference line gives one. */
  refAlias?: RegExp;
}

type QuoteNote = ((decision: ExplainNote['decision'], why: string, source?: { anchor: string; text: string }) => void) | undefined;

/** Whose words a quotation is said to be: what the text around it says. */
interface Attribution {
  sentence: Span;
  citations: DraftReference[];
  /** Its sentence, at most QUOTE_CUE_REACH either side of the quotation. */
  outside: string;
  /** The report is named as the speaker ("In the report's words, …", "It also described …" after a sentence naming it). */
  saidBy: boolean;
  attributed: boolean;
}

function attributionOf(input: CheckInput, q: DraftQuote): Attribution {
  const { draft, references } = input;
  const prose = draft.prose;
  const sentence = spanAt(draft.sentences, q.span.start) ?? q.span;
  const scope = q.block ? q.span : sentence;
  const citations = referencesIn(references, scope.start - 2, Math.max(scope.end, q.span.end) + 3).filter((r) => r.target);
  const outside = prose.slice(Math.max(Math.min(sentence.start, q.span.start), q.span.start - QUOTE_CUE_REACH), q.span.start) + ' ' + prose.slice(q.span.end, Math.min(Math.max(sentence.end, q.span.end), q.span.end + QUOTE_CUE_REACH));
  const lead = prose.slice(Math.max(sentence.start, q.span.start - QUOTE_CUE_REACH), q.span.start);
  // A STRONG_ATTRIBUTION match is at most ~220 characters long and ends at the quote: its last STRONG_REACH characters are enough.
  const saidBy = STRONG_ATTRIBUTION.test(lead.slice(-STRONG_REACH)) || (PRONOUN_ATTRIBUTION.test(lead) && REPORT_MENTION.test(prose.slice(Math.max(0, sentence.start - PRONOUN_REACH), sentence.start)));
  return { sentence, citations, outside, saidBy, attributed: citations.length > 0 || REPORT_MENTION.test(outside) || saidBy };
}

/** Why the quotation is someone else's words or not asserted, before any report is looked in; undefined when it may be the report's. */
function notTheReports(input: CheckInput, q: DraftQuote, a: Attribution): string | undefined {
  const prose = input.draft.prose;
  if (namesOtherSource(a.outside) && a.citations.length === 0 && !REPORT_MENTION.test(a.outside)) return 'attributed to another source';
  const offered = q.block ? undefined : notAssertedAt(prose, input.draft.lineStarts, q.span.start);
  if (offered) return offered;
  const leadIn = q.block && a.citations.length === 0 ? blockLeadIn(prose, q.span.start) : undefined;
  if (leadIn !== undefined && PERSON_LEAD.test(leadIn) && !REPORT_MENTION.test(leadIn)) return 'a quoted e-mail or speaker: the words of whoever the line before names';
  return undefined;
}

/** Where to look: cited reports first, then the document's country, then (small KBs) everything; the edition named beside it first. */
function candidateReports(run: QuoteRun, a: Attribution): Report[] {
  const candidates: Report[] = [];
  for (const c of a.citations) if (!candidates.includes(c.target!.report)) candidates.push(c.target!.report);
  if (run.docCountry) for (const r of run.kbCountries.get(run.docCountry) ?? []) if (!candidates.includes(r)) candidates.push(r);
  if (candidates.length === 0 && run.input.kb.reports.size <= 50) candidates.push(...run.input.kb.all());
  // "the 2022 report notes … “…”": the edition the words around it name is looked in first (a tie goes to the first report).
  const edition = NAMED_EDITION.exec(a.outside);
  if (edition && a.citations.length === 0) {
    const year = Number(edition[1] ?? edition[2]);
    candidates.sort((x, y) => Number(y.manifest.edition === year) - Number(x.manifest.edition === year));
  }
  return candidates;
}

function checkQuote(run: QuoteRun, q: DraftQuote): void {
  const { input } = run;
  const { draft } = input;
  const a = attributionOf(input, q);
  if (run.refAlias && !a.attributed && run.refAlias.test(a.outside)) a.attributed = a.saidBy = true;
  // Called as note?.(…): without --explain its arguments are not even worked out.
  const explain = input.explain;
  const note: QuoteNote = explain && ((decision, why, source) => explain({ span: q.inner, kind: 'quote', decision, why, source }));
  const silent = notTheReports(input, q, a);
  if (silent) return note?.('silent', silent);
  const candidates = candidateReports(run, a);
  if (candidates.length === 0) return note?.('silent', 'no loaded report to look in');
  const m = matchQuote(draft.text, q.inner, candidates, input.memo?.quotes);
  // "It adds that corruption "remained widespread and systemic," reaching "high-level senior officials."": a sentence
  // whose other quotation is the report's exact words speaks the report's words in this one too.
  if (!a.attributed && m && !m.exact && exactSibling(run, q, a.sentence, candidates)) a.attributed = a.saidBy = true;
  const ctx = { span: a.sentence, block: spanAt(draft.blocks, q.span.start) ?? a.sentence, citations: a.citations };
  const passage = () => (m ? { anchor: paragraphAnchor(m.report, m.paragraph), text: clip(m.report.text.slice(m.sentence.start, m.sentence.end), 400) } : undefined);
  if (m && m.exact) {
    note?.('match', `the exact words of ${paragraphAnchor(m.report, m.paragraph)}`, passage());
    run.findings.push({ ...finding('quote', q.inner, 'match', m.report, undefined, ctx, m.sentence, m.span), anchor: paragraphAnchor(m.report, m.paragraph) });
    return;
  }
  // (Said before the quotation, or noted right after it: '"… syndicates", a phrase it repeats twice in Khmer' says nothing of its language.)
  const prose = draft.prose;
  if (TRANSLATED.test(prose.slice(Math.max(a.sentence.start, q.span.start - QUOTE_CUE_REACH), q.span.start)) || TRANSLATION_NOTE.test(prose.slice(q.span.end, q.span.end + TRANSLATION_NOTE_REACH))) return note?.('silent', 'given in translation: the translator’s words, not the report’s', passage());
  // A near-copy of a report passage is a misquotation of it, named or not ("Report quote on slide 7:", "It finds that …").
  const nearCopy = m !== undefined && !m.exact && q.words >= 6 && m.distance <= Math.max(1, Math.floor(q.words * 0.2));
  // "The report calls it "widespread and systemic"": three words the report is said to speak, one of them changed.
  const saidShort = a.saidBy && m !== undefined && !m.exact && q.words === 3 && m.distance === 1;
  if (!nearCopy && !saidShort && (!a.attributed || q.words < 4)) {
    return note?.('silent', a.attributed ? 'too short to be the report’s words' : `not attributed to the report${m ? ` and not a near-copy (${m.distance} words differ from the closest passage)` : ''}: someone else’s words, a title or a scare quote`, passage());
  }
  if (m) return misquoted(run, q, m, ctx, note, passage);
  // A short quotation is the report's only when a citation follows it directly ("uneven and largely symbolic" [@KHM-2023]).
  const citedRightAfter = a.citations.some((c) => c.bracket.start >= q.span.end && c.bracket.start <= q.span.end + 3);
  if (q.words < (citedRightAfter || a.saidBy ? 4 : 6)) return note?.('silent', 'too short to call it missing from the report');
  notFound(run, q, a.citations.length ? a.citations[0].target!.report : undefined, candidates, note, passage);
}

/** How many quotations of its sentence besides it are looked at for the report's exact words. */
const SIBLING_REACH = 8;

/** Another inline quotation of the sentence, three words or more, is a report passage word for word. */
function exactSibling(run: QuoteRun, q: DraftQuote, sentence: Span, candidates: Report[]): boolean {
  const { quotes, input } = run;
  const from = lowerBound(quotes, (o) => o.span.start >= sentence.start);
  for (let i = from, seen = 0; i < quotes.length && quotes[i].span.start < sentence.end && seen < SIBLING_REACH; i++) {
    const o = quotes[i];
    if (o === q || o.block || o.words < 3 || o.span.end > sentence.end) continue;
    seen++;
    if (matchQuote(input.draft.text, o.inner, candidates, input.memo?.quotes)?.exact) return true;
  }
  return false;
}

/** quote.mismatch: the closest passage, with the words that differ and the fix that restores them. */
function misquoted(run: QuoteRun, q: DraftQuote, m: QuoteMatch, ctx: Parameters<typeof finding>[5], note: QuoteNote, passage: () => { anchor: string; text: string } | undefined): void {
  const anchor = paragraphAnchor(m.report, m.paragraph);
  const quoted = run.input.draft.prose.slice(q.inner.start, q.inner.end);
  const described = m.described?.quoted === quoted ? m.described : (m.described = { quoted, changes: describeQuoteChanges(quoted, m.display), title: quoteFixTitle(quoted, m.display) });
  const { changes } = described;
  run.problems.push({
    code: Code.QuoteMismatch,
    span: q.inner,
    message: `The quote differs from the ${m.report.manifest.edition} report (${anchor}): ${changes ? `${changes}.` : `the report reads "${clip(m.display, 240)}".`}`,
    data: { code: Code.QuoteMismatch, anchor, reportId: m.report.id, sourceUri: reportUri(m.report.id), sourceRange: rangeInReport(m.report, m.sentence), sourceOffsets: m.sentence, sourceText: m.report.text.slice(m.sentence.start, m.sentence.end), replacement: m.display, fixTitle: described.title, safeFix: true },
    related: { report: m.report, span: m.span, message: clip(m.display) },
  });
  run.findings.push({ ...finding('quote', q.inner, 'mismatch', m.report, undefined, ctx, m.sentence, m.span), anchor });
  note?.('mismatch', `${m.distance} word change${m.distance === 1 ? '' : 's'} from ${anchor}${changes ? `: ${changes}` : ''}`, passage());
}

/** quote.not-found: in no loaded text; said gently (information) when the reports looked in hold only some sections. */
function notFound(run: QuoteRun, q: DraftQuote, cited: Report | undefined, candidates: readonly Report[], note: QuoteNote, passage: () => { anchor: string; text: string } | undefined): void {
  const partialOnes = (cited ? [cited] : candidates).filter((r) => r.partial);
  const holds = (r: Report) => r.sections.map((s) => s.title).join(' and ');
  const message = partialOnes.length
    ? `The quote is not in the loaded text of ${partialOnes.map((r) => `${r.id} (which holds only ${holds(r)})`).join(', ')}; it may come from a section that is not loaded.`
    : `The quote appears in no loaded report${cited ? ` (looked in ${cited.id})` : ''}.`;
  const r0 = cited ?? candidates[0];
  note?.('mismatch', message, passage());
  run.problems.push({ code: Code.QuoteNotFound, span: q.inner, message, partialSource: partialOnes.length > 0, data: { code: Code.QuoteNotFound, anchor: r0.id, reportId: r0.id, sourceUri: reportUri(r0.id) } });
}
