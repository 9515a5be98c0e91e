/**
 * Synthetic knowledge base for the scale benchmark (issue 7): N country
 * narratives plus their manifests, in exactly the format users load with
 * `tipLens.reports` / `--report` (a `<ID>.json` ReportManifest beside a
 * `<ID>.txt` narrative, one paragraph per line, section headings on their own line).
 *
 *   node --import tsx bench/gen-kb.ts --out DIR --count 4000 --seed 42
 *
 * Deterministic from the seed: the same arguments always write the same bytes.
 * The bundled ids (KHM-2022, KHM-2023) are never generated, so the synthetic
 * set loads beside the bundled reports without duplicate-id problems.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReportManifest, TierName } from '../server/src/model/kb';
import { COUNTRIES, type Country, headerName, subjectName } from './lib/countries';
import { hash32, Rng } from './lib/prng';
import { cap, digits, expand, list, num } from './lib/text';

export const BUNDLED_IDS: readonly string[] = ['KHM-2022', 'KHM-2023'];
export const FIRST_EDITION = 2005;
export const LAST_EDITION = 2024;

export interface GeneratedReport {
  id: string;
  manifest: ReportManifest;
  text: string;
}

type RankedTier = Exclude<TierName, 'Special Case'>;
const LADDER: readonly RankedTier[] = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3'];
const SPECIAL_CASES = new Set(['LBY', 'SOM', 'YEM']);

/** Which (country, edition) pairs to write: every country for the latest editions first, older editions as needed. */
export function selectIds(count: number, seed: number): { country: Country; edition: number }[] {
  const out: { country: Country; edition: number }[] = [];
  for (let edition = LAST_EDITION; out.length < count; edition--) {
    if (edition < 2001) throw new Error(`gen-kb: cannot generate ${count} narratives (the TIP Report started in 2001; at most ${out.length} ids available)`);
    const rng = new Rng(seed ^ hash32(`editions:${edition}`));
    const countries = rng.shuffle([...COUNTRIES]);
    for (const country of countries) {
      if (out.length >= count) break;
      if (BUNDLED_IDS.includes(`${country.iso3}-${edition}`)) continue;
      out.push({ country, edition });
    }
  }
  return out.sort((a, b) => (a.country.iso3 === b.country.iso3 ? a.edition - b.edition : a.country.iso3 < b.country.iso3 ? -1 : 1));
}

/** Tier of a country in each edition: a seeded random walk along the ladder, stable per country. */
export function tierHistory(country: Country, seed: number): Map<number, TierName> {
  const rng = new Rng(seed ^ hash32(`tiers:${country.iso3}`));
  const history = new Map<number, TierName>();
  const r = rng.next();
  let rank = r < 0.14 ? 0 : r < 0.6 ? 1 : r < 0.88 ? 2 : 3;
  for (let edition = 2001; edition <= LAST_EDITION; edition++) {
    if (SPECIAL_CASES.has(country.iso3) && edition >= 2012) {
      history.set(edition, 'Special Case');
      continue;
    }
    const step = rng.next();
    if (step < 0.13 && rank > 0) rank--;
    else if (step > 0.85 && rank < 3) rank++;
    // Watch List began with the 2004 edition; Tier 1 is rarely reached by a jump from the bottom.
    let tier = LADDER[rank];
    if (tier === 'Tier 2 Watch List' && edition < 2004) tier = 'Tier 2';
    history.set(edition, tier);
  }
  return history;
}

// ---------------------------------------------------------------------------
// Phrase banks. `{a|b}` alternatives are expanded per narrative (lib/text.ts).

const RECOMMENDATIONS: readonly string[] = [
  '{Vigorously|Increase efforts to} investigate and prosecute {trafficking crimes|sex and labor trafficking cases}, including {those involving complicit officials|cases involving officials allegedly complicit in trafficking}, and seek adequate penalties for convicted traffickers, which should involve significant prison terms.',
  'Investigate and prosecute traffickers involved in forced labor {in the fishing industry|on plantations|in domestic work|in construction|at brick kilns|in cyber scam operations}, including {labor recruiters|complicit officials|business owners}.',
  '{Proactively|Systematically} screen {vulnerable populations|migrant workers|refugees and asylum-seekers|individuals in commercial sex|foreign workers in detention} for trafficking indicators and refer {identified|all} victims to {appropriate|specialized} services.',
  '{Fully implement|Develop and implement|Finalize and disseminate} {standard operating procedures|victim identification guidelines|a national referral mechanism} for {the identification and referral of victims|proactive victim identification} and train {front-line officials|police, labor inspectors, and immigration officers} on their use.',
  '{Ensure|Take steps to ensure} victims are not {inappropriately penalized|arrested, detained, or deported} for unlawful acts {traffickers compelled them to commit|committed as a direct result of being trafficked}.',
  'Increase funding {and resources|, staffing, and training} for {anti-trafficking police units|specialized prosecutors|labor inspectorates|NGO-run shelters}{, including in rural areas|}.',
  'Amend the anti-trafficking law to {remove the requirement of force, fraud, or coercion for child sex trafficking offenses|criminalize all forms of sex trafficking and labor trafficking|prescribe penalties that are sufficiently stringent|bring the definition of trafficking in line with international law}.',
  '{Expand|Increase} the availability of {specialized|long-term|trauma-informed} services for {male victims|child victims|foreign victims|victims of forced labor|LGBTQI+ victims}, including {shelter, medical, and psychosocial care|legal aid and interpretation|reintegration support}.',
  'Train {judges and prosecutors|law enforcement officials|labor inspectors|diplomatic personnel} on {the anti-trafficking law|victim-centered, trauma-informed approaches|financial investigations of trafficking crimes|identifying forced labor indicators}.',
  '{Eliminate|Prohibit} {recruitment or placement fees charged to workers|worker-paid recruitment fees} by {labor recruiters|recruitment agencies} and ensure they are instead paid by employers.',
  '{Strengthen|Increase} {oversight|regulation and monitoring} of {labor recruitment agencies|private employment agencies|sub-licensed brokers} and hold {fraudulent recruiters|agencies that charge illegal fees} criminally accountable.',
  'Allow {restitution|compensation} {upon conviction of the trafficker|for victims in criminal cases} and {train officials on procedures for calculating and granting it|inform victims of their right to seek it}.',
  '{Establish|Improve} {a system for|procedures for} {collecting and reporting|monitoring and disseminating} {comprehensive|disaggregated} data on {investigations, prosecutions, and convictions|victim identification and protection efforts}.',
  '{Increase|Start} {unannounced|proactive} labor inspections in {high-risk sectors|agriculture, fishing, and domestic work|special economic zones|mining and construction}{, with a focus on identifying forced labor|}.',
  '{Provide|Offer} foreign victims {legal alternatives to removal to countries where they may face hardship or retribution|temporary residency and work authorization while they participate in proceedings|a reflection period before deciding whether to cooperate with law enforcement}.',
  'Incentivize victims’ participation in criminal {and civil|} proceedings, including by {providing witness protection|allowing testimony via video or written statements|providing legal representation}.',
  '{Extend|Amend} labor {law protections|laws} to {domestic workers|agricultural workers|migrant workers} and {enforce them|allow workers to change employers without penalty}.',
  '{Finalize|Adopt|Allocate sufficient resources to implement} the {national action plan|national anti-trafficking strategy} {to combat trafficking|and report on its implementation}.',
  '{Increase|Improve} {cooperation with civil society|coordination among ministries|international law enforcement cooperation} on {victim identification|trafficking investigations|repatriation of victims}.',
  'Raise awareness of trafficking {among vulnerable communities|in schools and border areas|among employers and workers} and {of the national hotline|of the rights of migrant workers}.',
  'Investigate and prosecute {child sex tourism|online sexual exploitation of children|forced begging|forced criminality} and hold {perpetrators|complicit officials} accountable.',
  '{Reduce|Address} the {vulnerability to trafficking|demand for commercial sex acts and forced labor} {among internally displaced persons|in supply chains|in government procurement}.',
  'Establish {and train|} {a specialized anti-trafficking unit|dedicated anti-trafficking prosecutors|victim-witness coordinators} in {each province|the capital and major cities|the national police}.',
  '{Screen|Train officials to screen} {children in institutional care|street children|unaccompanied migrant children} for trafficking indicators and {refer them to care|provide appropriate services}.',
  '{Implement|Strengthen} {victim-centered|trauma-informed} {interview procedures|approaches} {in all trafficking investigations|for child victims}.',
  '{Hold|Criminally hold} {officials|employers and recruiters} accountable for {confiscating passports|withholding wages|complicity in trafficking crimes}.',
  'Ensure {shelters|NGO service providers} receive {sufficient and predictable funding|timely reimbursement} and that victims {may leave shelters freely|are not detained in shelters}.',
  '{Increase|Dedicate} resources to {identify and assist|repatriate and reintegrate} {citizens exploited abroad|victims abroad} through {diplomatic missions|labor attachés}.',
];

const LAW_NAMES: readonly string[] = [
  'Law on Combating Trafficking in Persons',
  'Anti-Trafficking in Persons Act',
  'Prevention and Suppression of Trafficking in Persons Act',
  'Penal Code',
  'Law on the Prevention of Trafficking in Human Beings',
  'Trafficking in Persons (Prohibition) Enforcement and Administration Act',
  'Criminal Code',
  'Combating of Trafficking in Persons Act',
];

const COMPLICITY: readonly string[] = [
  'Corruption and official complicity in trafficking crimes remained significant concerns, inhibiting law enforcement action during the year.',
  'Despite continued reports of official complicity, the government did not report investigating, prosecuting, or convicting any government employees complicit in trafficking crimes.',
  'Observers alleged some police officers accepted bribes to ignore trafficking crimes or to warn establishment owners of impending raids.',
  'The government did not report any investigations, prosecutions, or convictions of government employees complicit in human trafficking crimes.',
];

const SITES: Record<string, readonly string[]> = {
  AF: ['domestic service', 'street vending', 'mining', 'agriculture', 'fishing on Lake Volta', 'cattle herding', 'forced begging in Quranic schools', 'stone quarries'],
  EAP: ['the fishing industry', 'cyber scam operations', 'garment factories', 'palm oil plantations', 'domestic work', 'construction', 'karaoke bars and massage parlors'],
  EUR: ['agriculture', 'construction', 'hospitality', 'domestic work', 'forced begging', 'forced criminality', 'car washes', 'food processing'],
  NEA: ['domestic work', 'construction', 'agriculture', 'hospitality', 'cleaning services', 'forced begging'],
  SCA: ['brick kilns', 'carpet weaving', 'cotton harvesting', 'agriculture', 'domestic work', 'bonded labor in the textile industry', 'construction'],
  WHA: ['agriculture', 'mining', 'domestic service', 'illicit drug cultivation', 'street vending', 'fishing', 'forced criminality by gangs'],
};

// ---------------------------------------------------------------------------

function tierSentence(country: Country, tier: TierName, prev: TierName | undefined, rng: Rng): string {
  const who = subjectName(country);
  if (tier === 'Special Case') return `${cap(who)} remained a Special Case for the ${rng.pick(['second', 'third', 'fourth', 'fifth', 'sixth'])} consecutive year.`;
  const rank = LADDER.indexOf(tier);
  const prevRank = prev && prev !== 'Special Case' ? LADDER.indexOf(prev) : rank;
  const verb = prevRank === rank ? 'remained on' : prevRank > rank ? 'was upgraded to' : 'was downgraded to';
  return `therefore ${who} ${verb} ${tier}`;
}

function summary(country: Country, edition: number, tier: TierName, prev: TierName | undefined, rng: Rng): string {
  const who = subjectName(country);
  const gov = `The Government of ${who}`;
  const efforts = list(
    rng.sample(
      [
        'investigating and prosecuting more traffickers',
        'identifying more victims',
        'adopting a new national action plan',
        'increasing funding for victim services',
        'training more law enforcement officials',
        'establishing a specialized anti-trafficking police unit',
        'amending its labor recruitment regulations',
        'opening a new shelter for trafficking victims',
        'launching a national awareness campaign',
      ],
      rng.int(2, 4),
    ),
  );
  const t = tierSentence(country, tier, prev, rng);
  switch (tier) {
    case 'Tier 1':
      return `${gov} fully meets the minimum standards for the elimination of trafficking. The government continued to demonstrate serious and sustained efforts during the reporting period, ${t}. These efforts included ${efforts}. Although the government meets the minimum standards, it ${rng.pick(['did not consistently sentence convicted traffickers to significant prison terms', 'identified fewer victims of forced labor', 'did not adequately screen migrant workers for trafficking indicators'])}.`;
    case 'Tier 2':
      return `${gov} does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so. The government demonstrated overall increasing efforts compared with the previous reporting period; ${t}. These efforts included ${efforts}. However, the government did not meet the minimum standards in several key areas. It ${rng.pick(['convicted fewer traffickers', 'did not consistently screen vulnerable populations', 'lacked adequate services for male victims', 'did not report complete law enforcement data'])}.`;
    case 'Tier 2 Watch List':
      return `${gov} does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so. These efforts included ${efforts}. However, the government did not demonstrate overall increasing efforts compared with the previous reporting period; ${t}. The government ${rng.pick(['investigated and prosecuted fewer cases', 'identified fewer victims', 'did not hold complicit officials accountable', 'penalized victims for unlawful acts traffickers compelled them to commit'])}.`;
    case 'Tier 3':
      return `${gov} does not fully meet the minimum standards for the elimination of trafficking and is not making significant efforts to do so; ${t}. Despite the lack of significant efforts, the government took some steps to address trafficking, including ${efforts}. However, ${rng.pick(['corruption and official complicity remained widespread', 'the government did not convict any traffickers', 'authorities continued to penalize victims', 'there was a government policy or pattern of forced labor'])}.`;
    case 'Special Case':
      return `${t} ${cap(who)} ${rng.pick(['lacked a functioning central government', 'faced ongoing armed conflict', 'experienced continued political instability'])} during the reporting period, which ${rng.pick(['hindered', 'severely limited'])} efforts to combat trafficking; the government took limited steps, including ${efforts}.`;
  }
}

function recommendations(rng: Rng): string[] {
  const n = rng.int(5, 20);
  const templates = rng.sample(RECOMMENDATIONS, n);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of templates) {
    const text = expand(t, rng);
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  }
  return out;
}

function prosecution(country: Country, dataYear: number, rng: Rng): string[] {
  const who = subjectName(country);
  const lawYear = rng.int(1998, dataYear);
  const a = rng.int(2, 8);
  const b = a + rng.pick([4, 5, 7, 8, 10, 12]);
  const c = b - rng.int(0, 3);
  const d = c + rng.pick([3, 5, 8, 10]);
  const trend = rng.pick(['increased', 'maintained', 'decreased']);
  const penaltyTail = rng.bool(0.7)
    ? 'these penalties were sufficiently stringent and, with respect to sex trafficking, commensurate with those prescribed for other serious crimes, such as rape.'
    : 'inconsistent with international law, the law required a demonstration of force, fraud, or coercion to constitute a child sex trafficking offense and therefore did not criminalize all forms of child sex trafficking.';
  const p1 = `The government ${trend} law enforcement efforts. The ${lawYear} ${rng.pick(LAW_NAMES)} criminalized sex trafficking and labor trafficking and prescribed penalties of ${num(a)} to ${num(b)} years’ imprisonment for offenses involving an adult victim and ${num(c)} to ${num(d)} years’ imprisonment for those involving a child victim; ${penaltyTail}`;

  const scale = rng.pick([1, 3, 10, 30, 100]);
  const inv = rng.int(2, 40) * scale;
  const suspects = inv + rng.int(0, inv);
  const pros = rng.int(1, Math.max(1, Math.floor(suspects * 0.8)));
  const conv = rng.int(0, pros);
  const sex = rng.int(0, conv);
  const labor = conv - sex;
  const prevInv = Math.max(1, Math.round(inv * (0.5 + rng.next())));
  const prevPros = Math.max(0, Math.round(pros * (0.5 + rng.next())));
  const prevConv = Math.max(0, Math.round(conv * (0.5 + rng.next())));
  const p2 = `In ${dataYear}, the government ${rng.pick(['reported investigating', 'initiated investigations into'])} ${num(inv)} cases involving ${num(suspects)} suspects, prosecuting ${num(pros)} suspected traffickers, and convicting ${num(conv)} traffickers, compared with ${num(prevInv)} investigations, ${num(prevPros)} prosecutions, and ${num(prevConv)} convictions in ${dataYear - 1}. Of the convicted traffickers, ${num(sex)} ${sex === 1 ? 'was' : 'were'} convicted for sex trafficking and ${num(labor)} for forced labor. Courts sentenced convicted traffickers to terms ranging from ${num(rng.int(1, 4))} to ${num(rng.int(5, 25))} years’ imprisonment${rng.bool() ? `, and ${num(rng.int(0, Math.max(0, conv)))} received fully suspended sentences` : ''}.`;

  const officials = rng.int(0, 9);
  const p3 = `${rng.pick(COMPLICITY)} ${officials > 0 ? `In ${dataYear}, authorities investigated ${num(officials)} officials for alleged complicity and convicted ${num(rng.int(0, officials))} of them.` : `The government did not report any investigations of complicit officials in ${dataYear}.`}`;

  const trainees = rng.int(20, 4000);
  const sessions = rng.int(2, 120);
  const p4 = `The government, ${rng.pick(['in partnership with NGOs and international organizations', 'with funding from foreign donors', 'on its own'])}, trained ${digits(trainees)} ${rng.pick(['police officers', 'law enforcement officers', 'prosecutors and judges', 'labor inspectors', 'officials'])} in ${num(sessions)} ${rng.pick(['sessions', 'workshops', 'trainings'])} on ${rng.pick(['the anti-trafficking law', 'victim identification', 'investigative techniques and evidence collection', 'victim-centered approaches'])}.`;

  const partners = rng.int(1, 9);
  const p5 = `${cap(who)} cooperated with ${num(partners)} foreign governments on ${num(rng.int(1, 60))} international trafficking investigations and extradited ${num(rng.int(0, 12))} suspected traffickers during the reporting period.`;
  const paras = [p1, p2, p3, p4];
  if (rng.bool(0.6)) paras.push(p5);
  return paras;
}

function protection(country: Country, dataYear: number, rng: Rng): string[] {
  const who = subjectName(country);
  const sexV = rng.int(0, 600);
  const laborV = rng.int(0, 900);
  const unspec = rng.int(0, 200);
  const total = sexV + laborV + unspec;
  const children = rng.int(0, total);
  const foreign = rng.int(0, total);
  const p1 = `The government ${rng.pick(['increased', 'maintained', 'decreased'])} protection efforts. In ${dataYear}, the government identified ${num(total)} trafficking victims, including ${num(sexV)} victims of sex trafficking, ${num(laborV)} victims of forced labor, and ${num(unspec)} victims of unspecified forms of exploitation, compared with ${num(rng.int(0, total * 2 + 5))} victims identified in ${dataYear - 1}. Of the identified victims, ${num(children)} were children and ${num(foreign)} were foreign nationals.`;
  const shelters = rng.int(1, 40);
  const budget = rng.int(1, 95) * 50000;
  const p2 = `The government referred ${num(rng.int(0, total))} victims to ${rng.pick(['government-run shelters', 'NGO-run shelters', 'care facilities'])} and operated ${num(shelters)} shelters ${rng.pick(['for women and children', 'for all victims', 'for child victims only'])}. It allocated the equivalent of $${digits(budget)} to victim services in ${dataYear}, ${rng.pick(['compared with', 'an increase from', 'a decrease from'])} $${digits(Math.round(budget * (0.5 + rng.next())))} the previous year. ${rng.pick([`Authorities in ${who} did not consistently screen vulnerable populations for trafficking indicators.`, 'Foreign victims could apply for temporary residency permits.', 'The law allowed victims to obtain restitution in criminal cases, but courts rarely granted it.', 'Victims could leave shelters unchaperoned.'])}`;
  return [p1, p2];
}

function prevention(country: Country, dataYear: number, edition: number, rng: Rng): string[] {
  const start = rng.int(Math.max(2001, edition - 6), edition - 1);
  const calls = rng.int(40, 25000);
  const related = rng.int(0, Math.min(calls, 400));
  const p1 = `The government ${rng.pick(['maintained', 'increased', 'decreased'])} efforts to prevent trafficking. The ${rng.pick(['National Committee to Combat Trafficking in Persons', 'inter-ministerial anti-trafficking task force', 'National Anti-Trafficking Council'])} ${rng.pick(['met', 'convened'])} ${num(rng.int(1, 12))} times and continued to implement the ${start}–${start + rng.int(3, 5)} national action plan. The government operated a hotline that received ${digits(calls)} calls in ${dataYear}, ${num(related)} of which ${related === 1 ? 'was' : 'were'} related to trafficking.`;
  const p2 = `${rng.pick(['The government conducted awareness campaigns', 'Authorities held awareness events', 'The government funded public service announcements'])} reaching ${digits(rng.int(500, 900000))} people${rng.bool() ? ` in ${num(rng.int(2, 30))} provinces` : ''}. The government ${rng.pick(['did not make efforts to reduce the demand for commercial sex acts', 'made efforts to reduce the demand for commercial sex acts', 'provided anti-trafficking training for its diplomatic personnel', 'did not regulate labor recruiters'])}.`;
  return [p1, p2];
}

function profile(country: Country, rng: Rng): string[] {
  const who = subjectName(country);
  const sites = rng.sample(SITES[country.region], 3);
  const p1 = `As reported over the past five years, human traffickers exploit domestic and foreign victims in ${who}, and traffickers exploit victims from ${who} abroad. Traffickers exploit ${rng.pick(['women and girls', 'women, girls, and boys', 'adults and children'])} in sex trafficking in ${rng.pick(['hotels, bars, and private residences', 'tourist areas', 'mining regions', 'urban centers'])} and ${rng.pick(['men, women, and children', 'adults and children', 'migrant workers'])} in forced labor in ${list(sites)}.`;
  const p2 = `${rng.pick(['Migrant workers', 'Refugees and asylum-seekers', 'Children from rural areas', 'Internally displaced persons', 'Undocumented workers'])} are ${rng.pick(['particularly', 'highly', 'especially'])} vulnerable to trafficking. ${rng.pick(['Recruiters use fraudulent job offers and debt-based coercion', 'Traffickers increasingly use social media to recruit victims', 'Some officials facilitate trafficking by accepting bribes at border crossings', 'Traffickers confiscate identity documents and withhold wages'])}.`;
  return [p1, p2];
}

export function generateReport(country: Country, edition: number, seed: number): GeneratedReport {
  const id = `${country.iso3}-${edition}`;
  const rng = new Rng(seed ^ hash32(id));
  const tiers = tierHistory(country, seed);
  const tier = tiers.get(edition) ?? 'Tier 2';
  const prev = tiers.get(edition - 1);
  const dataYear = edition - 1;
  const header = `${headerName(country)} (${tier})`;
  const paras: string[] = [header, summary(country, edition, tier, prev, rng), 'Prioritized Recommendations', ...recommendations(rng), 'PROSECUTION', ...prosecution(country, dataYear, rng), 'PROTECTION', ...protection(country, dataYear, rng), 'PREVENTION', ...prevention(country, dataYear, edition, rng), 'TRAFFICKING PROFILE', ...profile(country, rng)];
  const text = paras.join('\n\n') + '\n';
  const slug = country.name.toLowerCase().replace(/[’',.]/g, '').replace(/[^a-z0-9]+/g, '-');
  const manifest: ReportManifest = {
    id,
    country: country.name,
    iso3: country.iso3,
    edition,
    dataYear,
    tier,
    sections: ['summary', 'recommendations', 'prosecution', 'protection', 'prevention', 'profile'],
    firstSection: 'summary',
    text: `${id}.txt`,
    source: {
      publisher: 'U.S. Department of State',
      title: `${edition} Trafficking in Persons Report: ${country.name} (synthetic narrative generated for benchmarking, not the real report)`,
      url: `https://www.state.gov/reports/${edition}-trafficking-in-persons-report/${slug}/`,
    },
  };
  return { id, manifest, text };
}

export function* generateKb(count: number, seed: number): Generator<GeneratedReport> {
  for (const { country, edition } of selectIds(count, seed)) yield generateReport(country, edition, seed);
}

export interface WriteResult {
  dir: string;
  count: number;
  bytes: number;
  ids: string[];
}

/** Writes `<ID>.json` + `<ID>.txt` pairs into `dir` (created if needed). */
export function writeKb(dir: string, count: number, seed: number): WriteResult {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const ids: string[] = [];
  for (const r of generateKb(count, seed)) {
    writeFileSync(join(dir, `${r.id}.txt`), r.text);
    writeFileSync(join(dir, `${r.id}.json`), JSON.stringify(r.manifest, null, 2) + '\n');
    bytes += Buffer.byteLength(r.text);
    ids.push(r.id);
  }
  return { dir, count: ids.length, bytes, ids };
}

function parseArgs(argv: string[]): { out: string; count: number; seed: number } {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = get('--out');
  if (!out) throw new Error('usage: gen-kb --out DIR [--count 4000] [--seed 42]');
  const count = Number(get('--count') ?? '4000');
  const seed = Number(get('--seed') ?? '42');
  if (!Number.isInteger(count) || count < 1) throw new Error(`gen-kb: --count must be a positive integer, got ${get('--count')}`);
  if (!Number.isInteger(seed)) throw new Error(`gen-kb: --seed must be an integer, got ${get('--seed')}`);
  return { out: resolve(out), count, seed };
}

const isMain = process.argv[1] !== undefined && /gen-kb\.ts$/.test(process.argv[1]);
if (isMain) {
  try {
    const { out, count, seed } = parseArgs(process.argv.slice(2));
    const t0 = performance.now();
    const r = writeKb(out, count, seed);
    console.log(`gen-kb: wrote ${r.count} narratives (${(r.bytes / 1e6).toFixed(1)} MB of text) to ${r.dir} in ${(performance.now() - t0).toFixed(0)} ms`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
