/**
 * Country names and their adjectives (and a few cities a draft names instead: Poipet, Bangkok), to tell
 * whose figures a sentence gives.
 * A figure about a country that no loaded report covers is never checked.
 */
import { codePointAt, isLetterOrNumber } from '../ingest/chars';

const COUNTRIES = `Afghanistan|Afghan;Albania|Albanian;Algeria|Algerian;Andorra;Angola|Angolan;Antigua and Barbuda;Argentina|Argentine|Argentinian;Armenia|Armenian;Aruba;Australia|Australian;Austria|Austrian;Azerbaijan|Azerbaijani;Bahamas|Bahamian;Bahrain|Bahraini;Bangladesh|Bangladeshi;Barbados;Belarus|Belarusian;Belgium|Belgian;Belize;Benin|Beninese;Bhutan|Bhutanese;Bolivia|Bolivian;Bosnia and Herzegovina|Bosnian;Botswana;Brazil|Brazilian;Brunei;Bulgaria|Bulgarian;Burkina Faso;Burma|Burmese|Myanmar|Yangon|Naypyidaw;Burundi;Cabo Verde|Cape Verde;Cambodia|Cambodian|Khmer|Phnom Penh|Sihanoukville|Preah Sihanouk|Siem Reap|Poipet|Battambang|Kampot|Bavet|Koh Kong;Cameroon|Cameroonian;Canada|Canadian;Central African Republic;Chad|Chadian;Chile|Chilean;China|Chinese|PRC|People's Republic of China|People’s Republic of China;Colombia|Colombian;Comoros;Congo|Congolese|DRC;Costa Rica|Costa Rican;Cote d'Ivoire|Côte d’Ivoire|Côte d'Ivoire|Ivorian;Croatia|Croatian;Cuba|Cuban;Curacao|Curaçao;Cyprus|Cypriot;Czech Republic|Czechia|Czech;Denmark|Danish;Djibouti;Dominica;Dominican Republic|Dominican;Ecuador|Ecuadorian;Egypt|Egyptian;El Salvador|Salvadoran;Equatorial Guinea;Eritrea|Eritrean;Estonia|Estonian;Eswatini|Swaziland;Ethiopia|Ethiopian;Fiji|Fijian;Finland|Finnish;France|French;Gabon|Gabonese;Gambia|Gambian;Georgia|Georgian;Germany|German;Ghana|Ghanaian;Greece|Greek;Grenada;Guatemala|Guatemalan;Guinea-Bissau;Guinea|Guinean;Guyana|Guyanese;Haiti|Haitian;Honduras|Honduran;Hong Kong;Hungary|Hungarian;Iceland|Icelandic;India|Indian;Indonesia|Indonesian;Iran|Iranian;Iraq|Iraqi;Ireland|Irish;Israel|Israeli;Italy|Italian;Jamaica|Jamaican;Japan|Japanese;Jordan|Jordanian;Kazakhstan|Kazakh;Kenya|Kenyan;Kiribati;North Korea|South Korea|Korea|Korean;Kosovo;Kuwait|Kuwaiti;Kyrgyz Republic|Kyrgyzstan|Kyrgyz;Laos|Lao|Laotian|Vientiane;Latvia|Latvian;Lebanon|Lebanese;Lesotho;Liberia|Liberian;Libya|Libyan;Liechtenstein;Lithuania|Lithuanian;Luxembourg;Macau|Macao;Madagascar|Malagasy;Malawi|Malawian;Malaysia|Malaysian|Kuala Lumpur;Maldives|Maldivian;Mali|Malian;Malta|Maltese;Marshall Islands;Mauritania|Mauritanian;Mauritius|Mauritian;Mexico|Mexican;Micronesia;Moldova|Moldovan;Monaco;Mongolia|Mongolian;Montenegro;Morocco|Moroccan;Mozambique;Namibia|Namibian;Nauru;Nepal|Nepali|Nepalese;Netherlands|Dutch;New Zealand;Nicaragua|Nicaraguan;Niger|Nigerien;Nigeria|Nigerian;North Macedonia|Macedonian;Norway|Norwegian;Oman|Omani;Pakistan|Pakistani;Palau;Panama|Panamanian;Papua New Guinea;Paraguay|Paraguayan;Peru|Peruvian;Philippines|Filipino|Philippine;Poland|Polish;Portugal|Portuguese;Qatar|Qatari;Romania|Romanian;Russia|Russian;Rwanda|Rwandan;Saint Kitts and Nevis;Saint Lucia;Saint Vincent and the Grenadines;Samoa;San Marino;Sao Tome and Principe;Saudi Arabia|Saudi;Senegal|Senegalese;Serbia|Serbian;Seychelles;Sierra Leone;Singapore|Singaporean;Sint Maarten;Slovakia|Slovak;Slovenia|Slovenian;Solomon Islands;Somalia|Somali;South Africa|South African;South Sudan;Spain|Spanish;Sri Lanka|Sri Lankan;Sudan|Sudanese;Suriname;Sweden|Swedish;Switzerland|Swiss;Syria|Syrian;Taiwan|Taiwanese;Tajikistan|Tajik;Tanzania|Tanzanian;Thailand|Thai|Bangkok|Chiang Mai;Timor-Leste|East Timor;Togo|Togolese;Tonga;Trinidad and Tobago;Tunisia|Tunisian;Turkey|Turkiye|Türkiye|Turkish;Turkmenistan;Tuvalu;Uganda|Ugandan;Ukraine|Ukrainian;United Arab Emirates|UAE|Emirati;United Kingdom|UK|British;United States|U.S.|USA|American;Uruguay|Uruguayan;Uzbekistan|Uzbek;Vanuatu;Venezuela|Venezuelan;Vietnam|Vietnamese|Viet Nam|Hanoi|Ho Chi Minh City;Yemen|Yemeni;Zambia|Zambian;Zimbabwe|Zimbabwean`;

export interface CountryMention {
  /** Canonical name (first name of the entry). */
  country: string;
  start: number;
  end: number;
}

const ENTRIES = COUNTRIES.split(';').map((e) => e.split('|'));
/** Every name (lower case) to its country's canonical name: a table made once from COUNTRIES, never changed. */
const NAME_TO_COUNTRY: ReadonlyMap<string, string> = new Map(ENTRIES.flatMap((names) => names.map((n) => [n.toLowerCase(), names[0]] as const)));
/** Names by their first word (lower case), longest first, so a scan tries "south africa" before "south". */
const BY_FIRST_WORD: ReadonlyMap<string, string[]> = (() => {
  const byFirst = new Map<string, string[]>();
  for (const name of [...NAME_TO_COUNTRY.keys()].sort((a, b) => b.length - a.length)) {
    const first = name.split(/[\s-]/)[0];
    const list = byFirst.get(first) ?? [];
    list.push(name);
    byFirst.set(first, list);
  }
  return byFirst;
})();
/**
 * BY_FIRST_WORD as a trie over lower-case ASCII (a–z, ' and .), so an ASCII word is looked
 * up without making a string: node n's child for symbol k is TRIE[n * 28 + k] (0: none),
 * and TRIE_NAMES[n] the names of the word that ends at n.
 */
const SYMBOLS = 28;
const symbolOf = (c: number): number => (c >= 97 && c <= 122 ? c - 97 : c >= 65 && c <= 90 ? c - 65 : c === 39 ? 26 : c === 46 ? 27 : -1);
const trieRows: number[][] = [new Array<number>(SYMBOLS).fill(0)];
const TRIE_NAMES: (string[] | undefined)[] = [undefined];
for (const [word, names] of BY_FIRST_WORD) {
  if (!/^[a-z'.]+$/.test(word)) continue; // found through the string path
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    const k = symbolOf(word.charCodeAt(i));
    if (!trieRows[n][k]) {
      trieRows[n][k] = trieRows.length;
      trieRows.push(new Array<number>(SYMBOLS).fill(0));
      TRIE_NAMES.push(undefined);
    }
    n = trieRows[n][k];
  }
  TRIE_NAMES[n] = names;
}
const TRIE = Int32Array.from(trieRows.flat());

/** BY_FIRST_WORD.get(text.slice(from, to).toLowerCase()) for ASCII text made of letters, ' and . only. */
function namesOfAscii(text: string, from: number, to: number): string[] | undefined {
  let n = 0;
  for (let i = from; i < to; i++) {
    n = TRIE[n * SYMBOLS + symbolOf(text.charCodeAt(i))];
    if (n === 0) return undefined;
  }
  return TRIE_NAMES[n];
}

/** The candidates for the capitalised run text[at, j): its lower-case form, else that form without a final 's and trailing ' or . */
function candidatesOf(text: string, at: number, j: number, ascii: boolean): string[] | undefined {
  if (!ascii) {
    const whole = text.slice(at, j).toLowerCase();
    return BY_FIRST_WORD.get(whole) ?? BY_FIRST_WORD.get(whole.replace(/['’]s$/, '').replace(/['’.]+$/, ''));
  }
  const found = namesOfAscii(text, at, j);
  if (found) return found;
  let e = j;
  if (e - at >= 2 && (text.charCodeAt(e - 1) | 0x20) === 115 && text.charCodeAt(e - 2) === 39) e -= 2;
  while (e > at && (text.charCodeAt(e - 1) === 39 || text.charCodeAt(e - 1) === 46)) e--;
  if (e === j) return undefined;
  return e === at ? BY_FIRST_WORD.get('') : namesOfAscii(text, at, e);
}

/**
 * Capitalised words, `(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’.]*` with the u flag: every country name
 * starts with one. `countryMentions` scans for exactly these runs by hand (one regex match
 * per capitalised word was most of its cost); test/unit/check.test.ts holds the two equal.
 */
const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const UPPER = /^\p{Lu}$/u;
const LETTER = /^\p{L}$/u;
const SHORT_CODES = /^(uk|usa|uae|drc|prc)$/;

/** \p{Lu} */
function isUpper(cp: number): boolean {
  if (cp < 128) return cp >= 65 && cp <= 90;
  return UPPER.test(String.fromCodePoint(cp));
}

/** [\p{L}'’.] */
function isRunChar(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || cp === 39 || cp === 46;
  return cp === 0x2019 || LETTER.test(String.fromCodePoint(cp));
}

/** The code point that ends just before i (a surrogate pair counts as one), or -1 at `from`. */
function codePointBefore(text: string, i: number, from: number): number {
  if (i <= from) return -1;
  const d = text.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i - 2 >= from) {
    const c = text.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return d;
}

/** ISO3 codes that are also English words written in capitals ("AND", "ARE", "CAN", "PER"): never read as countries. */
const CODE_WORDS = new Set(['AND', 'ARE', 'CAN', 'NOR', 'PER', 'MAR', 'TON', 'JAM', 'BEN', 'COG', 'DOM', 'GAB', 'MAC', 'TUN', 'PAN', 'MLI', 'NIC', 'BRA', 'COL', 'ARM', 'SOM', 'TUV', 'ITA', 'SUR', 'GUY']);

/**
 * The countries a text names, in order: by name or adjective, and (`codes`: the loaded reports' ISO3 codes) by a code
 * written in capitals as a word of its own ("KHM convictions 2021: 38"; not a citation key's "@KHM-2023").
 */
export function countryMentions(text: string, start = 0, end = text.length, codes?: ReadonlyMap<string, string>): CountryMention[] {
  const named = namedCountries(text, start, end);
  if (!codes || codes.size === 0) return named;
  const coded = codeMentions(text, start, Math.min(end, text.length), codes);
  return coded.length === 0 ? named : [...named, ...coded].sort((a, b) => a.start - b.start);
}

function codeMentions(text: string, start: number, end: number, codes: ReadonlyMap<string, string>): CountryMention[] {
  const out: CountryMention[] = [];
  // (On the range's own text: a search from `start` over the whole text could run far past `end`.)
  const part = text.slice(Math.max(0, start - 1), end + 1);
  const shift = Math.max(0, start - 1);
  for (const m of part.matchAll(/(?<![\p{L}\p{N}@])[A-Z]{3}(?![\p{L}\p{N}])/gu)) {
    const at = shift + m.index;
    const country = codes.get(m[0]);
    if (country && at >= start && at + 3 <= end && !CODE_WORDS.has(m[0])) out.push({ country, start: at, end: at + 3 });
  }
  return out;
}

/** Country names in text[start, end), by canonical name. U.S. mentions are kept: they name the report's publisher as often as a country. */
function namedCountries(text: string, start: number, end: number): CountryMention[] {
  const out: CountryMention[] = [];
  end = Math.min(end, text.length);
  // What CAPITALISED finds in text.slice(start, end), scanned in place: a run starts at an upper-case letter not preceded by a letter or digit.
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    // Fast skip: ASCII that is not an upper-case letter cannot start a run.
    if (c < 128 && (c < 65 || c > 90)) {
      i++;
      continue;
    }
    const cp = c < 128 ? c : codePointAt(text, i, end);
    const width = cp > 0xffff ? 2 : 1;
    if (!isUpper(cp) || isLetterOrNumber(codePointBefore(text, i, start))) {
      i += width;
      continue;
    }
    let j = i + width;
    let ascii = cp < 128;
    while (j < end) {
      const d = text.charCodeAt(j);
      const dp = d < 128 ? d : codePointAt(text, j, end);
      if (!isRunChar(dp)) break;
      if (dp >= 128) ascii = false;
      j += dp > 0xffff ? 2 : 1;
    }
    const at = i;
    i = j;
    const candidates = candidatesOf(text, at, j, ascii);
    if (!candidates) continue;
    for (const name of candidates) {
      const raw = text.slice(at, Math.min(at + name.length, end));
      if (raw.toLowerCase() !== name || isLetter(at + name.length < end ? text[at + name.length] : undefined)) continue;
      // Short all-caps codes must be written in capitals ("UK", not "uk").
      if (SHORT_CODES.test(name) && raw !== raw.toUpperCase()) continue;
      out.push({ country: NAME_TO_COUNTRY.get(name)!, start: at, end: at + name.length });
      i = at + name.length;
      break;
    }
  }
  return out;
}

/** Country names (lower case, longest first) whose first word is `word` (lower case). */
export function countryNamesByFirstWord(word: string): readonly string[] | undefined {
  return BY_FIRST_WORD.get(word);
}

export function canonicalCountry(name: string): string | undefined {
  return NAME_TO_COUNTRY.get(name.toLowerCase());
}
