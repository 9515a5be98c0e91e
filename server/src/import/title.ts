/**
 * A narrative's title heading in each era's style, read into country and tier:
 *   HAITI (TIER 2 - WATCH LIST)      2005        HONDURAS (TIER 2)              2006
 *   HONDURAS (Tier 2 Watch List)     2007–2014   CAMBODIA: Tier 2 Watch List    2015–2021
 *   Cambodia (Tier 3)                web 2022–   CAMBODIA: TIER 2 WATCH LIST    PDF 2022–
 *   SOMALIA (Special Case) / SOMALIA: SPECIAL CASE
 * Only a whole short line of the form NAME (TIER) or NAME: TIER is a title, so body text that
 * explains the tier scale ("Tier 1 countries are …") is never read as the country's tier.
 */
import type { TierName } from '../model/kb';
import { findCountry, type CountryEntry } from './countries';

export interface Title {
  /** The country as the heading writes it ("HONDURAS", "Cambodia"). */
  written: string;
  /** The table's entry, or undefined when the heading names a country the table does not have. */
  country?: CountryEntry;
  tier?: TierName;
  /** The tier as the heading writes it ("TIER 2 - WATCH LIST"). */
  tierWritten?: string;
}

const TIER_WORDING = /^tier\s*(1|2|3|one|two|three|i{1,3})(?:\s*[-–—:]?\s*(watch\s*-?\s*list))?$|^(special\s+case)$/i;
const NUMBER: Record<string, string> = { one: '1', two: '2', three: '3', i: '1', ii: '2', iii: '3' };

/** "TIER 2 - WATCH LIST", "Tier 2 Watch List", "Special Case" → the tier name; undefined for anything else. */
export function tierFromWording(raw: string): TierName | undefined {
  const m = TIER_WORDING.exec(raw.replace(/\s+/g, ' ').trim());
  if (!m) return undefined;
  if (m[3]) return 'Special Case';
  const n = NUMBER[m[1].toLowerCase()] ?? m[1];
  if (m[2]) return n === '2' ? 'Tier 2 Watch List' : undefined;
  return `Tier ${n}` as TierName;
}

const TITLE_SHAPE = /^(.{2,60}?)\s*(?:\(([^()]{4,30})\)|:\s*([^:]{4,30}))\s*$/;
/** A country name as headings write it: letters, spaces and the punctuation of names, at most eight words. */
const NAME_SHAPE = /^[\p{L}][\p{L}\s.,'’&()-]*$/u;

/**
 * The title a heading is, if it is one. `bare` also accepts a heading that is only a country
 * name (web pages put the tier elsewhere); `extra` is a country the table lacks (--country NAME=ISO3).
 */
export function parseTitle(text: string, opts: { bare?: boolean; extra?: CountryEntry } = {}): Title | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length > 100) return undefined;
  const lookup = (name: string): CountryEntry | undefined => findCountry(name) ?? (opts.extra && [opts.extra.name, ...opts.extra.aliases].some((n) => n.toLowerCase() === name.toLowerCase()) ? opts.extra : undefined);
  const m = TITLE_SHAPE.exec(t);
  if (m) {
    const tierWritten = (m[2] ?? m[3]).trim();
    const tier = tierFromWording(tierWritten);
    const written = m[1].trim();
    if (tier && NAME_SHAPE.test(written) && written.split(/\s+/).length <= 8 && !/^tier\b/i.test(written)) return { written, country: lookup(written), tier, tierWritten };
  }
  if (opts.bare && NAME_SHAPE.test(t)) {
    const country = lookup(t);
    if (country) return { written: t, country };
  }
  return undefined;
}

/** "CAMBODIA (Tier 3) Extracted in part from …": a title heading run into other text (pasted text). Only an upper-case name of the table. */
const TITLE_PREFIX = /^([\p{Lu}][\p{Lu}\s.,'’&-]{1,58}?)\s*\(([^()]{4,30})\)\s+\S/u;

export function parseTitlePrefix(text: string, extra?: CountryEntry): Title | undefined {
  const m = TITLE_PREFIX.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return undefined;
  const tier = tierFromWording(m[2]);
  const written = m[1].trim();
  const country = findCountry(written) ?? (extra && extra.name.toLowerCase() === written.toLowerCase() ? extra : undefined);
  return tier && country ? { written, country, tier, tierWritten: m[2] } : undefined;
}

