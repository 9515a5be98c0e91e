/**
 * Countries and territories covered by the TIP Report, with ISO 3166-1 alpha-3
 * codes (Kosovo uses the commonly used user-assigned XKX) and the State
 * Department's regional bureau (used to vary the trafficking-profile text).
 */
export type Region = 'AF' | 'EAP' | 'EUR' | 'NEA' | 'SCA' | 'WHA';

export interface Country {
  iso3: string;
  name: string;
  region: Region;
}

// name|iso3|region, one per line: easy to read and review.
const RAW = `
Afghanistan|AFG|SCA
Albania|ALB|EUR
Algeria|DZA|NEA
Andorra|AND|EUR
Angola|AGO|AF
Antigua and Barbuda|ATG|WHA
Argentina|ARG|WHA
Armenia|ARM|EUR
Aruba|ABW|WHA
Australia|AUS|EAP
Austria|AUT|EUR
Azerbaijan|AZE|EUR
The Bahamas|BHS|WHA
Bahrain|BHR|NEA
Bangladesh|BGD|SCA
Barbados|BRB|WHA
Belarus|BLR|EUR
Belgium|BEL|EUR
Belize|BLZ|WHA
Benin|BEN|AF
Bhutan|BTN|SCA
Bolivia|BOL|WHA
Bosnia and Herzegovina|BIH|EUR
Botswana|BWA|AF
Brazil|BRA|WHA
Brunei|BRN|EAP
Bulgaria|BGR|EUR
Burkina Faso|BFA|AF
Burma|MMR|EAP
Burundi|BDI|AF
Cabo Verde|CPV|AF
Cambodia|KHM|EAP
Cameroon|CMR|AF
Canada|CAN|WHA
Central African Republic|CAF|AF
Chad|TCD|AF
Chile|CHL|WHA
China|CHN|EAP
Colombia|COL|WHA
Comoros|COM|AF
Congo, Democratic Republic of the|COD|AF
Congo, Republic of the|COG|AF
Costa Rica|CRI|WHA
Côte d’Ivoire|CIV|AF
Croatia|HRV|EUR
Cuba|CUB|WHA
Curaçao|CUW|WHA
Cyprus|CYP|EUR
Czech Republic|CZE|EUR
Denmark|DNK|EUR
Djibouti|DJI|AF
Dominica|DMA|WHA
Dominican Republic|DOM|WHA
Ecuador|ECU|WHA
Egypt|EGY|NEA
El Salvador|SLV|WHA
Equatorial Guinea|GNQ|AF
Eritrea|ERI|AF
Estonia|EST|EUR
Eswatini|SWZ|AF
Ethiopia|ETH|AF
Fiji|FJI|EAP
Finland|FIN|EUR
France|FRA|EUR
Gabon|GAB|AF
The Gambia|GMB|AF
Georgia|GEO|EUR
Germany|DEU|EUR
Ghana|GHA|AF
Greece|GRC|EUR
Grenada|GRD|WHA
Guatemala|GTM|WHA
Guinea|GIN|AF
Guinea-Bissau|GNB|AF
Guyana|GUY|WHA
Haiti|HTI|WHA
Honduras|HND|WHA
Hong Kong|HKG|EAP
Hungary|HUN|EUR
Iceland|ISL|EUR
India|IND|SCA
Indonesia|IDN|EAP
Iran|IRN|NEA
Iraq|IRQ|NEA
Ireland|IRL|EUR
Israel|ISR|NEA
Italy|ITA|EUR
Jamaica|JAM|WHA
Japan|JPN|EAP
Jordan|JOR|NEA
Kazakhstan|KAZ|SCA
Kenya|KEN|AF
Kiribati|KIR|EAP
Korea, North|PRK|EAP
Korea, South|KOR|EAP
Kosovo|XKX|EUR
Kuwait|KWT|NEA
Kyrgyz Republic|KGZ|SCA
Laos|LAO|EAP
Latvia|LVA|EUR
Lebanon|LBN|NEA
Lesotho|LSO|AF
Liberia|LBR|AF
Libya|LBY|NEA
Liechtenstein|LIE|EUR
Lithuania|LTU|EUR
Luxembourg|LUX|EUR
Macau|MAC|EAP
Madagascar|MDG|AF
Malawi|MWI|AF
Malaysia|MYS|EAP
Maldives|MDV|SCA
Mali|MLI|AF
Malta|MLT|EUR
Marshall Islands|MHL|EAP
Mauritania|MRT|AF
Mauritius|MUS|AF
Mexico|MEX|WHA
Micronesia|FSM|EAP
Moldova|MDA|EUR
Monaco|MCO|EUR
Mongolia|MNG|EAP
Montenegro|MNE|EUR
Morocco|MAR|NEA
Mozambique|MOZ|AF
Namibia|NAM|AF
Nauru|NRU|EAP
Nepal|NPL|SCA
Netherlands|NLD|EUR
New Zealand|NZL|EAP
Nicaragua|NIC|WHA
Niger|NER|AF
Nigeria|NGA|AF
North Macedonia|MKD|EUR
Norway|NOR|EUR
Oman|OMN|NEA
Pakistan|PAK|SCA
Palau|PLW|EAP
Panama|PAN|WHA
Papua New Guinea|PNG|EAP
Paraguay|PRY|WHA
Peru|PER|WHA
Philippines|PHL|EAP
Poland|POL|EUR
Portugal|PRT|EUR
Qatar|QAT|NEA
Romania|ROU|EUR
Russia|RUS|EUR
Rwanda|RWA|AF
Saint Kitts and Nevis|KNA|WHA
Saint Lucia|LCA|WHA
Saint Vincent and the Grenadines|VCT|WHA
Samoa|WSM|EAP
San Marino|SMR|EUR
Sao Tome and Principe|STP|AF
Saudi Arabia|SAU|NEA
Senegal|SEN|AF
Serbia|SRB|EUR
Seychelles|SYC|AF
Sierra Leone|SLE|AF
Singapore|SGP|EAP
Sint Maarten|SXM|WHA
Slovakia|SVK|EUR
Slovenia|SVN|EUR
Solomon Islands|SLB|EAP
Somalia|SOM|AF
South Africa|ZAF|AF
South Sudan|SSD|AF
Spain|ESP|EUR
Sri Lanka|LKA|SCA
Sudan|SDN|AF
Suriname|SUR|WHA
Sweden|SWE|EUR
Switzerland|CHE|EUR
Syria|SYR|NEA
Taiwan|TWN|EAP
Tajikistan|TJK|SCA
Tanzania|TZA|AF
Thailand|THA|EAP
Timor-Leste|TLS|EAP
Togo|TGO|AF
Tonga|TON|EAP
Trinidad and Tobago|TTO|WHA
Tunisia|TUN|NEA
Türkiye|TUR|EUR
Turkmenistan|TKM|SCA
Tuvalu|TUV|EAP
Uganda|UGA|AF
Ukraine|UKR|EUR
United Arab Emirates|ARE|NEA
United Kingdom|GBR|EUR
United States of America|USA|WHA
Uruguay|URY|WHA
Uzbekistan|UZB|SCA
Vanuatu|VUT|EAP
Venezuela|VEN|WHA
Vietnam|VNM|EAP
Yemen|YEM|NEA
Zambia|ZMB|AF
Zimbabwe|ZWE|AF
`;

export const COUNTRIES: readonly Country[] = RAW.trim()
  .split('\n')
  .map((line) => {
    const [name, iso3, region] = line.split('|');
    return { name, iso3, region: region as Region };
  });

/** The country as a sentence subject: "the Bahamas", "the Democratic Republic of the Congo". */
export function subjectName(c: Country): string {
  if (c.name.startsWith('The ')) return 'the ' + c.name.slice(4);
  const comma = /^(.*), (.*)$/.exec(c.name);
  if (comma) return `${comma[2]} ${comma[1]}`.replace(/^Republic of the (.*)$/, 'the Republic of the $1').replace(/^Democratic Republic of the (.*)$/, 'the Democratic Republic of the $1').replace(/^North Korea$/, 'North Korea').replace(/^South Korea$/, 'South Korea');
  if (/^(United|Netherlands|Philippines|Czech|Dominican|Central African|Marshall|Solomon|Maldives|Comoros|Seychelles|Kyrgyz)/.test(c.name)) return 'the ' + c.name;
  return c.name;
}

/** Header form used by the narratives: "CAMBODIA", "CONGO, DEMOCRATIC REPUBLIC OF THE". */
export function headerName(c: Country): string {
  return c.name.toUpperCase();
}
