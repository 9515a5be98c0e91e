/**
 * Realistic Markdown policy briefs about Cambodia for the engine benchmark:
 * headings, paragraphs, lists, block quotes, tables, code blocks and HTML
 * comments, mixing figures the bundled reports (KHM-2022, KHM-2023) state
 * correctly with wrong figures, wrong years, wrong tiers, altered quotes,
 * unknown references and plenty of numbers that are not the report's at all.
 *
 *   node --import tsx bench/gen-draft.ts --size 20000 --seed 7 > draft.md
 *
 * Deterministic from the seed; a smaller draft with the same seed is a prefix
 * of a larger one (up to the last block), which keeps the linearity series fair.
 */
import { Rng } from './lib/prng';

type Block = (rng: Rng, n: number) => string;

const R = (k: number): string => `KHM-2023/R${k}`;

const RECS: readonly string[] = [
  'Investigate and prosecute traffickers involved in forced labor crimes in cyber scam operations, including complicit officials.',
  'Fully implement victim identification guidelines, apply them to both domestic and foreign suspected victims, and train officials in all areas of the country on their use.',
  'Screen all individuals in immigrant detention or custody for human trafficking indicators, including foreign workers, men and boys, LGBTQI+ individuals, and persons with disabilities.',
  'Investigate and prosecute trafficking crimes and seek adequate penalties for convicted traffickers, which should involve significant prison terms.',
  'Increase funding to anti-trafficking law enforcement units and disburse it in advance of investigations, rather than by reimbursement.',
];

/** Change one word of a quote, as a careless paraphrase would. */
function alter(quote: string, rng: Rng): string {
  const swaps: [RegExp, string][] = [
    [/forced labor/, 'forced labour'],
    [/cyber scam/, 'online scam'],
    [/significant/, 'substantial'],
    [/Increase/, 'Expand'],
    [/all individuals/, 'all persons'],
    [/Fully implement/, 'Implement'],
  ];
  const applicable = swaps.filter(([re]) => re.test(quote));
  if (applicable.length === 0) return quote.replace(/\.$/, ' immediately.');
  const [re, to] = rng.pick(applicable);
  return quote.replace(re, to);
}

const BLOCKS: readonly Block[] = [
  // Correct prosecution figures, cited.
  (rng) => `In 2021, the government prosecuted 109 suspected traffickers involved in 64 cases under the anti-trafficking law [@KHM-2022/prosecution.2]. ${rng.pick(['Of these,', 'Among them,'])} 37 cases involved forced labor and four involved sex trafficking.`,
  // Correct conviction figure without a citation (citation.missing hint).
  () => 'The government convicted 38 traffickers in 2021, including one for sex trafficking and 35 for forced labor.',
  // Wrong conviction count.
  (rng) => `According to the 2022 report, Cambodian courts convicted ${rng.pick([83, 48, 138, 28])} traffickers in 2021 [@KHM-2022/prosecution.2].`,
  // Right number, wrong edition.
  () => 'The 2023 report found 38 convictions, a sharp fall from the previous year.',
  // Penalties, correct and wrong.
  (rng) =>
    rng.bool()
      ? 'The 2008 law prescribes penalties of seven to 15 years’ imprisonment for offenses involving an adult victim and 15 to 20 years for those involving a child victim [@KHM-2022/prosecution.1].'
      : `The 2008 law prescribes penalties of ${rng.pick(['five', 'three', 'ten'])} to 15 years' imprisonment for offenses involving an adult victim [@KHM-2022/prosecution.1].`,
  // Tier, correct and wrong.
  (rng) =>
    rng.bool(0.6)
      ? 'Cambodia remained on Tier 3 in the 2023 report [@KHM-2023], its third consecutive year at the bottom of the ranking.'
      : `The 2023 report placed Cambodia on ${rng.pick(['Tier 2 Watch List', 'Tier 2'])} [@KHM-2023].`,
  // Block quote of a recommendation, sometimes altered.
  (rng) => {
    const k = rng.int(1, RECS.length);
    const q = rng.bool(0.7) ? RECS[k - 1] : alter(RECS[k - 1], rng);
    return `The report is explicit:\n\n> ${q} [@${R(k)}]`;
  },
  // Inline quote, sometimes invented.
  (rng) =>
    rng.bool()
      ? 'The report notes that authorities “did not investigate or hold criminally accountable any officials involved in widespread, credible reports of complicity” [@KHM-2023/summary.1].'
      : 'The report warns that "authorities routinely ignored every complaint filed by migrant workers in Sihanoukville" [@KHM-2023].',
  // Multi-citation, locator, short form, unknown reference.
  (rng) =>
    rng.pick([
      'Labor migration reforms are a recurring theme [@KHM-2023/R11; @KHM-2023/R15; @KHM-2023/R16].',
      'Restitution remains unavailable in practice [see @KHM-2023/R13, p. 2].',
      'Victim screening in detention is the most urgent gap [@R3].',
      'The report also recommends a victims’ fund [@KHM-2023/R42].',
      'Earlier editions made similar points [@KHM-2021/R1].',
    ]),
  // Neutral numbers that are not the report's.
  (rng) =>
    rng.pick([
      'The ILO estimates that 27.6 million people were in forced labour worldwide in 2021, of whom 3.3 million were children.',
      `Our programme trained ${rng.int(40, 400)} outreach workers in ${rng.int(3, 12)} provinces between March and November 2023, at a cost of $${(rng.int(5, 90) * 1000).toLocaleString('en-US')}.`,
      'According to UNODC, Thailand reported 427 prosecutions in 2021.',
      `Call the hotline on +855 23 ${rng.int(100, 999)} ${rng.int(100, 999)} or write to the office at 12 Street 240, Phnom Penh.`,
      `The consultation ran from 1 to ${rng.int(10, 28)} February 2024 and drew ${rng.int(30, 90)} written submissions.`,
    ]),
  // A numbered list of asks.
  (rng) => {
    const ks = rng.sample([1, 2, 3, 4, 5, 9, 10, 13, 17], 4);
    return ks.map((k, i) => `${i + 1}. Press for progress on recommendation ${k} [@${R(k)}], with a report-back within ${rng.int(3, 18)} months.`).join('\n');
  },
  // A bullet list with mixed claims.
  () => ['- Prosecutions: 109 suspected traffickers in 64 cases (2021).', '- Convictions: 38 traffickers (2021).', '- Media reports: authorities arrested 370 suspected traffickers, including 332 labor brokers.', '- Training: 256 sessions for 12,814 law enforcement officers.'].join('\n'),
  // A table.
  (rng) =>
    [
      '| Indicator | 2020 | 2021 |',
      '| --- | ---: | ---: |',
      `| Cases prosecuted | 348 | 64 |`,
      `| Traffickers convicted | 440 | ${rng.pick(['38', '38', '83'])} |`,
      `| Suspects arrested by police | 94 | n/a |`,
    ].join('\n'),
  // A fenced code block full of numbers that must be ignored.
  (rng) => ['```json', `{ "prosecuted": ${rng.int(1, 999)}, "convicted": ${rng.int(1, 999)}, "tier": "Tier ${rng.int(1, 3)}", "ref": "[@KHM-2023/R99]" }`, '```'].join('\n'),
  // Suppressed line.
  () => '<!-- tip-lens-disable-next-line figure.mismatch -->\nAn earlier draft said 83 convictions in 2021; we keep the sentence for the record.',
  // Narrative prose with the sentencing example.
  (rng) => `In April 2021, authorities arrested and convicted a two-star military general and six other traffickers for exploiting 28 nationals from the PRC; the court sentenced the general to ${rng.pick(['four', 'four', 'six'])} years’ imprisonment [@KHM-2022/prosecution.2].`,
  // Links and inline code.
  () => 'See the [full narrative](https://www.state.gov/reports/2023-trafficking-in-persons-report/cambodia/) and run `tip-lens check brief.md --report 2023/` before sending.',
];

const HEADINGS: readonly string[] = ['Law enforcement', 'Victim protection', 'Prevention and labor migration', 'What the report asks', 'Figures at a glance', 'Our recommendations', 'Annex: sources'];

export function generateDraft(targetBytes: number, seed: number): string {
  const rng = new Rng(seed);
  const parts: string[] = ['---', 'title: Cambodia trafficking brief', 'tip-report: KHM-2023', 'author: Policy team', '---', '', '# Cambodia: where the 2023 TIP Report leaves us', ''];
  let size = Buffer.byteLength(parts.join('\n'));
  let n = 0;
  while (size < targetBytes) {
    const piece = n % 9 === 0 ? `## ${HEADINGS[(n / 9) % HEADINGS.length]}${n >= 9 * HEADINGS.length ? ` (part ${Math.floor(n / (9 * HEADINGS.length)) + 1})` : ''}\n` : rng.pick(BLOCKS)(rng, n) + '\n';
    parts.push(piece);
    size += Buffer.byteLength(piece) + 1;
    n++;
  }
  return parts.join('\n');
}

const isMain = process.argv[1] !== undefined && /gen-draft\.ts$/.test(process.argv[1]);
if (isMain) {
  const argv = process.argv.slice(2);
  const get = (name: string, dflt: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
  };
  process.stdout.write(generateDraft(Number(get('--size', '20000')), Number(get('--seed', '7'))));
}
