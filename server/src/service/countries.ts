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
const ALL_NAMES = [...NAME_TO_COUNTRY.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const MENTION_RE = new RegExp(`(?<![\\p{L}])(?:${ALL_NAMES.join('|')})(?![\\p{L}])`, 'giu');

/** Country mentions in text[start, end), by canonical name. U.S. mentions are kept: they name the report's publisher as often as a country. */
export function countryMentions(text: string, start = 0, end = text.length): CountryMention[] {
  const out: CountryMention[] = [];
  const slice = text.slice(start, end);
  MENTION_RE.lastIndex = 0;
  for (let m = MENTION_RE.exec(slice); m; m = MENTION_RE.exec(slice)) {
    const raw = m[0];
    // "Georgia", "Jordan", "Chad", "Niger" … as names of people or states are rare in TIP drafts; but short all-caps words must match exactly.
    if (/^(UK|USA|UAE|DRC|PRC)$/i.test(raw) && raw !== raw.toUpperCase()) continue;
    const country = NAME_TO_COUNTRY.get(raw.toLowerCase());
    if (country) out.push({ country, start: start + m.index, end: start + m.index + raw.length });
  }
  return out;
}

export function canonicalCountry(name: string): string | undefined {
  return NAME_TO_COUNTRY.get(name.toLowerCase());
}
