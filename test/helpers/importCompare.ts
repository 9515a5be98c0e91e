/** What an imported report must share with the report read from the plain text: structure, texts at every span, recommendations, facts, tier. */
import assert from 'node:assert/strict';
import type { Report } from '../../server/src/model/kb';

/** Recommendations of a semicolon paragraph lose their own final stop; compare without it. */
const rec = (t: string, semicolons: boolean) => (semicolons ? t.replace(/\.$/, '') : t);

export function summary(r: Report, semicolons = false) {
  const at = (s: { start: number; end: number }) => r.text.slice(s.start, s.end);
  return {
    tier: r.manifest.tier ?? null,
    country: r.manifest.country,
    edition: r.manifest.edition,
    dataYear: r.manifest.dataYear,
    sections: r.sections.map((s) => `${s.slug}:${s.paragraphs.length}`),
    paragraphs: r.paragraphs.map((p) => `${p.anchor} ${rec(at(p.span), semicolons && p.section === 'recommendations')}`),
    sentences: r.sentences.map((s) => `${s.paragraph} ${rec(at(s.span), semicolons && s.paragraph.startsWith('recommendations.'))}`),
    recommendations: r.recommendations.map((x) => `${x.key} ${rec(x.text, semicolons)}`),
    facts: r.facts
      .filter((f) => !(semicolons && r.paragraphs.find((p) => p.anchor === r.sentences[f.sentence]?.paragraph)?.section === 'recommendations'))
      .map((f) => `${f.kind} ${f.values.join('/')} ${f.unit} ${f.year ?? ''} ${f.tier ?? ''} ${f.tierChange ?? ''} "${at(f.span)}" @${f.sentence >= 0 ? r.sentences[f.sentence].paragraph : 'header'} [${f.actions.join('+')}|${f.topics.join('+')}]`),
  };
}

/** Every fact's and sentence's span points at the same characters in both reports. */
export function assertSameReport(imported: Report, original: Report, semicolons = false): void {
  assert.deepEqual(summary(imported, semicolons), summary(original, semicolons));
}
