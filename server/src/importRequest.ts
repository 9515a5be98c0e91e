/** The server's side of tipLens/importReport: the importer (dist/lib/import.js in a build) is loaded on the first import only. */
import * as path from 'node:path';
import type { ImportReportParams, ImportReportResult } from './protocol';

const importer = () => require('./node/importCli') as typeof import('./node/importCli');

export async function importReportRequest(params: ImportReportParams): Promise<ImportReportResult> {
  const bad = (m: string): ImportReportResult => ({ written: [], problems: [m], notes: [] });
  if (typeof params !== 'object' || params === null || typeof params.file !== 'string' || typeof params.out !== 'string') return bad('tipLens/importReport: expected {file, out} (absolute paths)');
  if (!path.isAbsolute(params.file) || !path.isAbsolute(params.out)) return bad('tipLens/importReport: file and out must be absolute paths');
  if (params.edition !== undefined && (typeof params.edition !== 'number' || !Number.isInteger(params.edition) || params.edition < 2001 || params.edition > 2100)) return bad(`--edition must be a year such as 2023 (got ${String(params.edition)})`);
  const lib = importer();
  let country;
  if (typeof params.country === 'string' && params.country.trim()) {
    const c = lib.countryFromOption(params.country);
    if (typeof c === 'string') return bad(c);
    country = c;
  }
  return lib.importReport({ input: params.file, out: params.out, edition: params.edition, country, force: params.force === true });
}
