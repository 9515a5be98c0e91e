/**
 * Every country the TIP Report has given a narrative (and a few earlier entities), with its
 * ISO 3166 alpha-3 code and the names the report and common usage give it. Typed data: the
 * first name is the one a manifest gets; the others are only for recognising a heading.
 */
export interface CountryEntry {
  readonly iso3: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

const T = (iso3: string, name: string, ...aliases: string[]): CountryEntry => ({ iso3, name, aliases });

export const TIP_COUNTRIES: readonly CountryEntry[] = [
  T('AFG', 'Afghanistan'), T('ALB', 'Albania'), T('DZA', 'Algeria'), T('AGO', 'Angola'), T('ATG', 'Antigua and Barbuda'),
  T('ARG', 'Argentina'), T('ARM', 'Armenia'), T('ABW', 'Aruba'), T('AUS', 'Australia'), T('AUT', 'Austria'),
  T('AZE', 'Azerbaijan'), T('BHS', 'The Bahamas', 'Bahamas'), T('BHR', 'Bahrain'), T('BGD', 'Bangladesh'), T('BRB', 'Barbados'),
  T('BLR', 'Belarus'), T('BEL', 'Belgium'), T('BLZ', 'Belize'), T('BEN', 'Benin'), T('BTN', 'Bhutan'), T('BOL', 'Bolivia'),
  T('BIH', 'Bosnia and Herzegovina', 'Bosnia-Herzegovina', 'Bosnia & Herzegovina'), T('BWA', 'Botswana'), T('BRA', 'Brazil'),
  T('BRN', 'Brunei', 'Brunei Darussalam'), T('BGR', 'Bulgaria'), T('BFA', 'Burkina Faso'), T('MMR', 'Burma', 'Myanmar'),
  T('BDI', 'Burundi'), T('CPV', 'Cabo Verde', 'Cape Verde'), T('KHM', 'Cambodia', 'Kampuchea'), T('CMR', 'Cameroon'),
  T('CAN', 'Canada'), T('CAF', 'Central African Republic', 'CAR'), T('TCD', 'Chad'), T('CHL', 'Chile'),
  T('CHN', 'China', "People's Republic of China", 'PRC', 'China (PRC)', 'China, People’s Republic of', "China, People's Republic of"),
  T('COL', 'Colombia'), T('COM', 'Comoros'),
  T('COD', 'Democratic Republic of the Congo', 'Congo, Democratic Republic of the', 'Congo, Democratic Republic of', 'DRC', 'Congo (Kinshasa)', 'Congo (DRC)', 'Zaire'),
  T('COG', 'Republic of the Congo', 'Congo, Republic of the', 'Congo, Republic of', 'Congo (Brazzaville)', 'Congo'),
  T('CRI', 'Costa Rica'), T('CIV', "Cote d'Ivoire", 'Côte d’Ivoire', "Côte d'Ivoire", 'Ivory Coast'), T('HRV', 'Croatia'),
  T('CUB', 'Cuba'), T('CUW', 'Curaçao', 'Curacao'), T('CYP', 'Cyprus'), T('CZE', 'Czech Republic', 'Czechia'), T('DNK', 'Denmark'),
  T('DJI', 'Djibouti'), T('DMA', 'Dominica'), T('DOM', 'Dominican Republic'), T('ECU', 'Ecuador'), T('EGY', 'Egypt'),
  T('SLV', 'El Salvador'), T('GNQ', 'Equatorial Guinea'), T('ERI', 'Eritrea'), T('EST', 'Estonia'), T('SWZ', 'Eswatini', 'Swaziland'),
  T('ETH', 'Ethiopia'), T('FJI', 'Fiji'), T('FIN', 'Finland'), T('FRA', 'France'), T('GAB', 'Gabon'), T('GMB', 'The Gambia', 'Gambia'),
  T('GEO', 'Georgia'), T('DEU', 'Germany'), T('GHA', 'Ghana'), T('GRC', 'Greece'), T('GRD', 'Grenada'), T('GTM', 'Guatemala'),
  T('GIN', 'Guinea'), T('GNB', 'Guinea-Bissau'), T('GUY', 'Guyana'), T('HTI', 'Haiti'), T('HND', 'Honduras'),
  T('HKG', 'Hong Kong', 'Hong Kong SAR'), T('HUN', 'Hungary'), T('ISL', 'Iceland'), T('IND', 'India'), T('IDN', 'Indonesia'),
  T('IRN', 'Iran'), T('IRQ', 'Iraq'), T('IRL', 'Ireland'), T('ISR', 'Israel'), T('ITA', 'Italy'), T('JAM', 'Jamaica'), T('JPN', 'Japan'),
  T('JOR', 'Jordan'), T('KAZ', 'Kazakhstan'), T('KEN', 'Kenya'), T('KIR', 'Kiribati'),
  T('PRK', 'North Korea', 'Korea, North', "Korea, Democratic People's Republic of", 'Korea, Democratic People’s Republic of', 'DPRK'),
  T('KOR', 'South Korea', 'Korea, South', 'Republic of Korea', 'Korea, Republic of', 'Korea'),
  T('XKX', 'Kosovo'), T('KWT', 'Kuwait'), T('KGZ', 'Kyrgyz Republic', 'Kyrgyzstan'), T('LAO', 'Laos', 'Lao PDR'), T('LVA', 'Latvia'),
  T('LBN', 'Lebanon'), T('LSO', 'Lesotho'), T('LBR', 'Liberia'), T('LBY', 'Libya'), T('LIE', 'Liechtenstein'), T('LTU', 'Lithuania'),
  T('LUX', 'Luxembourg'), T('MAC', 'Macau', 'Macao'), T('MDG', 'Madagascar'), T('MWI', 'Malawi'), T('MYS', 'Malaysia'),
  T('MDV', 'Maldives'), T('MLI', 'Mali'), T('MLT', 'Malta'), T('MHL', 'Marshall Islands'), T('MRT', 'Mauritania'), T('MUS', 'Mauritius'),
  T('MEX', 'Mexico'), T('FSM', 'Micronesia', 'Federated States of Micronesia', 'Micronesia, Federated States of'), T('MDA', 'Moldova'),
  T('MNG', 'Mongolia'), T('MNE', 'Montenegro'), T('MAR', 'Morocco'), T('MOZ', 'Mozambique'), T('NAM', 'Namibia'), T('NRU', 'Nauru'),
  T('NPL', 'Nepal'), T('NLD', 'Netherlands', 'The Netherlands'), T('ANT', 'Netherlands Antilles'), T('NZL', 'New Zealand'),
  T('NIC', 'Nicaragua'), T('NER', 'Niger'), T('NGA', 'Nigeria'), T('MKD', 'North Macedonia', 'Macedonia', 'Republic of North Macedonia'),
  T('NOR', 'Norway'), T('OMN', 'Oman'), T('PAK', 'Pakistan'), T('PLW', 'Palau'), T('PAN', 'Panama'), T('PNG', 'Papua New Guinea'),
  T('PRY', 'Paraguay'), T('PER', 'Peru'), T('PHL', 'Philippines', 'The Philippines'), T('POL', 'Poland'), T('PRT', 'Portugal'),
  T('QAT', 'Qatar'), T('ROU', 'Romania'), T('RUS', 'Russia', 'Russian Federation'), T('RWA', 'Rwanda'),
  T('KNA', 'Saint Kitts and Nevis', 'St. Kitts and Nevis', 'St. Kitts & Nevis'), T('LCA', 'Saint Lucia', 'St. Lucia'),
  T('VCT', 'Saint Vincent and the Grenadines', 'St. Vincent and the Grenadines', 'St. Vincent & the Grenadines'), T('WSM', 'Samoa'),
  T('SMR', 'San Marino'), T('STP', 'Sao Tome and Principe', 'São Tomé and Príncipe'), T('SAU', 'Saudi Arabia'), T('SEN', 'Senegal'),
  T('SRB', 'Serbia'), T('SCG', 'Serbia and Montenegro'), T('SYC', 'Seychelles'), T('SLE', 'Sierra Leone'), T('SGP', 'Singapore'),
  T('SXM', 'Sint Maarten'), T('SVK', 'Slovakia', 'Slovak Republic'), T('SVN', 'Slovenia'), T('SLB', 'Solomon Islands'),
  T('SOM', 'Somalia'), T('ZAF', 'South Africa'), T('SSD', 'South Sudan'), T('ESP', 'Spain'), T('LKA', 'Sri Lanka'), T('SDN', 'Sudan'),
  T('SUR', 'Suriname'), T('SWE', 'Sweden'), T('CHE', 'Switzerland'), T('SYR', 'Syria'), T('TWN', 'Taiwan'), T('TJK', 'Tajikistan'),
  T('TZA', 'Tanzania'), T('THA', 'Thailand'), T('TLS', 'Timor-Leste', 'East Timor'), T('TGO', 'Togo'), T('TON', 'Tonga'),
  T('TTO', 'Trinidad and Tobago', 'Trinidad & Tobago'), T('TUN', 'Tunisia'), T('TUR', 'Turkey', 'Türkiye', 'Turkiye'),
  T('TKM', 'Turkmenistan'), T('TUV', 'Tuvalu'), T('UGA', 'Uganda'), T('UKR', 'Ukraine'), T('ARE', 'United Arab Emirates', 'UAE'),
  T('GBR', 'United Kingdom', 'UK'), T('USA', 'United States', 'United States of America'), T('URY', 'Uruguay'), T('UZB', 'Uzbekistan'),
  T('VUT', 'Vanuatu'), T('VEN', 'Venezuela'), T('VNM', 'Vietnam', 'Viet Nam'), T('YEM', 'Yemen'), T('ZMB', 'Zambia'), T('ZWE', 'Zimbabwe'),
];

/** A name as compared: no accents, lower case, straight apostrophes, "St." as "saint", no leading "the", single spaces. */
export function countryKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/&/g, 'and')
    .replace(/\bst\.?\s/g, 'saint ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/** Every name and alternative name (as countryKey reads it) to its entry: a table made once, never changed. */
const BY_KEY: ReadonlyMap<string, CountryEntry> = new Map(TIP_COUNTRIES.flatMap((c) => [c.name, ...c.aliases].map((n) => [countryKey(n), c] as const)));
const BY_ISO3 = new Map(TIP_COUNTRIES.map((c) => [c.iso3, c]));

/** The country a heading names (any of its names, any case), if it is one of the table's. */
export function findCountry(name: string): CountryEntry | undefined {
  return BY_KEY.get(countryKey(name));
}

export function countryByIso3(iso3: string): CountryEntry | undefined {
  return BY_ISO3.get(iso3.toUpperCase());
}

/**
 * `--country` as given: a name or ISO3 code from the table, or NAME=ISO3 for a country the
 * table does not have (such as the test fixtures' fictional Lumeria=ZZL).
 */
export function countryFromOption(value: string): CountryEntry | string {
  const v = value.trim();
  const eq = /^(.+?)\s*=\s*([A-Za-z]{3})$/.exec(v);
  if (eq) return { iso3: eq[2].toUpperCase(), name: eq[1], aliases: [] };
  const hit = (/^[A-Za-z]{3}$/.test(v) ? countryByIso3(v) : undefined) ?? findCountry(v);
  return hit ?? `--country "${v}" is neither a TIP country name nor an ISO3 code of one (for another, write NAME=ISO3, e.g. "Lumeria=ZZL")`;
}
