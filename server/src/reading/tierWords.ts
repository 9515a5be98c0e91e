/**
 * How prose states a tier placement, as data: the verbs (with the change each one
 * says), from which both the report's tier facts and the draft's tier claims are read.
 */
export type TierChangeWord = 'remained' | 'upgraded' | 'downgraded';

/** Verb phrases before a tier ("remained on Tier 3", "moved up to the Tier 2 Watch List") and the change they state. */
export const TIER_VERBS: readonly { phrase: string; change?: TierChangeWord }[] = [
  { phrase: 'remained', change: 'remained' }, { phrase: 'remains', change: 'remained' }, { phrase: 'remain', change: 'remained' },
  { phrase: 'stayed', change: 'remained' }, { phrase: 'stays', change: 'remained' }, { phrase: 'stay', change: 'remained' },
  { phrase: 'was kept', change: 'remained' }, { phrase: 'kept', change: 'remained' },
  { phrase: 'was upgraded', change: 'upgraded' }, { phrase: 'were upgraded', change: 'upgraded' }, { phrase: 'upgraded', change: 'upgraded' },
  { phrase: 'moved up', change: 'upgraded' }, { phrase: 'rose', change: 'upgraded' }, { phrase: 'climbed', change: 'upgraded' }, { phrase: 'promoted', change: 'upgraded' },
  { phrase: 'was downgraded', change: 'downgraded' }, { phrase: 'were downgraded', change: 'downgraded' }, { phrase: 'downgraded', change: 'downgraded' },
  { phrase: 'moved down', change: 'downgraded' }, { phrase: 'dropped', change: 'downgraded' }, { phrase: 'fell', change: 'downgraded' },
  { phrase: 'slipped', change: 'downgraded' }, { phrase: 'demoted', change: 'downgraded' },
  { phrase: 'returned' }, { phrase: 'placed' }, { phrase: 'ranked' }, { phrase: 'moved' },
];

const alternation = [...TIER_VERBS].sort((a, b) => b.phrase.length - a.phrase.length).map((v) => v.phrase.replace(/\s+/g, '\\s+')).join('|');
/** A tier as drafts write it: "Tier 2 Watch List", "Tier-2", "Tier II", "Tier 2 watchlist", and in notes "Tier 2WL", "T2WL", "2WL". */
const TIER_NAME = String.raw`(Tier(?:\s+|-)(?:1|2|3|One|Two|Three|III|II)(?:\s+Watch\s*List|\s?WL)?|T?2\s?WL)`;

/**
 * Words that put a placement before the one a sentence gives now ("after years on the Tier 2 Watch List", "previously
 * Tier 2"): in a sentence that also states the report's tier, a former placement no loaded report may hold.
 */
export const FORMER_TIER_CUES: readonly string[] = [
  'after', 'before', 'previously', 'formerly', 'once', 'earlier', 'used to', 'had been', 'prior to', 'until', 'years on', 'years at',
  'downgrade', 'downgraded', 'upgrade', 'upgraded', 'fell from', 'dropped from', 'moved from', 'down from', 'up from',
];

/**
 * Nouns after "Tier 1" that make it another ranking's tier, not a TIP placement: a supplier's tier in a supply chain
 * ("64 Tier 1 supplier sites"), a city's, a bank's capital, a support plan's.
 */
export const OTHER_TIER_NOUNS: readonly string[] = [
  'supplier', 'suppliers', 'vendor', 'vendors', 'factory', 'factories', 'site', 'sites', 'manufacturer', 'manufacturers', 'contractor', 'contractors',
  'subcontractor', 'subcontractors', 'sourcing', 'supply', 'partner', 'partners', 'city', 'cities', 'bank', 'banks', 'capital', 'support', 'plan', 'account', 'accounts',
];
const otherTierNouns = OTHER_TIER_NOUNS.join('|');

/**
 * A tier claim: an optional verb (group 1, "moved Cambodia up" and "downgraded Cambodia to" too), optional preposition and "the", the tier (group 2).
 * "from Tier 2" is the tier left, not the one claimed.
 */
export function tierClaimRegex(): RegExp {
  return new RegExp(String.raw`\b(?:((?:${alternation})(?:\s+(?:\p{Lu}[\p{L}'’]*\s+)?(?:up|down)|\s+\p{Lu}[\p{L}'’]*(?=\s+(?:to|onto|back\s+to)\s))?)\s+(?:(?:on|to|at|back\s+to|in|onto)\s+)?(?:the\s+)?)?(?<!from\s)(?<!from\s+the\s)${TIER_NAME}\b(?![ \t]+(?:${otherTierNouns})\b)`, 'giu');
}

/** The change a verb phrase states ("moved Cambodia up" -> upgraded), or undefined for a plain placement. */
export function changeOfVerb(verb: string): TierChangeWord | undefined {
  const v = verb.toLowerCase().replace(/\s+/g, ' ');
  if (/\bup$/.test(v)) return 'upgraded';
  if (/\bdown$/.test(v)) return 'downgraded';
  // ("downgraded Cambodia": the verb without its object.)
  return (TIER_VERBS.find((t) => t.phrase === v) ?? TIER_VERBS.find((t) => t.phrase === v.replace(/ [^ ]+$/, '')))?.change;
}

/**
 * Words that give one placement to several countries at once ("Cambodia shares the Tier 2 Watch List with Vietnam",
 * "joins Burma on Tier 3", "like Burma, is on Tier 3"): the claim is each one's.
 */
export const SHARED_TIER_CUES: readonly string[] = ['grouped', 'groups', 'grouping', 'lumped', 'lumps', 'shares', 'share', 'shared', 'sharing', 'joins', 'join', 'joined', 'joining', 'alongside', 'along with', 'together with', 'like', 'as does', 'as do', 'as did', 'both', 'each', 'all'];
