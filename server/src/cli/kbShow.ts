/**
 * `tip-lens kb show [--report ID|PATH]… [--format text|json]`: the knowledge base as TIP Lens read it
 * (sections, recommendations, paragraphs, facts and the sentences they were read from).
 */
import { citationLabel, type Fact, type Report } from '../model/kb';
import { loadKb, namedReports, parse, shownName, splitReportArgs, UsageError, type IO } from './common';

export function kbShow(args: string[], io: IO): number {
  const { values } = parse(args, { report: { type: 'string', multiple: true, default: [] }, format: { type: 'string', default: 'text' } });
  const format = String(values.format);
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json (got "${format}")`);
  const { ids, paths } = splitReportArgs(values.report as string[]);
  const kb = loadKb(paths, io);
  const reports = namedReports(kb, ids, (message) => {
    throw new UsageError(message);
  });
  if (format === 'json') io.out(JSON.stringify(reports.map(reportJson), null, 2) + '\n');
  else io.out(reports.flatMap(reportLines).join('\n'));
  return 0;
}

function reportJson(r: Report) {
  return {
    id: r.id,
    country: r.manifest.country,
    iso3: r.manifest.iso3,
    edition: r.manifest.edition,
    dataYear: r.manifest.dataYear,
    tier: r.manifest.tier ?? null,
    partial: r.partial,
    file: r.file,
    source: r.manifest.source,
    sections: r.sections.map((s) => ({ slug: s.slug, title: s.title, paragraphs: s.paragraphs.length, start: s.span.start, end: s.span.end })),
    paragraphs: r.paragraphs.map((p) => ({ anchor: p.anchor, start: p.span.start, end: p.span.end, sentences: p.sentences.length })),
    recommendations: r.recommendations.map((x) => ({ key: x.key, anchor: `${r.id}/${x.key}`, text: x.text, start: x.span.start, end: x.span.end })),
    facts: r.facts.map((f) => factJson(r, f)),
    nonFacts: r.nonFacts.map((n) => ({ text: n.text, reason: n.reason, start: n.span.start, end: n.span.end })),
  };
}

/** A fact as read: its values, unit, qualifiers, the words it was read from and the sentence around them. */
function factJson(r: Report, f: Fact) {
  const s = f.sentence >= 0 ? r.sentences[f.sentence] : undefined;
  return {
    id: f.id,
    kind: f.kind,
    values: f.values,
    unit: f.unit,
    ...(f.unitMax ? { unitMax: f.unitMax } : {}),
    ...(f.others ? { others: true } : {}),
    actions: f.actions,
    form: f.form ?? null,
    victim: f.victim ?? null,
    year: f.year ?? null,
    yearFrom: f.yearFrom ?? null,
    topics: f.topics,
    attribution: f.attribution ?? null,
    tier: f.tier ?? null,
    tierChange: f.tierChange ?? null,
    inferredFrom: f.inferredFrom ?? null,
    text: r.text.slice(f.span.start, f.span.end),
    start: f.span.start,
    end: f.span.end,
    anchor: s ? `${r.id}/${s.paragraph}` : r.id,
    sentence: s ? { text: r.text.slice(s.span.start, s.span.end), start: s.span.start, end: s.span.end } : null,
  };
}

/** A report in text: its heading line, file, sections, recommendations and facts, then a blank line. */
function reportLines(r: Report): string[] {
  const lines: string[] = [];
  lines.push(`${r.id}  ${citationLabel(r)}${r.manifest.tier ? ` (${r.manifest.tier})` : ''}  data year ${r.manifest.dataYear}${r.partial ? '  [partial text]' : ''}`);
  lines.push(`  file: ${shownName(r.file)}`);
  lines.push(`  sections: ${r.sections.map((s) => `${s.title} (${s.paragraphs.length} ¶)`).join(', ')}`);
  for (const x of r.recommendations) lines.push(`  ${x.key.padEnd(4)} ${x.text}`);
  for (const f of r.facts) {
    const s = f.sentence >= 0 ? r.sentences[f.sentence] : undefined;
    const q = [f.actions.join('+'), f.form, f.victim, f.year, ...f.topics].filter(Boolean).join(', ');
    lines.push(`  fact ${f.id} ${f.kind} "${r.text.slice(f.span.start, f.span.end)}" ${f.unit}${f.unitMax ? '..' + f.unitMax : ''}${q ? ` [${q}]` : ''} @${f.span.start}-${f.span.end} ${s ? s.paragraph : 'header'}`);
  }
  lines.push('');
  return lines;
}
