/**
 * Country names and their adjectives, to tell whose figures a sentence gives.
 * A figure about a country that no loaded report covers is never checked.
 */
const COUNTRIES = `Afghanistan|Afghan;Albania|Albanian;Algeria|Algerian;Andorra;Angola|Angolan;Antigua and Barbuda;Argentina|Argentine|Argentinian;Armenia|Armenian;Aruba;Australia|Australian;Austria|Austrian;Azerbaijan|Azerbaijani;Bahamas|Bahamian;Bahrain|Bahraini;Bangladesh|Bangladeshi;Barbados;Belarus|Belarusian;Belgium|Belgian;Belize;Benin|Beninese;Bhutan|Bhutanese;Bolivia|Bolivian;Bosnia and Herzegovina|Bosnian;Botswana;Brazil|Brazilian;Brunei;Bulgaria|Bulgarian;Burkina Faso;Burma|Burmese|Myanmar;Burundi;Cabo Verde|Cape Verde;Cambodia|Cambodian|Khmer;Cameroon|Cameroonian;Canada|Canadian;Central African Republic;Chad|Chadian;Chile|Chilean;China|Chinese|PRC|People's Republic of China|People’s Republic of China;Colombia|Colombian;Comoros;Congo|Congolese|DRC;Costa Rica|Costa Rican;Cote d'Ivoire|Côte d’Ivoire|Côte d'Ivoire|Ivorian;Croatia|Croatian;Cuba|Cuban;Curacao|Curaçao;Cyprus|Cypriot;Czech Republic|Czechia|Czech;Denmark|Danish;Djibouti;Dominica;Dominican Republic|Dominican;Ecuador|Ecuadorian;Egypt|Egyptian;El Salvador|Salvadoran;Equatorial Guinea;Eritrea|Eritrean;Estonia|Estonian;Eswatini|Swaziland;Ethiopia|Ethiopian;Fiji|Fijian;Finland|Finnish;France|French;Gabon|Gabonese;Gambia|Gambian;Georgia|Georgian;Germany|German;Ghana|Ghanaian;Greece|Greek;Grenada;Guatemala|Guatemalan;Guinea-Bissau;Guinea|Guinean;Guyana|Guyanese;Haiti|Haitian;Honduras|Honduran;Hong Kong;Hungary|Hungarian;Iceland|Icelandic;India|Indian;Indonesia|Indonesian;Iran|Iranian;Iraq|Iraqi;Ireland|Irish;Israel|Israeli;Italy|Italian;Jamaica|Jamaican;Japan|Japanese;Jordan|Jordanian;Kazakhstan|Kazakh;Kenya|Kenyan;Kiribati;North Korea|South Korea|Korea|Korean;Kosovo;Kuwait|Kuwaiti;Kyrgyz Republic|Kyrgyzstan|Kyrgyz;Laos|Lao|Laotian;Latvia|Latvian;Lebanon|Lebanese;Lesotho;Liberia|Liberian;Libya|Libyan;Liechtenstein;Lithuania|Lithuanian;Luxembourg;Macau|Macao;Madagascar|Malagasy;Malawi|Malawian;Malaysia|Malaysian;Maldives|Maldivian;Mali|Malian;Malta|Maltese;Marshall Islands;Mauritania|Mauritanian;Mauritius|Mauritian;Mexico|Mexican;Micronesia;Moldova|Moldovan;Monaco;Mongolia|Mongolian;Montenegro;Morocco|Moroccan;Mozambique;Namibia|Namibian;Nauru;Nepal|Nepali|Nepalese;Netherlands|Dutch;New Zealand;Nicaragua|Nicaraguan;Niger|Nigerien;Nigeria|Nigerian;North Macedonia|Macedonian;Norway|Norwegian;Oman|Omani;Pakistan|Pakistani;Palau;Panama|Panamanian;Papua New Guinea;Paraguay|Paraguayan;Peru|Peruvian;Philippines|Filipino|Philippine;Poland|Polish;Portugal|Portuguese;Qatar|Qatari;Romania|Romanian;Russia|Russian;Rwanda|Rwandan;Saint Kitts and Nevis;Saint Lucia;Saint Vincent and the Grenadines;Samoa;San Marino;Sao Tome and Principe;Saudi Arabia|Saudi;Senegal|Senegalese;Serbia|Serbian;Seychelles;Sierra Leone;Singapore|Singaporean;Sint Maarten;Slovakia|Slovak;Slovenia|Slovenian;Solomon Islands;Somalia|Somali;South Africa|South African;South Sudan;Spain|Spanish;Sri Lanka|Sri Lankan;Sudan|Sudanese;Suriname;Sweden|Swedish;Switzerland|Swiss;Syria|Syrian;Taiwan|Taiwanese;Tajikistan|Tajik;Tanzania|Tanzanian;Thailand|Thai;Timor-Leste|East Timor;Togo|Togolese;Tonga;Trinidad and Tobago;Tunisia|Tunisian;Turkey|Turkiye|Türkiye|Turkish;Turkmenistan;Tuvalu;Uganda|Ugandan;Ukraine|Ukrainian;United Arab Emirates|UAE|Emirati;United Kingdom|UK|British;United States|U.S.|USA|American;Uruguay|Uruguayan;Uzbekistan|Uzbek;Vanuatu;Venezuela|Venezuelan;Vietnam|Vietnamese|Viet Nam;Yemen|Yemeni;Zambia|Zambian;Zimbabwe|Zimbabwean`;

export interface CountryMention {
  /** Canonical name (first name of the entry). */
  country: string;
  start: number;
  end: number;
}

const ENTRIES = COUNTRIES.split(';').map((e) => e.split('|'));
const NAME_TO_COUNTRY = new Map<string, string>();
for (const names of ENTRIES) for (const n of names) NAME_TO_COUNTRY.set(n.toLowerCase(), names[0]);
/** Names by their first word (lower case), longest first, so a scan tries "south africa" before "south". */
const BY_FIRST_WORD = new Map<string, string[]>();
for (const name of [...NAME_TO_COUNTRY.keys()].sort((a, b) => b.length - a.length)) {
  const first = name.split(/[\s-]/)[0];
  const list = BY_FIRST_WORD.get(first) ?? [];
  list.push(name);
  BY_FIRST_WORD.set(first, list);
}
/** Capitalised words: every country name starts with one. */
const CAPITALISED = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’.]*/gu;
const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Country mentions in text[start, end), by canonical name. U.S. mentions are kept: they name the report's publisher as often as a country. */
export function countryMentions(text: string, start = 0, end = text.length): CountryMention[] {
  const out: CountryMention[] = [];
  const slice = text.slice(start, end);
  CAPITALISED.lastIndex = 0;
  for (let m = CAPITALISED.exec(slice); m; m = CAPITALISED.exec(slice)) {
    const whole = m[0].toLowerCase();
    const bare = whole.replace(/['’]s$/, '').replace(/['’.]+$/, '');
    const candidates = BY_FIRST_WORD.get(whole) ?? BY_FIRST_WORD.get(bare);
    if (!candidates) continue;
    for (const name of candidates) {
      const raw = slice.slice(m.index, m.index + name.length);
      if (raw.toLowerCase() !== name || isLetter(slice[m.index + name.length])) continue;
      // Short all-caps codes must be written in capitals ("UK", not "uk").
      if (/^(uk|usa|uae|drc|prc)$/.test(name) && raw !== raw.toUpperCase()) continue;
      out.push({ country: NAME_TO_COUNTRY.get(name)!, start: start + m.index, end: start + m.index + name.length });
      CAPITALISED.lastIndex = m.index + name.length;
      break;
    }
  }
  return out;
}

export function canonicalCountry(name: string): string | undefined {
  return NAME_TO_COUNTRY.get(name.toLowerCase());
}
