import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Code } from '../../server/src/service/codes';
import { applyEdits, safeFixEdits } from '../../server/src/service/fixes';
import { defaultSettings } from '../../server/src/service/settings';
import type { DiagnosticData } from '../../server/src/service/types';
import { carets } from '../helpers/carets';
import { diagnose, kb } from '../helpers/engine';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTipLensService } from '../../server/src/service/index';
import { NEVER_CANCELLED } from '../../server/src/service/types';
import { TRUE_OR_NEUTRAL, WRONG } from '../fixtures/claims';
import fc from 'fast-check';
import { countWords } from '../../server/src/service/quotes';
import { canonicalCountry, countryMentions, countryNamesByFirstWord, type CountryMention } from '../../server/src/service/countries';

/** Asserts exactly one diagnostic of `code`, exactly at the caret range, and returns it. */
function expectAt(src: string, code: Code): { d: Diagnostic; text: string } {
  const { text, ranges } = carets(src);
  const { doc, diagnostics } = diagnose(text);
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(diagnostics.map((d) => [d.code, d.message]))}`);
  const d = found[0];
  assert.equal(doc.offsetAt(d.range.start), ranges[0].offsetStart, `start of ${code}`);
  assert.equal(doc.offsetAt(d.range.end), ranges[0].offsetEnd, `end of ${code}`);
  assert.equal(d.source, 'tip-lens');
  return { d, text };
}

const data = (d: Diagnostic) => d.data as DiagnosticData;

describe('figure.mismatch', () => {
  test('a count that differs from the report is flagged, quoting the source value and anchor, with the fix', () => {
    const { d } = expectAt(
      `In 2021, the Cambodian government convicted 83 traffickers [@KHM-2022/prosecution.2].
                                            ^^`,
      Code.FigureMismatch,
    );
    assert.equal(d.message, 'The 2022 report (KHM-2022/prosecution.2) gives 38 traffickers convicted in 2021; the draft says 83.');
    assert.equal(data(d).anchor, 'KHM-2022/prosecution.2');
    assert.equal(data(d).replacement, '38');
    assert.equal(data(d).sourceUri, 'tip-lens:/KHM-2022.txt');
    assert.match(data(d).sourceText!, /^The government convicted 38 traffickers/);
    // Editors name a location by its URI's last segment: it reads in the report's terms.
    assert.equal(decodeURIComponent(d.relatedInformation?.[0].location.uri ?? ''), 'tip-lens:/KHM-2022/2022 TIP Report — Cambodia · Prosecution ¶2');
    assert.match(d.relatedInformation?.[0].message ?? '', /^The government convicted 38 traffickers/);
    assert.equal(d.severity, 1);
  });
  test('a penalty range for a child victim that differs is flagged with the report range as the fix', () => {
    const { d } = expectAt(
      `Trafficking offenses involving a child victim carry between 10 and 20 years in prison in Cambodia.
                                                    ^^^^^^^^^^^^^^^^^`,
      Code.FigureMismatch,
    );
    assert.equal(data(d).replacement, '15 to 20');
  });
  test('"up to 15 years" for a child victim contradicts the 20-year maximum', () => {
    const { d } = expectAt(
      `In Cambodia, offenses involving a child victim carry up to 15 years’ imprisonment.
                                                     ^^^^^^^^`,
      Code.FigureMismatch,
    );
    assert.equal(data(d).replacement, 'up to 20');
  });
  test('approximations are honoured: "nearly 40", "more than 100", "about 110", "over a hundred" pass; "more than 50" does not', () => {
    for (const ok of ['nearly 40 traffickers', 'thirty-eight traffickers']) assert.deepEqual(diagnose(`In 2021, Cambodia convicted ${ok}.`).diagnostics.filter((d) => d.severity! <= 2), []);
    for (const ok of ['more than 100', 'about 110', 'over a hundred', 'at least 100']) assert.deepEqual(diagnose(`In 2021, Cambodia prosecuted ${ok} suspected traffickers.`).diagnostics.filter((d) => d.severity! <= 2), [], ok);
    expectAt(
      `In 2021, Cambodia convicted more than 50 traffickers.
                            ^^^^^^^^^^^^`,
      Code.FigureMismatch,
    );
  });
  test('courts shut between the wrong months', () => {
    const { d } = expectAt(
      `Cambodian courts shut down between March and May 2021.
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^`,
      Code.FigureMismatch,
    );
    assert.equal(data(d).replacement, 'between April and May 2021');
  });
});

describe('figure.wrong-year', () => {
  test('"the 2023 report found 38 convictions": right number, 2022 edition', () => {
    const { d } = expectAt(
      `The 2023 report found 38 convictions in Cambodia.
                      ^^`,
      Code.FigureWrongYear,
    );
    assert.match(d.message, /comes from the 2022 report \(KHM-2022\/prosecution\.2, data for 2021\), not the 2023 report/);
    assert.equal(d.severity, 2);
  });
  test('a 2020 figure given for 2021', () => {
    const { d } = expectAt(
      `In 2021, Cambodian police arrested 94 suspects.
                                   ^^`,
      Code.FigureWrongYear,
    );
    assert.match(d.message, /94 suspects arrested for 2020, not 2021/);
  });
  test('"last year\'s report" is read relative to the edition the draft names', () => {
    const wrong = diagnose('The 2024 report placed Cambodia on Tier 3.\n\nLast year’s report found 38 convictions in Cambodia.').diagnostics;
    assert.deepEqual(wrong.map((d) => d.code), [Code.FigureWrongYear]);
    assert.match(wrong[0].message, /comes from the 2022 report .*not the 2023 report/);
    const right = diagnose('The 2023 report placed Cambodia on Tier 3.\n\nLast year’s report found 38 convictions in Cambodia.').diagnostics;
    assert.deepEqual(right.map((d) => d.code), [Code.CitationMissing]);
  });
});

describe('tier.mismatch', () => {
  test('Tier 2 where the 2023 report says Tier 3', () => {
    const { d } = expectAt(
      `Cambodia is on Tier 2 in the 2023 report [@KHM-2023].
               ^^^^^^`,
      Code.TierMismatch,
    );
    assert.equal(data(d).replacement, 'Tier 3');
    assert.equal(data(d).anchor, 'KHM-2023/summary.1');
  });
  test('"downgraded" where the report says "remained"', () => {
    const { d } = expectAt(
      `In 2023, Cambodia was downgraded to Tier 3.
                  ^^^^^^^^^^^^^^^^^^^^^^^^`,
      Code.TierMismatch,
    );
    assert.match(d.message, /remained on Tier 3, not that it was downgraded/);
  });
  test('the 2022 edition is known from "remained" in 2023', () => {
    expectAt(
      `In the 2022 report, Cambodia was on Tier 1.
                                    ^^^^^^`,
      Code.TierMismatch,
    );
  });
});

describe('quotes', () => {
  test('quote.mismatch: one word changed; the fix restores the exact wording', () => {
    const { d, text } = expectAt(
      `The report found that "Law enforcement did not effectively address forced marriage in cyber scam operations" [@KHM-2023].
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^`,
      Code.QuoteMismatch,
    );
    assert.equal(data(d).replacement, 'Law enforcement did not effectively address forced labor in cyber scam operations');
    assert.ok(text.includes(data(d).replacement!.slice(0, 20)));
  });
  test('a quote that differs from two reports alike is compared with the edition its sentence names', () => {
    const { d } = expectAt(
      `In Cambodia, the 2022 report says, scam operations forced "thousands of PRC" nationals to work in call centers.
                                                           ^^^^^^^^^^^^^^^^`,
      Code.QuoteMismatch,
    );
    assert.equal(data(d).anchor, 'KHM-2022/prosecution.6');
  });
  test('an editor\'s marks and British spelling do not count as differences ("[l]aw", "…", "[did]", "labour")', () => {
    assert.deepEqual(diagnose('The report found that "[l]aw enforcement did not effectively address forced labour in cyber scam operations" [@KHM-2023].').diagnostics, []);
    assert.deepEqual(diagnose('The report says Cambodian authorities "did not investigate … any officials involved in widespread, credible reports of complicity" [@KHM-2023].').diagnostics, []);
  });
  test('PDF artefacts do not count as differences ("cross- border", "indicators forced labor")', () => {
    assert.deepEqual(diagnose('The TIP Report noted "cross-border anti-trafficking investigations with Thailand and Vietnam" [@KHM-2022/prosecution.3].').diagnostics, []);
    assert.deepEqual(diagnose('The report says Cambodia created a group on "cyber scam operations involving indicators of forced labor" [@KHM-2023].').diagnostics, []);
  });
  test('quote.not-found in a partial text says so and is only information', () => {
    const { d } = expectAt(
      `The 2023 report notes that "the government opened three new shelters for male victims of trafficking in Phnom Penh" [@KHM-2023].
                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^`,
      Code.QuoteNotFound,
    );
    assert.match(d.message, /not in the loaded text of KHM-2023 \(which holds only Summary and Prioritized Recommendations\)/);
    assert.equal(d.severity, 3);
  });
});

describe('reference.unknown', () => {
  test('an item past the last recommendation', () => {
    const { d } = expectAt(
      `See [@KHM-2023/R18].
      ^^^^^^^^^^^^`,
      Code.ReferenceUnknown,
    );
    assert.equal(d.message, 'KHM-2023 has 17 prioritized recommendations (R1–R17); there is no R18.');
  });
  test('a section the loaded text does not hold is information, never "not in the report"', () => {
    const { d } = expectAt(
      `See [@KHM-2022/protection.2].
      ^^^^^^^^^^^^^^^^^^^^^`,
      Code.ReferenceUnknown,
    );
    assert.match(d.message, /loaded text holds only Prosecution/);
    assert.equal(d.severity, 3);
  });
  test('short references resolve against the front matter; other bibliographies are left alone', () => {
    const { diagnostics } = diagnose('---\ntip-report: KHM-2023\n---\nWe support [@R1; @R13] and [see @KHM-2023/R7, p. 2], as @smith2020 does [@smith2020].');
    assert.deepEqual(diagnostics, []);
    const { diagnostics: d2 } = diagnose('As recommended [@R3].', { defaultReport: 'KHM-2023' });
    assert.deepEqual(d2, []);
  });
});

describe('citation.missing', () => {
  test('a matching figure without a citation gets a hint whose fix inserts one before the full stop', () => {
    const { d, text } = expectAt(
      `In 2021, the Cambodian government convicted 38 traffickers.
                                            ^^`,
      Code.CitationMissing,
    );
    assert.equal(d.severity, 4);
    assert.equal(data(d).insertText, ' [@KHM-2022/prosecution.2]');
    assert.equal(data(d).insertAt, text.length - 1);
  });
  test('a citation anywhere in the paragraph is near enough', () => {
    assert.deepEqual(diagnose('In 2021, the Cambodian government convicted 38 traffickers. It prosecuted 109 suspects [@KHM-2022/prosecution.2].').diagnostics, []);
  });
});

describe('what is never checked', () => {
  test('code blocks, inline code, comments, URLs and front matter', () => {
    const src = '---\ntitle: In 2021 Cambodia convicted 83 traffickers\n---\n```\nIn 2021, Cambodia convicted 83 traffickers.\n```\n\n`In 2021, Cambodia convicted 83 traffickers.`\n\n<!-- In 2021, Cambodia convicted 83 traffickers. -->\n\nhttps://example.org/in-2021-cambodia-convicted-83-traffickers\n';
    assert.deepEqual(diagnose(src).diagnostics, []);
  });
  test('other countries, other sources and the author’s own work', () => {
    for (const s of ['In 2021, Thailand convicted 120 traffickers.', 'According to the ILO, Cambodia had 120 convictions in 2021.', 'In 2021 we trained 300 officers in Cambodia.', 'The government of Cambodia should prosecute 200 traffickers a year.']) {
      assert.deepEqual(diagnose(s).diagnostics, [], s);
    }
  });
});

describe('settings and suppressions', () => {
  const wrong = 'In 2021, Cambodia convicted 83 traffickers.';
  test('severity per code can be changed or turned off', () => {
    const s = defaultSettings();
    assert.equal(diagnose(wrong, { severity: { ...s.severity, [Code.FigureMismatch]: 'warning' } }).diagnostics[0].severity, 2);
    assert.deepEqual(diagnose(wrong, { severity: { ...s.severity, [Code.FigureMismatch]: 'off' } }).diagnostics, []);
    assert.deepEqual(diagnose(wrong, { enable: false }).diagnostics, []);
  });
  test('disable-next-line silences only the named code on the next line', () => {
    assert.deepEqual(diagnose(`<!-- tip-lens-disable-next-line figure.mismatch -->\n${wrong}`).diagnostics, []);
    assert.equal(diagnose(`<!-- tip-lens-disable-next-line tier.mismatch -->\n${wrong}`).diagnostics.length, 1);
    assert.equal(diagnose(`<!-- tip-lens-disable-next-line figure.mismatch -->\n\n${wrong}`).diagnostics.length, 1);
  });
  test('disable … enable silences a region', () => {
    const src = `<!-- tip-lens-disable figure.mismatch -->\n${wrong}\n\n${wrong}\n<!-- tip-lens-enable -->\n\n${wrong}`;
    const { diagnostics } = diagnose(src);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 6);
  });
});

describe('fixes', () => {
  test('only fixes with one right answer are applied, and nothing else changes', () => {
    const src = 'In 2021, Cambodia convicted 83 traffickers.\n\nIn 2021, the Cambodian government convicted 38 traffickers.\n\nCambodia is on Tier 2 [@KHM-2023].\n';
    const { doc, diagnostics } = diagnose(src);
    const fixed = applyEdits(doc, safeFixEdits(doc, diagnostics));
    assert.equal(fixed, 'In 2021, Cambodia convicted 38 traffickers.\n\nIn 2021, the Cambodian government convicted 38 traffickers.\n\nCambodia is on Tier 3 [@KHM-2023].\n');
  });
});

describe('the fixture set', () => {
  test(`the fixture set holds at least 60 true/neutral and 60 wrong sentences, with every code among the wrong ones`, () => {
    assert.ok(TRUE_OR_NEUTRAL.length >= 60 && WRONG.length >= 60);
    for (const code of Object.values(Code)) assert.ok(WRONG.some((w) => w.code === code), `no wrong fixture for ${code}`);
  });
});

describe('true or neutral fixture sentences: no error or warning', () => {
  for (const s of TRUE_OR_NEUTRAL) {
    test(s, () => {
      const bad = diagnose(s).diagnostics.filter((d) => d.severity! <= 2);
      assert.deepEqual(bad.map((d) => `${d.code}: ${d.message}`), []);
    });
  }
});

describe('wrong fixture sentences: flagged with their code and nothing else', () => {
  for (const w of WRONG) {
    test(`${w.code}: ${w.draft}`, () => {
      const ds = diagnose(w.draft).diagnostics;
      assert.ok(ds.some((d) => d.code === w.code), `expected ${w.code}, got ${JSON.stringify(ds.map((d) => [d.code, d.message]))}`);
      const extra = ds.filter((d) => d.code !== w.code && d.severity! <= 2);
      assert.deepEqual(extra.map((d) => `${d.code}: ${d.message}`), []);
    });
  }
});

describe('country mentions (hand-written scan)', () => {
  // The scan countryMentions replaced: one regex match per capitalised word. The two must agree on every text and range.
  const CAP = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’.]*/gu;
  function reference(text: string, start = 0, end = text.length): CountryMention[] {
    const out: CountryMention[] = [];
    const slice = text.slice(start, end);
    CAP.lastIndex = 0;
    for (let m = CAP.exec(slice); m; m = CAP.exec(slice)) {
      const whole = m[0].toLowerCase();
      const bare = whole.replace(/['’]s$/, '').replace(/['’.]+$/, '');
      const first = (n: string) => countryNamesByFirstWord(n);
      const candidates = first(whole) ?? first(bare);
      if (!candidates) continue;
      for (const name of candidates) {
        const raw = slice.slice(m.index, m.index + name.length);
        const next = slice[m.index + name.length];
        if (raw.toLowerCase() !== name || (next !== undefined && /[\p{L}\p{N}]/u.test(next))) continue;
        if (/^(uk|usa|uae|drc|prc)$/.test(name) && raw !== raw.toUpperCase()) continue;
        out.push({ country: canonicalCountry(name)!, start: start + m.index, end: start + m.index + name.length });
        CAP.lastIndex = m.index + name.length;
        break;
      }
    }
    return out;
  }

  const pieces = fc.constantFrom(
    'Cambodia', 'CAMBODIA', 'Cambodian', 'Cambodians', 'Cambodia’s', "Cambodia's", 'cambodia', 'South Africa', 'South African', 'South', 'Korea', 'North Korea',
    'Guinea-Bissau', 'Guinea', 'U.S.', 'U.S', 'US', 'USA', 'usa', 'UK', 'Uk', 'UAE', 'DRC', 'PRC', 'People’s Republic of China', "People's Republic of China", 'Côte d’Ivoire',
    'Timor-Leste', 'Türkiye', 'Lao', 'Laos', 'Niger', 'Nigeria', 'Thai', 'Thailand', 'Viet Nam', 'Dominican Republic', 'Hong Kong', 'Trinidad and Tobago',
    ' ', '  ', '\n', '.', ',', '’', "'", '-', '(', ')', '"', '2021', '7', 'a', 'É', 'é', 'Ω', 'ж', 'Ж', '\u0130', 'ǅ', '𝐀', '𝐚', '😀', '\ud835', '\udc00', '\u00a0', 'x', 'Tier', 'The',
  );
  const texts = fc.array(pieces, { maxLength: 40 }).map((a) => a.join(''));

  test('finds exactly what the capitalised-word regex found, for the whole text and any range of it', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
        assert.deepEqual(countryMentions(text), reference(text));
        const s = text.length ? a % (text.length + 1) : 0;
        const e = s + (text.length - s ? b % (text.length - s + 1) : 0);
        assert.deepEqual(countryMentions(text, s, e), reference(text, s, e));
      }),
      { numRuns: 3000 },
    );
  });

  test('edges: ranges that cut a surrogate pair, letters and digits glued to a name, astral letters', () => {
    const cases: [string, number?, number?][] = [
      ['𝐚Cambodia'], ['𝐚Cambodia', 1], ['𝐚Cambodia', 2], ['x𝐀Cambodia', 2], ['😀Cambodia'], ['\udc00Cambodia'], ['\ud835Cambodia'], ['ÉCambodia'], ['éCambodia'], ['2021Cambodia'],
      ['Cambodia𝐚'], ['Cambodia😀'], ['Cambodia', 0, 7], ['Cambodia', 1], ['South Africa', 0, 11], ['U.S.', 0, 3], ['UK\ud835'], ['Cambodia\ud835\udc1a', 0, 9], ['Ж Cambodia ж Laos'],
    ];
    for (const [t, s, e] of cases) assert.deepEqual(countryMentions(t, s, e), reference(t, s, e), JSON.stringify([t, s, e]));
    assert.equal(countryMentions('𝐚Cambodia').length, 0);
    assert.equal(countryMentions('𝐚Cambodia', 2).length, 1);
  });

  test('the examples the checks rely on', () => {
    const t = 'CAMBODIA (Tier 3). Cambodian and U.S. officials met Thai, South African and Guinea-Bissau delegates; uk and usa are not codes; Cambodia’s courts.';
    assert.deepEqual(countryMentions(t).map((m) => [m.country, t.slice(m.start, m.end)]), [
      ['Cambodia', 'CAMBODIA'],
      ['Cambodia', 'Cambodian'],
      ['United States', 'U.S.'],
      ['Thailand', 'Thai'],
      ['South Africa', 'South African'],
      ['Guinea-Bissau', 'Guinea-Bissau'],
      ['Cambodia', 'Cambodia'],
    ]);
  });
});

describe('quote word count (hand-written scan)', () => {
  test('counts what [\\p{L}\\p{N}]+ with the u flag matches', () => {
    const units = fc.constantFrom('a', 'Z', '0', ' ', '-', '’', 'é', 'ж', '٣', '𝐚', '😀', '\ud835', '\udc1a', '\u0301', '_', '\n', '“');
    fc.assert(
      fc.property(fc.array(units, { maxLength: 30 }).map((a) => a.join('')), (s) => {
        assert.equal(countWords(s), (s.match(/[\p{L}\p{N}]+/gu) ?? []).length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('diagnostic positions', () => {
  test('ranges are where the document puts the offsets, with LF, CRLF and lone CR line ends', () => {
    const body = WRONG.map((w) => w.draft.replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n');
    for (const text of [body, body.replace(/\n/g, '\r\n'), body.replace(/\n/g, '\r'), `${body}\n`]) {
      const service = createTipLensService({ kb });
      const doc = TextDocument.create('file:///positions.md', 'markdown', 1, text);
      const diagnostics = service.diagnostics(doc, NEVER_CANCELLED);
      const problems = [...service.analyze(doc, NEVER_CANCELLED).problems].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
      assert.ok(diagnostics.length > 20);
      assert.equal(diagnostics.length, problems.length);
      diagnostics.forEach((d, i) => {
        assert.equal(d.message, problems[i].message);
        assert.deepEqual(d.range, { start: doc.positionAt(problems[i].span.start), end: doc.positionAt(problems[i].span.end) });
      });
    }
  });
});
