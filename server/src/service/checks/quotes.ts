/** quote.mismatch and quote.not-found: every quotation against the closest report passage, by content. */
import { notAssertedAt } from './notAsserted';
import { Code } from '../codes';
import { citationLabel, reportUri, type Report } from '../../model/kb';
import { rangeInReport } from '../positions';
import { matchQuote, type DraftQuote } from '../quotes';
import { describeQuoteChanges, quoteFixTitle } from '../quoteDiff';
import type { Finding } from '../types';
import { namesOtherSource, TRANSLATED } from '../../reading/cues';
import { referencesIn, REPORT_MENTION, spanAt } from './context';
import { clip, finding, paragraphAnchor } from './report';
import type { Check, CheckInput, ExplainNote, Problem } from './types';

export const quoteCheck: Check = {
  name: 'quotes',
  codes: [Code.QuoteMismatch, Code.QuoteNotFound],
  finish: (run) => checkQuotes(run.input, run.quotes, run.index.byCountry, run.doc.docCountry, run.findings, run.problems),
};

/** The report named as the speaker of the words that follow: "In the report's words, …", "The report describes Cambodia's efforts as …". */
const STRONG_ATTRIBUTION = new RegExp(
  `(?:${REPORT_MENTION.source})['’]?s?\\b[^"“”]{0,80}\\b(?:words|describ\\w*|call(?:s|ed)?|says|said|writes|wrote|states|stated|characteri[sz]\\w*|terms?|puts\\s+it|labels?|labell?ed)\\b[^"“”]{0,80}$|\\baccording\\s+to\\s+(?:${REPORT_MENTION.source})[^"“”]{0,120}$`,
  'i',
);
/** What STRONG_ATTRIBUTION is tried on: the end of the text before a quotation (longer than any of its matches). */
const STRONG_REACH = 300;
/**
 * A sentence whose subject is "it" (or "the document") reporting words ("It also described …", "It goes further,
 * saying …"), or one that opens "In its words": attributed to the report when the sentence before names it.
 */
const PRONOUN_ATTRIBUTION = /^\W*(?:(?:it|the\s+document|the\s+text)\s+(?:[^"“”.;:]{0,30}?\s)?(?:describ\w*|call(?:s|ed|ing)?|says|said|saying|writes|wrote|writing|states|stated|stating|characteri[sz]\w*|terms?|labels?|labell?ed|warns?|warned|warning|notes?|noted|noting)|in\s+its\s+(?:own\s+)?words)\b/i;

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

/** An edition named beside a quotation: "the 2022 report", "the 2022 TIP Report", "TIP 2022". */
const NAMED_EDITION = /\b((?:19|20)\d\d)\s+(?:TIP\s+|Trafficking\s+in\s+Persons\s+)?(?:report|edition)\b|\bTIP\s+(?:report\s+)?((?:19|20)\d\d)\b/i;

function checkQuotes(input: CheckInput, quotes: readonly DraftQuote[], kbCountries: ReadonlyMap<string, Report[]>, docCountry: string | undefined, findings: Finding[], problems: Problem[]): void {
  const { draft, kb, references } = input;
  for (const q of quotes) {
    const sentence = spanAt(draft.sentences, q.span.start) ?? q.span;
    const block = spanAt(draft.blocks, q.span.start) ?? sentence;
    const scope = q.block ? q.span : sentence;
    const citations = referencesIn(references, scope.start - 2, Math.max(scope.end, q.span.end) + 3).filter((r) => r.target);
    // The words around the quotation that say whose it is: its sentence, at most QUOTE_CUE_REACH either side.
    const prose = draft.prose;
    const outside = prose.slice(Math.max(Math.min(sentence.start, q.span.start), q.span.start - QUOTE_CUE_REACH), q.span.start) + ' ' + prose.slice(q.span.end, Math.min(Math.max(sentence.end, q.span.end), q.span.end + QUOTE_CUE_REACH));
    const lead = prose.slice(Math.max(sentence.start, q.span.start - QUOTE_CUE_REACH), q.span.start);
    // "In the report's words, …", "The report describes X as …", or "It also described …" after a sentence naming the report.
    // A STRONG_ATTRIBUTION match is at most ~220 characters long and ends at the quote: its last STRONG_REACH characters are enough.
    const saidBy = STRONG_ATTRIBUTION.test(lead.slice(-STRONG_REACH)) || (PRONOUN_ATTRIBUTION.test(lead) && REPORT_MENTION.test(prose.slice(Math.max(0, sentence.start - 300), sentence.start)));
    const attributed = citations.length > 0 || REPORT_MENTION.test(outside) || saidBy;
    // Called as note?.(…): without --explain its arguments are not even worked out.
    const explain = input.explain;
    const note = explain && ((decision: ExplainNote['decision'], why: string, source?: { anchor: string; text: string }) => explain({ span: q.inner, kind: 'quote', decision, why, source }));
    if (namesOtherSource(outside) && citations.length === 0 && !REPORT_MENTION.test(outside)) { note?.('silent', 'attributed to another source'); continue; }
    const offered = q.block ? undefined : notAssertedAt(prose, draft.lineStarts, q.span.start);
    if (offered) { note?.('silent', offered); continue; }
    const leadIn = q.block && citations.length === 0 ? blockLeadIn(prose, q.span.start) : undefined;
    if (leadIn !== undefined && PERSON_LEAD.test(leadIn) && !REPORT_MENTION.test(leadIn)) { note?.('silent', 'a quoted e-mail or speaker: the words of whoever the line before names'); continue; }
    // Where to look: cited reports first, then the document's country, then (small KBs) everything.
    const candidates: Report[] = [];
    for (const c of citations) if (!candidates.includes(c.target!.report)) candidates.push(c.target!.report);
    if (docCountry) for (const r of kbCountries.get(docCountry) ?? []) if (!candidates.includes(r)) candidates.push(r);
    if (candidates.length === 0 && kb.reports.size <= 50) candidates.push(...kb.all());
    if (candidates.length === 0) { note?.('silent', 'no loaded report to look in'); continue; }
    // "the 2022 report notes … “…”": the edition the words around it name is looked in first (a tie goes to the first report).
    const edition = NAMED_EDITION.exec(outside);
    if (edition && citations.length === 0) {
      const year = Number(edition[1] ?? edition[2]);
      candidates.sort((a, b) => Number(b.manifest.edition === year) - Number(a.manifest.edition === year));
    }
    const m = matchQuote(draft.text, q.inner, candidates, input.memo?.quotes);
    const ctx = { span: sentence, block, citations };
    const passage = () => (m ? { anchor: paragraphAnchor(m.report, m.paragraph), text: clip(m.report.text.slice(m.sentence.start, m.sentence.end), 400) } : undefined);
    if (m && m.exact) {
      note?.('match', `the exact words of ${paragraphAnchor(m.report, m.paragraph)}`, passage());
      findings.push({ ...finding('quote', q.inner, 'match', m.report, undefined, ctx, m.sentence, m.span), anchor: paragraphAnchor(m.report, m.paragraph) });
      continue;
    }
    if (TRANSLATED.test(outside)) { note?.('silent', 'given in translation: the translator’s words, not the report’s', passage()); continue; }
    // A near-copy of a report passage is a misquotation of it, named or not ("Report quote on slide 7:", "It finds that …").
    const nearCopy = m !== undefined && !m.exact && q.words >= 6 && m.distance <= Math.max(1, Math.floor(q.words * 0.2));
    // "The report calls it "widespread and systemic"": three words the report is said to speak, one of them changed.
    const saidShort = saidBy && m !== undefined && !m.exact && q.words === 3 && m.distance === 1;
    if (!nearCopy && !saidShort && (!attributed || q.words < 4)) {
      note?.('silent', attributed ? 'too short to be the report’s words' : `not attributed to the report${m ? ` and not a near-copy (${m.distance} words differ from the closest passage)` : ''}: someone else’s words, a title or a scare quote`, passage());
      continue;
    }
    const cited = citations.length ? citations[0].target!.report : undefined;
    if (m && !m.exact) {
      const anchor = paragraphAnchor(m.report, m.paragraph);
      const quoted = draft.prose.slice(q.inner.start, q.inner.end);
      const changes = describeQuoteChanges(quoted, m.display);
      problems.push({
        code: Code.QuoteMismatch,
        span: q.inner,
        message: `The quote differs from the ${m.report.manifest.edition} report (${anchor}): ${changes ? `${changes}.` : `the report reads "${clip(m.display, 240)}".`}`,
        data: { code: Code.QuoteMismatch, anchor, reportId: m.report.id, sourceUri: reportUri(m.report.id), sourceRange: rangeInReport(m.report, m.sentence), sourceOffsets: m.sentence, sourceText: m.report.text.slice(m.sentence.start, m.sentence.end), replacement: m.display, fixTitle: quoteFixTitle(quoted, m.display), safeFix: true },
        related: { report: m.report, span: m.span, message: clip(m.display) },
      });
      findings.push({ ...finding('quote', q.inner, 'mismatch', m.report, undefined, ctx, m.sentence, m.span), anchor });
      note?.('mismatch', `${m.distance} word change${m.distance === 1 ? '' : 's'} from ${anchor}${changes ? `: ${changes}` : ''}`, passage());
      continue;
    }
    // A short quotation is the report's only when a citation follows it directly ("uneven and largely symbolic" [@KHM-2023]).
    const citedRightAfter = citations.some((c) => c.bracket.start >= q.span.end && c.bracket.start <= q.span.end + 3);
    if (q.words < (citedRightAfter || saidBy ? 4 : 6)) { note?.('silent', 'too short to call it missing from the report'); continue; }
    const partialOnes = (cited ? [cited] : candidates).filter((r) => r.partial);
    const holds = (r: Report) => r.sections.map((s) => s.title).join(' and ');
    const message = partialOnes.length
      ? `The quote is not in the loaded text of ${partialOnes.map((r) => `${r.id} (which holds only ${holds(r)})`).join(', ')}; it may come from a section that is not loaded.`
      : `The quote appears in no loaded report${cited ? ` (looked in ${cited.id})` : ''}.`;
    const r0 = cited ?? candidates[0];
    note?.('mismatch', message, passage());
    problems.push({ code: Code.QuoteNotFound, span: q.inner, message, partialSource: partialOnes.length > 0, data: { code: Code.QuoteNotFound, anchor: r0.id, reportId: r0.id, sourceUri: reportUri(r0.id) } });
  }
}
