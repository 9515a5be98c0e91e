import { extractFigures } from '../server/src/ingest/figures';
for (const t of ['Option D (440) was the conviction count for 2019; the report warns.', 'In Cambodia, 440 was the conviction count for 2019.', 'The 109 suspected traffickers cited in the article were prosecuted in 2020, according to the 2022 report.', 'Of the 64 cases, 4 involved sex trafficking, 37 forced labor and 32 unspecified forms of exploitation.']) {
  const r = extractFigures(t, { start: 0, end: t.length });
  console.log(JSON.stringify(r.figures.map((f) => [f.values, f.unit, f.actions, f.form, f.year])), JSON.stringify(r.nonFigures.map((n) => [n.text, n.reason])));
}
