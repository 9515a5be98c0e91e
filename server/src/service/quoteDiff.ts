/** What changed between a draft's quotation and the report's wording, in words a writer reads at a glance. */
import { diffWords } from 'diff';

/** `"resources" became "funds"; "judicial supervision" lost its quotation marks` style summary: at most `max` changes. */
export function describeQuoteChanges(draftQuote: string, source: string, max = 3): string {
  const norm = (s: string) => s.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
  const parts = diffWords(norm(draftQuote), norm(source), { ignoreCase: true });
  const changes: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!p.added && !p.removed) continue;
    const next = parts[i + 1];
    const word = (s: string) => `"${s.trim()}"`;
    if (p.removed && next?.added) {
      changes.push(`the report has ${word(next.value)} where the draft has ${word(p.value)}`);
      i++;
    } else if (p.added && next?.removed) {
      changes.push(`the report has ${word(p.value)} where the draft has ${word(next.value)}`);
      i++;
    } else if (p.removed) changes.push(`the draft adds ${word(p.value)}`);
    else changes.push(`the draft leaves out ${word(p.value)}`);
  }
  const meaningful = changes.filter((c) => !/^the draft (?:adds|leaves out) "[\p{P}\s]*"$/u.test(c));
  if (meaningful.length === 0) return '';
  const shown = meaningful.slice(0, max).join('; ');
  return meaningful.length > max ? `${shown}; and ${meaningful.length - max} more change${meaningful.length - max === 1 ? '' : 's'}` : shown;
}
