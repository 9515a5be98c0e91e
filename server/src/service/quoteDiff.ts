/**
 * What changed between a draft's quotation and the report's wording, in words a writer reads at a glance:
 * `"including senior officials" — the report has "including complicit officials"`. Each change is shown
 * with a word of unchanged text on either side, so that a left-out or added word can be seen in place.
 */
import { diffWords } from 'diff';
import { quoteWords } from './quotes';

export interface QuoteChange {
  /** The draft's words around the change (with one unchanged word either side when there is one). */
  draft: string;
  /** The report's words in the same place. */
  report: string;
  /** Only the changed words: the draft's ("" for a word the draft leaves out) … */
  removed: string;
  /** … and the report's ("" for a word the draft adds). */
  added: string;
}

const norm = (s: string) => s.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
const words = (s: string) => s.trim().split(' ').filter((w) => w !== '');
/** A change of punctuation or spacing alone is not worth a writer's attention. */
const trivial = (s: string) => /^[\p{P}\s]*$/u.test(s);

/** The word-level changes from `draftQuote` to `source`, case and curly quotes ignored. */
export function quoteChanges(draftQuote: string, source: string): QuoteChange[] {
  const parts = diffWords(norm(draftQuote), norm(source), { ignoreCase: true });
  const changes: QuoteChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!p.added && !p.removed) continue;
    let removed = '';
    let added = '';
    let j = i;
    // A run of removed and added parts is one change.
    for (; j < parts.length && (parts[j].added || parts[j].removed); j++) {
      if (parts[j].removed) removed += parts[j].value;
      else added += parts[j].value;
    }
    const before = i > 0 ? words(parts[i - 1].value).slice(-1).join('') : '';
    const after = j < parts.length ? words(parts[j].value).slice(0, 1).join('') : '';
    i = j - 1;
    if (trivial(removed) && trivial(added)) continue;
    // "[l]aw" for "Law", "labour" for "labor": the same words as the report would spell them.
    if (quoteWords(`${before} ${removed} ${after}`).join(' ') === quoteWords(`${before} ${added} ${after}`).join(' ')) continue;
    const around = (mid: string) => [before, mid.trim(), after].filter((w) => w !== '').join(' ');
    changes.push({ draft: around(removed), report: around(added), removed: removed.trim(), added: added.trim() });
  }
  return changes;
}

/** `"including senior officials" — the report has "including complicit officials"; …`: at most `max` changes. */
export function describeQuoteChanges(draftQuote: string, source: string, max = 3): string {
  const changes = quoteChanges(draftQuote, source);
  if (changes.length === 0) return '';
  const shown = changes.slice(0, max).map((c) => `"${c.draft}" — the report has "${c.report}"`).join('; ');
  const more = changes.length - max;
  return more > 0 ? `${shown}; and ${more} more change${more === 1 ? '' : 's'}` : shown;
}

/** The quick fix's title: what it changes, when that is one change; else how many. */
export function quoteFixTitle(draftQuote: string, source: string): string {
  const changes = quoteChanges(draftQuote, source);
  if (changes.length === 1) {
    const c = changes[0];
    if (c.removed && c.added) return `Replace "${c.removed}" with the report's "${c.added}"`;
    if (c.added) return `Put back the report's "${c.added}"`;
    return `Remove "${c.removed}" (not in the report)`;
  }
  return changes.length > 1 ? `Restore the report's wording (${changes.length} changes)` : 'Restore the exact wording of the report';
}
