/** The report manifest (JSON beside a narrative text): parsed and checked, with messages that name the file and the problem. */
import type { ReportManifest, TierName } from '../model/kb';
import { toTierName } from './structure';

export interface ManifestResult {
  manifest?: ReportManifest;
  problems: string[];
}

const ID_RE = /^[A-Z]{3}-\d{4}$/;

export function parseManifest(json: string, file: string): ManifestResult {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { problems: [`${file}: not valid JSON (${(e as Error).message})`] };
  }
  return checkManifest(raw, file);
}

export function checkManifest(raw: unknown, file: string): ManifestResult {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: [`${file}: a manifest must be a JSON object`] };
  const r = raw as Record<string, unknown>;
  const str = (k: string, required = true): string | undefined => {
    const v = r[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (v === undefined && !required) return undefined;
    problems.push(`${file}: "${k}" must be ${required ? 'a non-empty string' : 'a string'}${v === undefined ? ' (missing)' : ''}`);
    return undefined;
  };
  const id = str('id')?.toUpperCase();
  if (id && !ID_RE.test(id)) problems.push(`${file}: "id" must look like ISO3-YEAR, e.g. KHM-2023 (got "${id}")`);
  const country = str('country');
  const iso3 = str('iso3')?.toUpperCase();
  if (iso3 && !/^[A-Z]{3}$/.test(iso3)) problems.push(`${file}: "iso3" must be a three-letter code (got "${iso3}")`);
  const edition = r.edition;
  if (typeof edition !== 'number' || !Number.isInteger(edition) || edition < 2000 || edition > 2100) problems.push(`${file}: "edition" must be a year such as 2023`);
  if (id && iso3 && !id.startsWith(iso3 + '-')) problems.push(`${file}: "id" ${id} does not start with iso3 ${iso3}`);
  if (id && typeof edition === 'number' && !id.endsWith(String(edition))) problems.push(`${file}: "id" ${id} does not end with edition ${edition}`);
  let dataYear = typeof edition === 'number' ? edition - 1 : 0;
  if (r.dataYear !== undefined) {
    if (typeof r.dataYear === 'number' && Number.isInteger(r.dataYear)) dataYear = r.dataYear;
    else problems.push(`${file}: "dataYear" must be a year such as 2021`);
  }
  let tier: TierName | undefined;
  if (r.tier !== undefined && r.tier !== null) {
    tier = typeof r.tier === 'string' ? toTierName(r.tier) : undefined;
    if (!tier) problems.push(`${file}: "tier" must be "Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3" or "Special Case"`);
  }
  let sections: string[] = [];
  if (Array.isArray(r.sections) && r.sections.every((s) => typeof s === 'string')) sections = r.sections as string[];
  else problems.push(`${file}: "sections" must be a list of section slugs, e.g. ["summary", "recommendations"]`);
  const firstSection = str('firstSection', false);
  const text = str('text');
  const src = r.source;
  let source = { publisher: 'U.S. Department of State', title: '', url: '' };
  if (src !== undefined) {
    if (typeof src === 'object' && src !== null && !Array.isArray(src)) {
      const s = src as Record<string, unknown>;
      source = {
        publisher: typeof s.publisher === 'string' ? s.publisher : source.publisher,
        title: typeof s.title === 'string' ? s.title : '',
        url: typeof s.url === 'string' ? s.url : '',
      };
    } else problems.push(`${file}: "source" must be an object {publisher, title, url}`);
  }
  if (problems.length || !id || !country || !iso3 || !text || typeof edition !== 'number') return { problems };
  if (!source.title) source.title = `${edition} Trafficking in Persons Report: ${country}`;
  return { manifest: { id, country, iso3, edition, dataYear, tier, sections, firstSection, text, source }, problems };
}
