import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledReportsDir, loadKnowledgeBase, loadReportPath } from '../../server/src/node/loadReports';
import type { Fact, Report } from '../../server/src/model/kb';
import { ingestReport, isIngested } from '../../server/src/ingest';

const kb = loadKnowledgeBase();
const k22 = kb.get('KHM-2022')!;
const k23 = kb.get('KHM-2023')!;
const seeds = path.join(__dirname, '..', '..', '..', 'shared', 'seeds');

/** The fact whose original number text is `text` and that satisfies `pred`. */
function fact(r: Report, text: string, pred: (f: Fact) => boolean = () => true): Fact {
  const found = r.facts.filter((f) => r.text.slice(f.span.start, f.span.end) === text && pred(f));
  assert.equal(found.length, 1, `expected one fact "${text}", found ${found.length}`);
  return found[0];
}

describe('bundled reports', () => {
  test('load without problems, with the right editions and data years', () => {
    assert.deepEqual(kb.problems, []);
    assert.deepEqual(kb.all().map((r) => r.id).sort(), ['KHM-2022', 'KHM-2023']);
    assert.equal(k22.manifest.edition, 2022);
    assert.equal(k22.manifest.dataYear, 2021);
    assert.equal(k23.manifest.edition, 2023);
    assert.equal(k23.manifest.tier, 'Tier 3');
    assert.equal(k22.manifest.country, 'Cambodia');
    assert.equal(k22.manifest.iso3, 'KHM');
  });

  test('are the seed texts byte for byte', { skip: !fs.existsSync(seeds) && 'no ../shared/seeds beside the clone' }, () => {
    assert.ok(fs.readFileSync(path.join(bundledReportsDir(), 'KHM-2023.txt')).equals(fs.readFileSync(path.join(seeds, '000_418ce1e05f575fcc.txt'))));
    assert.ok(fs.readFileSync(path.join(bundledReportsDir(), 'KHM-2022.txt')).equals(fs.readFileSync(path.join(seeds, '004_2dc132ee61c5b113.txt'))));
  });

  test('know which sections their text holds, and that it is partial', () => {
    assert.deepEqual(k23.sections.map((s) => s.slug), ['summary', 'recommendations']);
    assert.deepEqual(k22.sections.map((s) => s.slug), ['prosecution']);
    assert.equal(k22.sections[0].paragraphs.length, 7);
    assert.ok(k22.partial && k23.partial);
  });

  test('the 2023 text has 17 prioritized recommendations R1..R17 with their exact text', () => {
    assert.equal(k23.recommendations.length, 17);
    assert.equal(k23.recommendations[0].key, 'R1');
    assert.equal(k23.recommendations[0].text, 'Investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations, including complicit officials.');
    assert.equal(k23.recommendations[12].text, 'Allow restitution upon conviction of the trafficker and establish and train relevant officials on procedures for calculating and granting restitution.');
    assert.equal(k23.recommendations[16].text, 'Incorporate NGO input into the policy for formally transferring custody of child victims.');
    for (const r of k23.recommendations) assert.equal(k23.text.slice(r.span.start, r.span.end), r.text);
  });

  test('paragraph anchors and sentences point into the original characters', () => {
    const p3 = k22.paragraphs.find((p) => p.anchor === 'prosecution.3')!;
    assert.ok(k22.text.slice(p3.span.start, p3.span.end).startsWith('The pandemic continued'));
    for (const r of [k22, k23]) for (const s of r.sentences) assert.ok(s.span.start >= 0 && s.span.end <= r.text.length && s.span.start < s.span.end);
    // The PDF artefact stays in the original: "cross- border".
    assert.ok(k22.text.includes('cross- border'));
  });
});

describe('facts of the 2022 Prosecution section', () => {
  test('penalties: seven to 15 years for an adult victim, 15 to 20 for a child victim, under the 2008 law', () => {
    const adult = fact(k22, 'seven to 15');
    assert.deepEqual([adult.kind, adult.values, adult.unit, adult.victim], ['penalty', [7, 15], 'years', 'adult']);
    const child = fact(k22, '15 to 20');
    assert.deepEqual([child.kind, child.values, child.unit, child.victim], ['penalty', [15, 20], 'years', 'child']);
    assert.ok(k22.nonFacts.some((n) => n.text === '2008' && /law/.test(n.reason)));
  });
  test('labour-law jail terms of six days to one month', () => {
    const f = fact(k22, 'six days to one month');
    assert.deepEqual([f.kind, f.values, f.unit, f.unitMax, f.topics], ['penalty', [6, 1], 'days', 'months', ['labor law']]);
  });
  test('media reports of 370 suspects arrested, including 332 labour brokers', () => {
    const a = fact(k22, '370');
    assert.deepEqual([a.unit, a.actions, a.attribution, a.year], ['traffickers', ['arrested'], 'media reports', 2021]);
    const b = fact(k22, '332');
    assert.deepEqual([b.unit, b.actions], ['brokers', ['arrested']]);
  });
  test('2021: 109 suspects prosecuted in 64 cases: 4 sex trafficking, 37 forced labour, 23 unspecified', () => {
    assert.deepEqual(pick(fact(k22, '109')), ['traffickers', ['prosecuted'], undefined, 2021]);
    assert.deepEqual(pick(fact(k22, '64')), ['cases', ['prosecuted'], undefined, 2021]);
    assert.deepEqual(pick(fact(k22, 'four', (f) => f.unit === 'cases')), ['cases', ['prosecuted'], 'sex trafficking', 2021]);
    assert.deepEqual(pick(fact(k22, '37', (f) => f.year === 2021)), ['cases', ['prosecuted'], 'forced labor', 2021]);
    assert.deepEqual(pick(fact(k22, '23')), ['cases', ['prosecuted'], 'unspecified', 2021]);
  });
  test('2021: 38 convicted, one for sex trafficking and 35 for forced labour', () => {
    assert.deepEqual(pick(fact(k22, '38')), ['traffickers', ['convicted'], undefined, 2021]);
    assert.deepEqual(pick(fact(k22, 'one')), ['traffickers', ['convicted'], 'sex trafficking', 2021]);
    assert.deepEqual(pick(fact(k22, '35')), ['traffickers', ['convicted'], 'forced labor', 2021]);
  });
  test('April 2021: a two-star general and six others convicted for exploiting 28 PRC nationals; the general sentenced to four years', () => {
    const six = fact(k22, 'six', (f) => f.kind === 'count');
    assert.deepEqual([six.values, six.unit, six.actions, six.topics], [[6], 'traffickers', ['arrested', 'convicted'], ['military general']]);
    const n28 = fact(k22, '28');
    assert.deepEqual([n28.unit, n28.topics], ['nationals', ['military general']]);
    const four = fact(k22, 'four', (f) => f.kind === 'duration');
    assert.deepEqual([four.values, four.unit, four.actions, four.topics], [[4], 'years', ['sentenced'], ['military general']]);
    assert.ok(k22.nonFacts.some((n) => n.text === 'two' && /compound adjective/.test(n.reason)));
  });
  test('2020: 94 suspects arrested (48 in 37 non-sexual cases, 46 in 21 sex trafficking cases), 348 cases prosecuted, 440 convicted', () => {
    assert.deepEqual(pick(fact(k22, '94')), ['suspects', ['arrested'], undefined, 2020]);
    assert.deepEqual(pick(fact(k22, '48')), ['suspects', ['arrested'], 'non-sexual', 2020]);
    assert.deepEqual(pick(fact(k22, '37', (f) => f.year === 2020)), ['cases', ['arrested'], 'non-sexual', 2020]);
    assert.deepEqual(pick(fact(k22, '46')), ['suspects', ['arrested'], 'sex trafficking', 2020]);
    assert.deepEqual(pick(fact(k22, '21')), ['cases', ['arrested'], 'sex trafficking', 2020]);
    assert.deepEqual(pick(fact(k22, '348')), ['cases', ['prosecuted'], undefined, 2020]);
    assert.deepEqual(pick(fact(k22, '440')), ['traffickers', ['convicted'], undefined, 2020]);
  });
  test('courts shut between April and May 2021', () => {
    const f = fact(k22, 'between April and May 2021');
    assert.deepEqual([f.kind, f.values, f.year, f.topics], ['date-span', [4, 5], 2021, ['courts']]);
  });
  test('4 arrested for online child sexual exploitation after 9 U.S. referrals', () => {
    const four = fact(k22, 'four', (f) => f.unit === 'individuals');
    assert.deepEqual([four.actions, four.topics, four.year], [['arrested'], ['online child sexual exploitation'], 2021]);
    const nine = fact(k22, 'nine');
    assert.deepEqual([nine.unit, nine.actions], ['cases', ['referred']]);
  });
  test('256 training sessions for 12,814 officers and 7 trainings for 286 participants', () => {
    assert.deepEqual([fact(k22, '256').unit, fact(k22, '12,814').values, fact(k22, 'seven', (f) => f.unit === 'trainings').values, fact(k22, '286').unit], ['sessions', [12814], [7], 'participants']);
  });
  test('every number in the section is a fact or a listed non-fact with a reason', () => {
    const numbers = [...k22.text.matchAll(/\b\d[\d,]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b/gi)].filter((m) => !/^(?:one)$/i.test(m[0]) || /one for sex/.test(k22.text.slice(m.index, m.index + 15)));
    for (const m of numbers) {
      const at = m.index;
      const covered = k22.facts.some((f) => f.span.start <= at && at < f.span.end) || k22.nonFacts.some((n) => n.span.start <= at && at < n.span.end && n.reason.length > 3);
      assert.ok(covered, `"${m[0]}" at ${at} is neither a fact nor a listed non-fact: …${k22.text.slice(at - 30, at + 30)}…`);
    }
  });
  test('every fact is cited to its paragraph and its offsets point at its own text', () => {
    for (const f of k22.facts) {
      assert.ok(f.sentence >= 0);
      const s = k22.sentences[f.sentence];
      assert.ok(s.span.start <= f.span.start && f.span.end <= s.span.end, f.id);
    }
  });
});

describe('tier facts of the 2023 text', () => {
  test('Cambodia is on Tier 3 and "remained" there, which also places it on Tier 3 in 2022', () => {
    const t = k23.facts.filter((f) => f.kind === 'tier');
    const y2023 = t.find((f) => f.year === 2023)!;
    assert.deepEqual([y2023.tier, y2023.tierChange, k23.text.slice(y2023.span.start, y2023.span.end)], ['Tier 3', 'remained', 'Tier 3']);
    const y2022 = t.find((f) => f.year === 2022)!;
    assert.equal(y2022.tier, 'Tier 3');
    assert.match(y2022.inferredFrom!, /remained/);
    assert.equal(k23.sentences[y2023.sentence].paragraph, 'summary.1');
  });
});

function pick(f: Fact) {
  return [f.unit, f.actions, f.form, f.year];
}

describe('user narratives', () => {
  const fixture = path.join(__dirname, '..', 'fixtures', 'narratives');

  test('a full synthetic narrative ingests into all six usual sections with recommendations and facts', () => {
    const r = loadReportPath(path.join(fixture, 'ZZL-2024.json'));
    assert.deepEqual(r.problems, []);
    const rep = r.reports[0];
    assert.deepEqual(rep.sections.map((s) => s.slug), ['summary', 'recommendations', 'prosecution', 'protection', 'prevention', 'profile']);
    assert.equal(rep.partial, false);
    assert.equal(rep.recommendations.length, 9);
    assert.ok(rep.facts.some((f) => f.kind === 'penalty' && f.values.join() === '10,25'));
    assert.ok(rep.facts.some((f) => f.kind === 'count' && f.values[0] === 57 && f.actions.includes('convicted') && f.year === 2023));
    assert.ok(rep.facts.some((f) => f.kind === 'count' && f.values[0] === 412 && f.unit === 'victims' && f.actions.includes('identified')));
    assert.ok(rep.facts.some((f) => f.kind === 'tier' && f.tier === 'Tier 2 Watch List' && f.tierChange === 'downgraded'));
  });

  test('a malformed, missing or binary report names the file and the problem, and the rest still loads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiplens-kb-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ "id": "KHM-2023", ');
    fs.writeFileSync(path.join(dir, 'noid.json'), JSON.stringify({ country: 'X', iso3: 'XXX', edition: 2020, sections: [], text: 'x.txt' }));
    fs.writeFileSync(path.join(dir, 'BIN-2020.json'), JSON.stringify({ id: 'BIN-2020', country: 'Bin', iso3: 'BIN', edition: 2020, sections: ['summary'], text: 'bin.txt' }));
    fs.writeFileSync(path.join(dir, 'bin.txt'), Buffer.from([0x50, 0, 1, 2, 3]));
    fs.writeFileSync(path.join(dir, 'MIS-2020.json'), JSON.stringify({ id: 'MIS-2020', country: 'Mis', iso3: 'MIS', edition: 2020, sections: ['summary'], text: 'missing.txt' }));
    fs.copyFileSync(path.join(fixture, 'ZZL-2024.json'), path.join(dir, 'ZZL-2024.json'));
    fs.copyFileSync(path.join(fixture, 'ZZL-2024.txt'), path.join(dir, 'ZZL-2024.txt'));
    fs.writeFileSync(path.join(dir, 'dup.json'), JSON.stringify({ id: 'KHM-2023', country: 'Cambodia', iso3: 'KHM', edition: 2023, sections: ['summary'], text: 'ZZL-2024.txt' }));
    const k = loadKnowledgeBase([dir]);
    assert.ok(k.get('ZZL-2024'), 'the valid report still loads');
    assert.ok(k.get('KHM-2023') && k.get('KHM-2023')!.file.startsWith('bundled:'), 'a duplicate id does not replace the bundled report');
    const msgs = k.problems.map((p) => `${path.basename(p.file)}: ${p.message}`);
    assert.ok(msgs.some((m) => /^bad\.json: .*not valid JSON/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^noid\.json: .*"id"/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^bin\.txt: .*binary/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^missing\.txt: file not found/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /duplicate report id KHM-2023/.test(m)), msgs.join('\n'));
  });

  test('a loaded narrative is ingested on first use, once, and then equals an eager ingest', () => {
    const k = loadKnowledgeBase([fixture]);
    const rep = k.get('ZZL-2024')!;
    assert.equal(rep.manifest.country, 'Lumeria');
    assert.equal(isIngested(rep), false, 'loading reads the text but ingests nothing');
    const facts = rep.facts;
    assert.equal(isIngested(rep), true);
    assert.equal(rep.facts, facts, 'the second read returns the same facts, not a second ingest');
    const eager = ingestReport(rep.manifest, rep.text, rep.file);
    assert.deepEqual(
      { partial: rep.partial, sections: rep.sections, paragraphs: rep.paragraphs, sentences: rep.sentences, recommendations: rep.recommendations, facts: rep.facts, nonFacts: rep.nonFacts },
      { partial: eager.partial, sections: eager.sections, paragraphs: eager.paragraphs, sentences: eager.sentences, recommendations: eager.recommendations, facts: eager.facts, nonFacts: eager.nonFacts },
    );
  });

  test('a narrative with only a header and headings is reported at load: no paragraphs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiplens-kb-'));
    fs.writeFileSync(path.join(dir, 'HDR-2020.json'), JSON.stringify({ id: 'HDR-2020', country: 'Hdr', iso3: 'HDR', edition: 2020, sections: ['summary'], text: 'HDR-2020.txt' }));
    fs.writeFileSync(path.join(dir, 'HDR-2020.txt'), 'HDR (Tier 2)\n\nPROSECUTION\nPROTECTION\n');
    const k = loadKnowledgeBase([dir]);
    assert.deepEqual(k.problems.map((p) => `${path.basename(p.file)}: ${p.message}`), ['HDR-2020.txt: no paragraphs found in the narrative of HDR-2020']);
    assert.equal(k.get('HDR-2020')!.paragraphs.length, 0, 'the load-time test agrees with the ingest');
  });
});
